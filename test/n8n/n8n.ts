/**
 * Drives a real n8n (installed by scripts/n8n-e2e/install-n8n.sh) in a throw-away user folder:
 * its CLI (import, publish, execute) and `n8n start` on a loopback port with the editor's REST API.
 * Every n8n process runs behind scripts/n8n-e2e/netguard.cjs, which refuses any connection that
 * does not stay on this machine and records it in `netguardLog`.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

const NETGUARD = join(__dirname, '..', '..', 'scripts', 'n8n-e2e', 'netguard.cjs');

/** The Node.js binary and n8n's bin/n8n, as install-n8n.sh printed them. */
export interface N8nInstallation {
	node: string;
	bin: string;
}

export interface CommandResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** What `n8n import:credentials` takes: plain `data`, which n8n encrypts with the instance's key. */
export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: IDataObject;
}

/** The part of `n8n execute --rawOutput`'s JSON (an IRun) the tests read. */
export interface Execution {
	status: string;
	data: {
		resultData: {
			runData: Record<string, Array<{ data?: { main: INodeExecutionData[][] } }>>;
			error?: { message: string; description?: string };
		};
	};
}

/** The items a node put out (on its first output) in its first run. */
export function outputOf(execution: Execution, nodeName: string): INodeExecutionData[] {
	const { runData } = execution.data.resultData;
	if (!runData[nodeName]) throw new Error(`Node "${nodeName}" did not run; these did: ${Object.keys(runData).join(', ')}`);
	return runData[nodeName][0].data?.main[0] ?? [];
}

// Offline, telemetry-free, loopback only (see scripts/n8n-e2e/README.md).
const QUIET_N8N: Record<string, string> = {
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
	N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
	EXTERNAL_FRONTEND_HOOKS_URLS: '',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_AI_ENABLED: 'false',
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
	// The only module that calls out by itself (api.n8n.io, for its MCP server list).
	N8N_DISABLED_MODULES: 'mcp-registry',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
	N8N_HOST: '127.0.0.1',
	N8N_LISTEN_ADDRESS: '127.0.0.1',
	N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
	N8N_SECURE_COOKIE: 'false',
	// Not lower: the CLI prints its results (the execution JSON too) through the logger at "info".
	N8N_LOG_LEVEL: 'info',
	N8N_ENCRYPTION_KEY: 'n8n-e2e-test-key-not-a-secret',
};

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** An n8n user folder (N8N_USER_FOLDER), and the n8n commands that work on it. */
export class N8n {
	readonly netguardLog: string;

	constructor(
		private readonly installation: N8nInstallation,
		readonly folder: string,
	) {
		this.netguardLog = join(folder, 'netguard.log');
	}

	/** A user folder of its own: a copy of `template` in a new temporary folder. */
	static copyOf(installation: N8nInstallation, template: string): N8n {
		const folder = mkdtempSync(join(tmpdir(), 'n8n-e2e-'));
		cpSync(template, folder, { recursive: true });
		return new N8n(installation, folder);
	}

	/** Every connection n8n tried to make to another machine (and was refused); [] when it stayed on loopback. */
	refusedConnections(): string[] {
		return existsSync(this.netguardLog) ? readFileSync(this.netguardLog, 'utf8').trim().split('\n') : [];
	}

	remove(): void {
		rmSync(this.folder, { recursive: true, force: true });
	}

	private async env(extra: Record<string, string> = {}): Promise<Record<string, string>> {
		return {
			PATH: process.env.PATH ?? '/usr/bin:/bin',
			HOME: this.folder,
			N8N_USER_FOLDER: this.folder,
			...QUIET_N8N,
			// Each n8n process needs a task-runner broker port of its own.
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			NODE_OPTIONS: `--require ${JSON.stringify(NETGUARD)}`,
			NETGUARD_LOG: this.netguardLog,
			...extra,
		};
	}

	private async spawn(args: string[], extraEnv?: Record<string, string>): Promise<ChildProcess> {
		return spawn(this.installation.node, [this.installation.bin, ...args], {
			cwd: this.folder,
			env: await this.env(extraEnv),
			stdio: ['ignore', 'pipe', 'pipe'],
			// Its own process group, so that stopping it also stops n8n's task runner.
			detached: true,
		});
	}

	/** Runs an n8n CLI command to its end. */
	async run(...args: string[]): Promise<CommandResult> {
		const child = await this.spawn(args);
		const stopOnExit = () => killGroup(child, 'SIGKILL');
		process.once('exit', stopOnExit);
		let stdout = '';
		let stderr = '';
		child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const code = await new Promise<number | null>((resolve, reject) => {
			child.once('error', reject);
			child.once('close', resolve);
		});
		process.off('exit', stopOnExit);
		return { code, stdout, stderr };
	}

	/** Runs a command that must succeed; its output is in the error otherwise. */
	async runOk(...args: string[]): Promise<CommandResult> {
		const result = await this.run(...args);
		if (result.code !== 0) {
			throw new Error(`n8n ${args.join(' ')} exited with ${result.code}:\n${result.stdout}\n${result.stderr}`);
		}
		return result;
	}

	async importCredentials(credentials: CredentialImport[]): Promise<void> {
		const file = join(this.folder, 'credentials-to-import.json');
		writeFileSync(file, JSON.stringify(credentials));
		await this.runOk('import:credentials', `--input=${file}`);
		rmSync(file);
	}

	/** Imports workflows (exported workflow JSON, each with its `id`), all in one command. */
	async importWorkflows(workflows: IDataObject[]): Promise<void> {
		const folder = mkdtempSync(join(this.folder, 'workflows-to-import-'));
		workflows.forEach((workflow, index) => writeFileSync(join(folder, `${index}.json`), JSON.stringify(workflow)));
		await this.runOk('import:workflow', '--separate', `--input=${folder}`);
		rmSync(folder, { recursive: true });
	}

	/** `n8n execute --id <id> --rawOutput`, and the execution it prints, also when that failed (exit code 1). */
	async execute(workflowId: string): Promise<Execution> {
		const result = await this.run('execute', `--id=${workflowId}`, '--rawOutput');
		// Log lines come first; the execution is pretty-printed JSON from a line "{" to a line "}".
		const json = /^\{$[\s\S]*^\}$/m.exec(result.stdout);
		if (!json) throw new Error(`n8n execute printed no execution:\n${result.stdout}\n${result.stderr}`);
		return JSON.parse(json[0]) as Execution;
	}

	/** `n8n start` on a free loopback port; resolves once it is ready. */
	async start(): Promise<N8nServer> {
		const port = await freePort();
		const child = await this.spawn(['start'], { N8N_PORT: String(port) });
		const server = new N8nServer(child, `http://127.0.0.1:${port}`);
		await server.waitUntilReady();
		return server;
	}
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// Already gone.
	}
}

export interface RestResponse<T = unknown> {
	status: number;
	headers: Headers;
	body: T;
}

/** A running `n8n start`, and the editor's REST API as the owner (once `setUpOwner` ran). */
export class N8nServer {
	private log = '';
	private cookie = '';
	private readonly stopOnExit = () => killGroup(this.child, 'SIGKILL');

	constructor(
		private readonly child: ChildProcess,
		readonly url: string,
	) {
		child.stdout!.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
		child.stderr!.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
		process.once('exit', this.stopOnExit);
	}

	/** What n8n printed so far: for failure messages. */
	get output(): string {
		return this.log;
	}

	/** n8n answers /healthz early; /healthz/readiness only once the database and every module are up. */
	async waitUntilReady(timeoutMs = 120_000): Promise<void> {
		await this.poll(`n8n to be ready`, timeoutMs, async () => {
			if (this.child.exitCode !== null) throw new Error(`n8n start exited with ${this.child.exitCode}:\n${this.log}`);
			return fetch(`${this.url}/healthz/readiness`).then(
				(response) => response.ok,
				() => false,
			);
		});
	}

	/**
	 * n8n activates published workflows in the background after it started: their webhooks answer
	 * only once the publication status says every trigger is activated. Needs the owner's session.
	 */
	async waitUntilPublished(workflowId: string, timeoutMs = 60_000): Promise<void> {
		type Status = { data: { triggers: Array<{ status: string; errorMessage?: string | null }> } };
		await this.poll(`workflow ${workflowId} to be active`, timeoutMs, async () => {
			const { status, body } = await this.request<Status>('GET', `/rest/workflows/${workflowId}/publication-status`);
			if (status !== 200) throw new Error(`Publication status of ${workflowId}: HTTP ${status} ${JSON.stringify(body)}`);
			const failed = body.data.triggers.find((trigger) => trigger.status === 'failed');
			if (failed) throw new Error(`Workflow ${workflowId} could not be activated: ${failed.errorMessage}`);
			return body.data.triggers.length > 0 && body.data.triggers.every((trigger) => trigger.status === 'activated');
		});
	}

	private async poll(what: string, timeoutMs: number, isDone: () => Promise<boolean>): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (await isDone()) return;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		throw new Error(`Waited ${timeoutMs / 1000} s for ${what}; n8n printed:\n${this.log}`);
	}

	async stop(): Promise<void> {
		process.off('exit', this.stopOnExit);
		if (this.child.exitCode !== null || this.child.signalCode !== null) return;
		const exited = new Promise((resolve) => this.child.once('exit', resolve));
		killGroup(this.child, 'SIGTERM');
		const timer = setTimeout(() => killGroup(this.child, 'SIGKILL'), 10_000);
		await exited;
		clearTimeout(timer);
	}

	/** A request as a browser on the editor would send it: JSON, with the owner's session cookie. */
	async request<T = unknown>(method: string, path: string, body?: unknown): Promise<RestResponse<T>> {
		const response = await fetch(`${this.url}${path}`, {
			method,
			headers: {
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		const isJson = response.headers.get('content-type')?.includes('json') ?? false;
		return { status: response.status, headers: response.headers, body: (isJson ? JSON.parse(text) : text) as T };
	}

	/** Creates the instance owner, as the editor's first screen does, and keeps the session cookie. */
	async setUpOwner(): Promise<void> {
		const response = await fetch(`${this.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				email: 'owner@example.com',
				firstName: 'E2E',
				lastName: 'Owner',
				password: 'Passw0rd-E2E',
			}),
		});
		const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith('n8n-auth='));
		if (response.status !== 200 || !session) {
			throw new Error(`Owner setup answered ${response.status}: ${await response.text()}`);
		}
		this.cookie = session.split(';')[0];
	}
}
