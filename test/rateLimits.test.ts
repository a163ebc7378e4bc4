import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { RecordedRequest } from './emulator';
import { CloudflareEmulator } from './emulator';
import { addBatchUsers, envelopeOf, itemsFor, requestsTo, resetByItem, resetPath } from './harness/batch';
import { runCloudflareNode, tokenCredential } from './harness/cloudflare';

const RATE_LIMITED = { code: 971, message: 'Please wait and consider throttling your request speed' };
const rateLimitedBody = { success: false, errors: [RATE_LIMITED], messages: [], result: null };
const SUCCESS = { success: true, errors: [], messages: [], result: {} };

/** The most requests the emulator was handling at the same moment (from arrival to answer). */
function mostAtOnce(requests: RecordedRequest[]): number {
	const events = requests.flatMap((r) => [
		{ at: r.at, change: 1 },
		{ at: r.response!.at, change: -1 },
	]);
	// An answer at the same ms as an arrival counts as earlier: the slot was free.
	events.sort((a, b) => a.at - b.at || a.change - b.change);
	let current = 0;
	let most = 0;
	for (const { change } of events) {
		current += change;
		most = Math.max(most, current);
	}
	return most;
}

describe('shared back-off', () => {
	const emulator = new CloudflareEmulator();
	beforeAll(() => emulator.start());
	afterAll(() => emulator.stop());
	beforeEach(() => emulator.reset());

	it('20 concurrent items meet a 429: all wait for the longest wait asked, no request goes out meanwhile', async () => {
		const users = addBatchUsers(emulator, 20);
		// The first answer asks for 1 s; the 19 after it for 0.2 s only. Alone, those 19 would be back
		// within the second the first was told to wait.
		emulator.intercept({ path: /\/reset$/, times: 1, reply: { status: 429, headers: { 'retry-after': '1' }, body: rateLimitedBody } });
		emulator.intercept({ path: /\/reset$/, times: 19, reply: { status: 429, headers: { 'retry-after-ms': '200' }, body: rateLimitedBody } });

		const run = await runCloudflareNode({
			parameters: resetByItem({ concurrency: 20 }),
			credential: tokenCredential(emulator),
			startItems: itemsFor(users),
		});

		const [first] = emulator.requests;
		const waitEnds = first.response!.at + 1000;
		expect(emulator.requests.slice(0, 20).map((r) => r.response!.status)).toEqual(Array(20).fill(429));
		expect(new Set(emulator.requests.slice(0, 20).map((r) => r.path)).size).toBe(20);
		// Requests during the wait window: none but those 20 first attempts, which were on their way.
		expect(emulator.requests.slice(20).filter((r) => r.at < waitEnds)).toEqual([]);
		// Then each item once more, and all succeed: 40 requests, no 429 storm.
		expect(emulator.requests.slice(20).map((r) => r.response!.status)).toEqual(Array(20).fill(200));
		expect(users.map((id) => requestsTo(emulator, resetPath(id)).length)).toEqual(Array(20).fill(2));
		expect(run.items).toEqual(users.map((_, item) => ({ json: SUCCESS, pairedItem: { item } })));
	});

	it('a wait asked by one item also holds the items that have not started yet', async () => {
		const users = addBatchUsers(emulator, 6);
		emulator.intercept({ path: resetPath(users[0]), times: 1, reply: { status: 429, headers: { 'retry-after-ms': '500' }, body: rateLimitedBody } });
		// Item 1 is answered 0.1 s later, well after the node has read item 0's 429.
		emulator.intercept({ path: resetPath(users[1]), times: 1, delayMs: 100 });

		const run = await runCloudflareNode({
			parameters: resetByItem({ concurrency: 2 }),
			credential: tokenCredential(emulator),
			startItems: itemsFor(users),
		});

		// Items 0 and 1 went out together and item 0 was told to wait. Item 1's worker was free after
		// 0.1 s and items 2–5 were ready, but nothing went out until the wait was over.
		const [told, item1] = [requestsTo(emulator, resetPath(users[0]))[0], requestsTo(emulator, resetPath(users[1]))[0]];
		expect([told.response!.status, item1.response!.status]).toEqual([429, 200]);
		const later = emulator.requests.filter((r) => r !== told && r !== item1);
		expect(later).toHaveLength(5);
		for (const request of later) expect(request.at).toBeGreaterThanOrEqual(told.response!.at + 500);
		expect(run.items).toEqual(users.map((_, item) => ({ json: SUCCESS, pairedItem: { item } })));
	});
});

describe('Cloudflare\'s rate limit (emulated: 5 requests per second per token)', () => {
	const emulator = new CloudflareEmulator({ rateLimit: { limit: 5, windowMs: 1000 } });
	beforeAll(() => emulator.start());
	afterAll(() => emulator.stop());
	beforeEach(() => emulator.reset());

	it('answers with Cloudflare\'s Ratelimit headers', async () => {
		await runCloudflareNode({
			parameters: resetByItem(),
			credential: tokenCredential(emulator),
			startItems: itemsFor(addBatchUsers(emulator, 1)),
		});
		expect(emulator.requests[0].response!.headers).toMatchObject({
			ratelimit: '"default";r=4;t=1',
			'ratelimit-policy': '"default";q=5;w=1',
		});
	});

	it('the Ratelimit headers slow the node down before a 429: 12 items, Concurrency 3, not one 429', async () => {
		const users = addBatchUsers(emulator, 12);

		const run = await runCloudflareNode({
			parameters: resetByItem({ concurrency: 3 }),
			credential: tokenCredential(emulator),
			startItems: itemsFor(users),
		});

		expect(emulator.requests.map((r) => r.response!.status)).toEqual(Array(12).fill(200));
		expect(run.items).toEqual(users.map((_, item) => ({ json: SUCCESS, pairedItem: { item } })));
	});

	it('with Concurrency above the limit only the first burst meets 429s; every item succeeds', async () => {
		const users = addBatchUsers(emulator, 12);

		const run = await runCloudflareNode({
			parameters: resetByItem({ concurrency: 8 }),
			credential: tokenCredential(emulator),
			startItems: itemsFor(users),
		});

		const firstWindowEnds = emulator.requests[0].at + 1000;
		const refused = emulator.requests.filter((r) => r.response!.status === 429);
		expect(refused.length).toBeLessThanOrEqual(8 - 5);
		expect(refused.filter((r) => r.at >= firstWindowEnds)).toEqual([]);
		expect(emulator.requests.filter((r) => r.response!.status === 200)).toHaveLength(12);
		expect(run.items).toEqual(users.map((_, item) => ({ json: SUCCESS, pairedItem: { item } })));
	});
});

describe('a batch larger than the budget, under a window longer than Max Retry Wait (as Cloudflare\'s 5 minutes against 60 s)', () => {
	// Scaled down: 10 requests per 4 s window, Max Retry Wait 3 s. Spending the budget at once would
	// mean a wait of almost 4 s, which Max Retry Wait refuses.
	const emulator = new CloudflareEmulator({ rateLimit: { limit: 10, windowMs: 4000 } });
	beforeAll(() => emulator.start());
	afterAll(() => emulator.stop());
	beforeEach(() => emulator.reset());

	it('spreads the last of the budget over the rest of the window: every item succeeds, no 429, no wait refused', async () => {
		const users = addBatchUsers(emulator, 15);

		const run = await runCloudflareNode({
			parameters: resetByItem({ maxRetryWait: 3 }),
			credential: tokenCredential(emulator),
			startItems: itemsFor(users),
		});

		expect(emulator.requests.map((r) => r.response!.status)).toEqual(Array(15).fill(200));
		expect(run.items).toEqual(users.map((_, item) => ({ json: SUCCESS, pairedItem: { item } })));
		const firstWindow = emulator.requests.filter((r) => r.at < emulator.requests[0].at + 4000);
		// Most of the window's budget is used, its last requests spread out rather than sent in the opening burst.
		expect(firstWindow.length).toBeGreaterThanOrEqual(8);
		expect(firstWindow[firstWindow.length - 1].at - firstWindow[0].at).toBeGreaterThan(1500);
	});
});

describe('Cloudflare\'s 5-minute block', () => {
	const emulator = new CloudflareEmulator();
	beforeAll(() => emulator.start());
	afterAll(() => emulator.stop());
	beforeEach(() => emulator.reset());

	it('when the Ratelimit header says the budget is spent for longer than Max Retry Wait, the rest is not sent', async () => {
		const users = addBatchUsers(emulator, 3);
		emulator.intercept({
			path: resetPath(users[0]),
			reply: { status: 200, headers: { ratelimit: '"default";r=0;t=250', 'ratelimit-policy': '"default";q=1200;w=300' }, body: SUCCESS },
		});

		const run = await runCloudflareNode({
			parameters: resetByItem({ concurrency: 1 }),
			credential: tokenCredential(emulator),
			startItems: itemsFor(users),
			continueOnFail: true,
		});

		expect(emulator.requests.map((r) => r.path)).toEqual([resetPath(users[0])]);
		const notSent = (item: number) => ({
			json: {
				error: "Cloudflare's rate limit for this API token is used up",
				description: expect.stringMatching(
					new RegExp(
						`^POST ${resetPath(users[item])} was not sent: Cloudflare's rate limit lets no request through for another (249\\.\\d|250) s, more than the Max Retry Wait of 60 s$`,
					),
				),
				errors: [],
			},
			pairedItem: { item },
		});
		expect(run.items).toEqual([{ json: SUCCESS, pairedItem: { item: 0 } }, notSent(1), notSent(2)]);
	});

	it('a few requests left for minutes are sent, not refused because spacing them would take too long', async () => {
		const users = addBatchUsers(emulator, 3);
		emulator.intercept({
			path: resetPath(users[0]),
			reply: { status: 200, headers: { ratelimit: '"default";r=3;t=250', 'ratelimit-policy': '"default";q=1200;w=300' }, body: SUCCESS },
		});

		const run = await runCloudflareNode({
			parameters: resetByItem({ concurrency: 1 }),
			credential: tokenCredential(emulator),
			startItems: itemsFor(users),
		});

		expect(emulator.requests.map((r) => r.path)).toEqual(users.map((user) => resetPath(user)));
		expect(run.items.map((i) => i.json)).toEqual([SUCCESS, SUCCESS, SUCCESS]);
	});

	it('with Max Retry Wait above the wait, the node waits for the window and goes on', async () => {
		const users = addBatchUsers(emulator, 2);
		emulator.intercept({
			path: resetPath(users[0]),
			reply: { status: 200, headers: { ratelimit: '"default";r=0;t=1', 'ratelimit-policy': '"default";q=1200;w=300' }, body: SUCCESS },
		});

		const run = await runCloudflareNode({
			parameters: resetByItem({ concurrency: 1, maxRetryWait: 2 }),
			credential: tokenCredential(emulator),
			startItems: itemsFor(users),
		});

		expect(emulator.requests[1].at - emulator.requests[0].response!.at).toBeGreaterThanOrEqual(1000);
		expect(run.items.map((i) => i.json)).toEqual([SUCCESS, SUCCESS]);
	});
});

describe('Concurrency', () => {
	const emulator = new CloudflareEmulator({ latencyMs: 40 });
	beforeAll(() => emulator.start());
	afterAll(() => emulator.stop());
	beforeEach(() => emulator.reset());

	it.each([1, 3, 5])('Concurrency %i: never more requests at once, and that many are used', async (concurrency) => {
		const users = addBatchUsers(emulator, 10);

		const run = await runCloudflareNode({
			parameters: resetByItem({ concurrency }),
			credential: tokenCredential(emulator),
			startItems: itemsFor(users),
		});

		expect(emulator.requests).toHaveLength(10);
		expect(mostAtOnce(emulator.requests)).toBe(concurrency);
		expect(run.items).toHaveLength(10);
	});

	it('Concurrency 1 is strictly sequential: each request starts after the previous answer, in item order', async () => {
		const users = addBatchUsers(emulator, 5);

		await runCloudflareNode({
			parameters: resetByItem({ concurrency: 1 }),
			credential: tokenCredential(emulator),
			startItems: itemsFor(users),
		});

		expect(emulator.requests.map((r) => r.path)).toEqual(users.map((id) => resetPath(id)));
		for (let i = 1; i < emulator.requests.length; i++) {
			expect(emulator.requests[i].at).toBeGreaterThanOrEqual(emulator.requests[i - 1].response!.at);
		}
	});

	it('the default is 5', async () => {
		await runCloudflareNode({
			parameters: resetByItem(),
			credential: tokenCredential(emulator),
			startItems: itemsFor(addBatchUsers(emulator, 10)),
		});
		expect(mostAtOnce(emulator.requests)).toBe(5);
	});

	it('output order is input order, whatever order the answers come in', async () => {
		const users = addBatchUsers(emulator, 4);
		// Item 0 answers last, item 3 first.
		[300, 200, 100, 0].forEach((delayMs, item) =>
			emulator.intercept({
				path: resetPath(users[item]),
				delayMs,
				reply: { status: 200, body: { ...SUCCESS, result: { item } } },
			}),
		);

		const run = await runCloudflareNode({
			parameters: resetByItem({ concurrency: 4 }),
			credential: tokenCredential(emulator),
			startItems: itemsFor(users),
		});

		const answered = [...emulator.requests].sort((a, b) => a.response!.at - b.response!.at);
		expect(answered.map((r) => r.path)).toEqual([...users].reverse().map((id) => resetPath(id)));
		expect(run.items).toEqual(
			users.map((id, item) => ({ json: envelopeOf(requestsTo(emulator, resetPath(id))[0]), pairedItem: { item } })),
		);
		expect(run.items.map((i) => (i.json.result as { item: number }).item)).toEqual([0, 1, 2, 3]);
	});

	it('without Continue On Fail, no item starts after one failed, and the node names that item', async () => {
		const users = addBatchUsers(emulator, 6);
		const unknown = '00000000-0000-4000-8000-000000000404';

		const run = await runCloudflareNode({
			parameters: resetByItem({ concurrency: 2 }),
			credential: tokenCredential(emulator),
			startItems: itemsFor([users[0], unknown, ...users.slice(2)]),
		});

		expect(run.error).toMatchObject({ message: 'Cloudflare error 1404: User not found', context: { itemIndex: 1 } });
		// Items 0 and 1 ran side by side, item 2 may have started when 0 finished; nothing after it.
		expect(emulator.requests.length).toBeLessThanOrEqual(3);
		expect(emulator.requests.map((r) => r.path).slice(0, 2).sort()).toEqual(
			[resetPath(users[0]), resetPath(unknown)].sort(),
		);
	});

	it('refuses an impossible option before any request, naming it', async () => {
		const run = await runCloudflareNode({
			parameters: resetByItem({ concurrency: '={{ 0 }}' }),
			credential: tokenCredential(emulator),
			startItems: itemsFor(addBatchUsers(emulator, 1)),
		});

		expect(emulator.requests).toEqual([]);
		expect(run.error?.message).toBe('Invalid option "Concurrency": expected a whole number from 1 to 50, got 0');
	});

	it('holds an expression to the editor\'s maximum too: no 100,000 retries', async () => {
		const run = await runCloudflareNode({
			parameters: resetByItem({ maxRetries: '={{ 100000 }}' }),
			credential: tokenCredential(emulator),
			startItems: itemsFor(addBatchUsers(emulator, 1)),
		});

		expect(emulator.requests).toEqual([]);
		expect(run.error?.message).toBe('Invalid option "Max Retries": expected a whole number from 0 to 10, got 100000');
	});
});

describe('cancelling the execution', () => {
	const emulator = new CloudflareEmulator();
	beforeAll(() => emulator.start());
	afterAll(() => emulator.stop());
	beforeEach(() => emulator.reset());

	it('ends a wait for Cloudflare\'s rate limit at once, and sends nothing more', async () => {
		const users = addBatchUsers(emulator, 3);
		emulator.intercept({ path: resetPath(users[0]), reply: { status: 429, headers: { 'retry-after': '50' }, body: rateLimitedBody } });

		// Without the cancellation the node would wait 50 s, past the test's time limit.
		const run = await runCloudflareNode({
			parameters: resetByItem({ concurrency: 1 }),
			credential: tokenCredential(emulator),
			startItems: itemsFor(users),
			cancelAfterMs: 300,
		});

		expect(emulator.requests.map((r) => r.path)).toEqual([resetPath(users[0])]);
		expect(run.items).toEqual([]);
		expect(run.error?.message).toBe('The execution was cancelled while the node waited to send a request');
	});
});
