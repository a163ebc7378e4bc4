import type { EmulatorStats } from '../test/emulator/cli';
import type { ClientResult } from './client';

export type Scenario = 'throughput' | 'rate-limit' | 'memory';

export interface RateLimit {
	limit: number;
	windowMs: number;
}

export interface Row extends ClientResult {
	scenario: Scenario;
	emulator: EmulatorStats;
	rateLimit?: RateLimit;
	/** Items may fail here by design (the SDK's few retries, a Max Retry Wait shorter than the window). */
	mayFail?: boolean;
}

export function itemsPerSecond(row: Row): number {
	return row.succeeded / (row.wallMs / 1000);
}

const grouped = new Intl.NumberFormat('en-US');
const fixed = (value: number, digits = 0) => value.toFixed(digits);

/** A comparison with the other clients of the same throughput cell, or the scenario's own figures. */
function notes(row: Row, rows: Row[]): string[] {
	const notes: string[] = [];
	if (row.nodeOptions) notes.push(`options ${JSON.stringify(row.nodeOptions)}`);
	if (row.scenario === 'throughput' && row.client === 'node') {
		for (const other of ['undici', 'sdk'] as const) {
			const peer = rows.find(
				(r) => r.scenario === 'throughput' && r.client === other && r.concurrency === row.concurrency,
			);
			if (peer) notes.push(`${fixed(itemsPerSecond(row) / itemsPerSecond(peer), 2)}× ${other}`);
		}
	}
	// A rate only says something when every item got through.
	if (row.scenario === 'rate-limit' && row.rateLimit && row.failed === 0) {
		const allowed = row.rateLimit.limit / (row.rateLimit.windowMs / 1000);
		const achieved = itemsPerSecond(row);
		// A perfect client spends the first window's budget at once, then waits for each next window.
		const bestSeconds = (Math.floor((row.items - 1) / row.rateLimit.limit) * row.rateLimit.windowMs) / 1000;
		notes.push(`${fixed(achieved, 1)}/s = ${fixed((100 * achieved) / allowed)} % of the allowed ${fixed(allowed, 1)}/s`);
		notes.push(`best possible ${fixed(bestSeconds, 1)} s`);
	}
	if (row.scenario === 'rate-limit') {
		const answered429 = row.emulator.byStatus['429'] ?? 0;
		notes.push(`${answered429} × 429 (${fixed((100 * answered429) / row.emulator.requests, 1)} % of ${row.emulator.requests} requests)`);
	}
	if (row.scenario === 'memory') notes.push(...memoryNotes(row, rows));
	if (row.emulator.usersReset !== row.succeeded) {
		notes.push(`the emulator reset ${row.emulator.usersReset} users for ${row.succeeded} successes`);
	}
	const topFailure = Object.entries(row.failures).sort((a, b) => b[1] - a[1])[0];
	if (topFailure) notes.push(`${topFailure[1]} × "${topFailure[0]}"`);
	return notes;
}

const retainedMb = (row: Row) =>
	row.heapAfterMb !== undefined && row.heapBeforeMb !== undefined ? row.heapAfterMb - row.heapBeforeMb : undefined;

/** Growth over the loaded process, and against the first (smallest) memory run: linear or not. */
function memoryNotes(row: Row, rows: Row[]): string[] {
	const peakGrowth = row.peakRssMb - row.rssBeforeMb;
	const retained = retainedMb(row);
	const notes = [`peak RSS +${fixed(peakGrowth)} MB over the loaded ${fixed(row.rssBeforeMb)} MB`];
	if (retained !== undefined) notes.push(`live heap after the run +${fixed(retained, 1)} MB`);
	const first = rows.find((r) => r.scenario === 'memory');
	if (first && first !== row) {
		const firstRetained = retainedMb(first);
		notes.push(
			`${fixed(row.items / first.items, 1)}× the items: peak growth ×${fixed(peakGrowth / (first.peakRssMb - first.rssBeforeMb), 1)}` +
				(retained !== undefined && firstRetained !== undefined
					? `, ${fixed(((retained - firstRetained) * 1024) / (row.items - first.items), 2)} kB live heap per extra item`
					: ''),
		);
	}
	return notes;
}

/** The results as one Markdown table, readable in a terminal and pasted as is into BENCHMARKS.md. */
export function formatTable(rows: Row[]): string {
	const header = ['Scenario', 'Client', 'C', 'Items', 'OK / failed / lost', 'Wall s', 'Items/s', 'CPU µs/item', 'Peak RSS MB', 'Notes'];
	const lines = rows.map((row) => {
		const start = [row.scenario, row.client, String(row.concurrency), grouped.format(row.items)];
		return [
			...start,
			`${row.succeeded} / ${row.failed} / ${row.lost}`,
			fixed(row.wallMs / 1000, 1),
			fixed(itemsPerSecond(row)),
			fixed(row.cpuUs / row.items),
			fixed(row.peakRssMb),
			notes(row, rows).join('; '),
		];
	});
	const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
	const format = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	return [format(header), format(widths.map((width) => '-'.repeat(width))), ...lines.map(format)].join('\n');
}

/**
 * What must hold whatever the machine's speed: every item accounted for, and none failed except
 * where the scenario expects it (the SDK loop against the rate limit).
 */
export function checkRows(rows: Row[]): string[] {
	const problems: string[] = [];
	for (const row of rows) {
		const label = `${row.scenario} ${row.client} C=${row.concurrency} N=${row.items}`;
		if (row.lost > 0) problems.push(`${label}: ${row.lost} items lost`);
		if (row.mayFail) continue;
		if (row.failed > 0) problems.push(`${label}: ${row.failed} items failed`);
		if (row.emulator.usersReset !== row.items) {
			problems.push(`${label}: the emulator reset ${row.emulator.usersReset} of ${row.items} users`);
		}
	}
	return problems;
}
