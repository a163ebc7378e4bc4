/**
 * The emulator as a process of its own, for benchmarks and manual runs:
 *
 *   node .build/test/emulator/cli.js [--port 0] [--latency-ms 20] [--users 10000] [--rate-limit 100 --window-ms 5000]
 *
 * prints its API base URL on the first line of stdout and serves until it is stopped (SIGINT,
 * SIGTERM). `--users N` adds N synthetic users (see synthetic-users.ts) to the main account;
 * `--rate-limit N --window-ms MS` turns on Cloudflare's per-token rate limit, scaled down.
 * Started with an IPC channel (child_process.fork), it answers the message `{ type: 'stats' }`
 * with an EmulatorStats message.
 */
import type { EmulatorOptions } from './server';
import { CloudflareEmulator } from './server';
import { addSyntheticUsers } from './synthetic-users';

export interface EmulatorStats {
	type: 'stats';
	requests: number;
	/** Answers by HTTP status; requests still waiting for their answer count as "pending". */
	byStatus: Record<string, number>;
	/** Users of any account whose risk score was reset at least once. */
	usersReset: number;
	firstRequestAt?: number;
	lastRequestAt?: number;
}

const USAGE = 'Usage: cli.js [--port N] [--latency-ms N] [--users N] [--rate-limit N --window-ms N]';

function parseArgs(argv: string[]): { port: number; users: number; options: EmulatorOptions } {
	const values: Record<string, number> = { port: 0, 'latency-ms': 0, users: 0, 'rate-limit': 0, 'window-ms': 0 };
	for (let i = 0; i < argv.length; i += 2) {
		const name = argv[i].replace(/^--/, '');
		const value = Number(argv[i + 1]);
		if (!(name in values) || !Number.isInteger(value) || value < 0) {
			throw new Error(`Unexpected argument "${argv[i]} ${argv[i + 1] ?? ''}".\n${USAGE}`);
		}
		values[name] = value;
	}
	const options: EmulatorOptions = { latencyMs: values['latency-ms'] };
	if (values['rate-limit'] > 0) {
		if (values['window-ms'] <= 0) throw new Error(`--rate-limit needs --window-ms.\n${USAGE}`);
		options.rateLimit = { limit: values['rate-limit'], windowMs: values['window-ms'] };
	}
	return { port: values.port, users: values.users, options };
}

function collectStats(emulator: CloudflareEmulator): EmulatorStats {
	const byStatus: Record<string, number> = {};
	for (const request of emulator.requests) {
		const status = request.response ? String(request.response.status) : 'pending';
		byStatus[status] = (byStatus[status] ?? 0) + 1;
	}
	let usersReset = 0;
	for (const users of emulator.state.users.values()) {
		for (const user of users) if (user.last_reset_time !== null) usersReset++;
	}
	return {
		type: 'stats',
		requests: emulator.requests.length,
		byStatus,
		usersReset,
		firstRequestAt: emulator.requests[0]?.at,
		lastRequestAt: emulator.requests[emulator.requests.length - 1]?.at,
	};
}

async function main(): Promise<void> {
	const { port, users, options } = parseArgs(process.argv.slice(2));
	const emulator = new CloudflareEmulator(options);
	addSyntheticUsers(emulator.state, users);
	await emulator.start(port);
	process.stdout.write(`${emulator.baseUrl}\n`);

	process.on('message', (message: { type?: string }) => {
		if (message?.type === 'stats') process.send?.(collectStats(emulator));
	});
	const stop = () => void emulator.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	process.on('disconnect', stop);
}

if (require.main === module) {
	main().catch((error: Error) => {
		console.error(error.message);
		process.exit(1);
	});
}
