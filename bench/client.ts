/**
 * One benchmark client, in a process of its own so that the CPU time and memory it reports are
 * its own and not the emulator's or another client's:
 *
 *   node .build/bench/client.js '{"client":"node","baseUrl":"http://127.0.0.1:…/client/v4","items":1000,"concurrency":5}'
 *
 * Resets the risk score of synthetic users 0 … items-1 and prints one ClientResult as JSON.
 * Each client loads only its own libraries, lazily, so none pays for another's.
 */
import type { IDataObject } from 'n8n-workflow';

import { ACCOUNT_ID, API_TOKEN } from '../test/emulator/fixtures';
import { batchUser, itemsFor, resetByItem, resetPath } from '../test/harness/batch';

export type ClientName = 'undici' | 'sdk' | 'node';

export interface ClientConfig {
	client: ClientName;
	baseUrl: string;
	items: number;
	concurrency: number;
	/** The node's other Options (e.g. `maxRetryWait`), besides Concurrency; its defaults otherwise. */
	nodeOptions?: IDataObject;
}

export interface ClientResult extends ClientConfig {
	succeeded: number;
	/** Items that came back as an error (the SDK threw, the node gave an error item). */
	failed: number;
	/** Items that never came back at all. */
	lost: number;
	/** Error messages and how many items ended with each. */
	failures: Record<string, number>;
	wallMs: number;
	/** User + system CPU time of this process during the run. */
	cpuUs: number;
	/** RSS once the client's libraries are loaded, before the first request. */
	rssBeforeMb: number;
	/** The process's peak RSS (loading included). */
	peakRssMb: number;
	/** Live heap after a full garbage collection, before the run and after it (with its output still held). */
	heapBeforeMb?: number;
	heapAfterMb?: number;
}

interface Outcome {
	succeeded: number;
	failed: number;
	failures: Record<string, number>;
	/** What the run produced and a caller would go on using (the node's output items): held while memory is measured. */
	output?: unknown;
}

type Reset = (userId: string) => Promise<void>;

const MB = 1024 * 1024;

/** Run with --expose-gc (bench/run.ts does): a full collection, and the live heap after it. */
function liveHeapMb(): number | undefined {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) return undefined;
	gc();
	return process.memoryUsage().heapUsed / MB;
}

function userIds(count: number): string[] {
	return Array.from({ length: count }, (_, index) => batchUser(index));
}

/** Runs `reset` for every user with at most `concurrency` in flight; an exception fails that item only. */
async function resetAll(ids: string[], concurrency: number, reset: Reset): Promise<Outcome> {
	const outcome: Outcome = { succeeded: 0, failed: 0, failures: {} };
	let next = 0;
	const worker = async () => {
		while (next < ids.length) {
			const userId = ids[next++];
			try {
				await reset(userId);
				outcome.succeeded++;
			} catch (error) {
				outcome.failed++;
				const message = (error as Error).message.slice(0, 120);
				outcome.failures[message] = (outcome.failures[message] ?? 0) + 1;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
	return outcome;
}

/** A plain undici connection pool with `concurrency` keep-alive connections: the client-side limit. */
async function undiciClient(config: ClientConfig): Promise<() => Promise<Outcome>> {
	const { Pool } = await import('undici');
	const base = new URL(config.baseUrl);
	const pool = new Pool(base.origin, { connections: config.concurrency });
	return async () => {
		const outcome = await resetAll(userIds(config.items), config.concurrency, async (userId) => {
			const response = await pool.request({
				method: 'POST',
				path: `${base.pathname}${resetPath(userId)}`,
				headers: { authorization: `Bearer ${API_TOKEN}` },
			});
			const body = (await response.body.json()) as { success?: boolean };
			if (response.statusCode !== 200 || body.success !== true) {
				throw new Error(`HTTP ${response.statusCode}`);
			}
		});
		await pool.close();
		return outcome;
	};
}

/** Cloudflare's official SDK with its defaults (2 retries, Retry-After honoured), as a developer would call it. */
async function sdkClient(config: ClientConfig): Promise<() => Promise<Outcome>> {
	const { default: Cloudflare } = await import('cloudflare');
	const client = new Cloudflare({ apiToken: API_TOKEN, baseURL: config.baseUrl });
	return () =>
		resetAll(userIds(config.items), config.concurrency, async (userId) => {
			await client.zeroTrust.riskScoring.reset(userId, { account_id: ACCOUNT_ID });
		});
}

/** The node, in a real n8n-core WorkflowExecute run: a trigger with one item per user → Reset. */
async function nodeClient(config: ClientConfig): Promise<() => Promise<Outcome>> {
	const { runCloudflareNode } = await import('../test/harness/cloudflare');
	const startItems = itemsFor(userIds(config.items));

	return async () => {
		const run = await runCloudflareNode({
			parameters: resetByItem({ concurrency: config.concurrency, ...config.nodeOptions }),
			credential: { authType: 'apiToken', apiToken: API_TOKEN, baseUrl: config.baseUrl },
			startItems,
			continueOnFail: true,
		});
		const outcome: Outcome = { succeeded: 0, failed: 0, failures: {} };
		if (run.error) outcome.failures[`run failed: ${run.error.message}`] = config.items;
		for (const item of run.items) {
			const error = item.json.error;
			if (error === undefined && item.json.success === true) {
				outcome.succeeded++;
			} else {
				outcome.failed++;
				const message = String(error ?? 'success is not true').slice(0, 120);
				outcome.failures[message] = (outcome.failures[message] ?? 0) + 1;
			}
		}
		outcome.output = run.items;
		return outcome;
	};
}

const clients: Record<ClientName, (config: ClientConfig) => Promise<() => Promise<Outcome>>> = {
	undici: undiciClient,
	sdk: sdkClient,
	node: nodeClient,
};

async function main(): Promise<void> {
	const config = JSON.parse(process.argv[2] ?? '{}') as ClientConfig;
	const prepare = clients[config.client];
	if (!prepare) throw new Error(`Unknown client "${config.client}"; expected undici, sdk or node`);
	const run = await prepare(config);

	const heapBeforeMb = liveHeapMb();
	const rssBefore = process.memoryUsage.rss();
	const cpuStart = process.cpuUsage();
	const start = performance.now();
	const outcome = await run();
	const wallMs = performance.now() - start;
	const cpu = process.cpuUsage(cpuStart);
	const peakRssMb = (process.resourceUsage().maxRSS * 1024) / MB;
	// `outcome` (with the node's output items) is still in use below, so this counts it, as n8n holds
	// a node's output for the next node.
	const heapAfterMb = liveHeapMb();

	const result: ClientResult = {
		...config,
		succeeded: outcome.succeeded,
		failed: outcome.failed,
		lost: config.items - outcome.succeeded - outcome.failed,
		failures: outcome.failures,
		wallMs,
		cpuUs: cpu.user + cpu.system,
		rssBeforeMb: rssBefore / MB,
		peakRssMb,
		heapBeforeMb,
		heapAfterMb,
	};
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (require.main === module) {
	main().then(
		() => process.exit(0),
		(error: Error) => {
			console.error(error.stack ?? error.message);
			process.exit(1);
		},
	);
}
