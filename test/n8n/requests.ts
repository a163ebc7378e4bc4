import type { CloudflareEmulator } from '../emulator';

/** The requests the emulator received, as [method, path, query], in the order they arrived. */
export const requestsSeen = (emulator: CloudflareEmulator) => emulator.requests.map((r) => [r.method, r.path, r.query]);

/** For requests sent side by side, whose order is up to the network: compare them sorted. */
export const inSomeOrder = (requests: unknown[][]) =>
	[...requests].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
