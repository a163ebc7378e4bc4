import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { RecordedRequest } from './emulator';
import { CloudflareEmulator, fixtures } from './emulator';
import type { Reply } from './emulator/envelope';
import { byId, fromList, runCloudflareNode, tokenCredential } from './harness/cloudflare';

const { ACCOUNT_ID } = fixtures;
const usersPath = `/accounts/${ACCOUNT_ID}/access/users`;

const emulator = new CloudflareEmulator();
beforeAll(() => emulator.start());
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

const getManyUsers = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'user',
	operation: 'getAll',
	account: byId(ACCOUNT_ID),
	...parameters,
});
const sent = () => emulator.requests.map((r) => ({ method: r.method, path: r.path, query: r.query, body: r.body }));
const answer = (index: number) => JSON.parse(emulator.requests[index].response!.body);
/** The users the emulator sent, page after page, in order. */
const usersSent = () => emulator.requests.flatMap((_, index) => answer(index).result as IDataObject[]);
const seededIds = fixtures.seedUsers().get(ACCOUNT_ID)!.map((user) => user.id);

describe('User → Get Many', () => {
	it('Return All follows result_info to the last page: one item per user, each paired to the input', async () => {
		const run = await runCloudflareNode({
			parameters: getManyUsers({ returnAll: true }),
			credential: tokenCredential(emulator),
		});

		expect(run.error).toBeUndefined();
		expect(sent()).toEqual(
			['1', '2', '3'].map((page) => ({ method: 'GET', path: usersPath, query: { page, per_page: '50' }, body: '' })),
		);
		expect(run.items.map((item) => item.json.id)).toEqual(seededIds);
		expect(run.items).toEqual(usersSent().map((json) => ({ json, pairedItem: { item: 0 } })));
		expect(Object.keys(run.items[0].json).sort()).toEqual(
			[
				'access_seat',
				'active_device_count',
				'created_at',
				'email',
				'gateway_seat',
				'id',
				'last_successful_login',
				'name',
				'seat_uid',
				'uid',
				'updated_at',
			],
		);
	});

	it('Limit asks for no more than it needs and stops there, across pages', async () => {
		const run = await runCloudflareNode({
			parameters: getManyUsers({ returnAll: false, limit: 15 }),
			credential: tokenCredential(emulator),
		});

		// Cloudflare answers 10 per page: the second page brings 5 more than needed, and no third is asked.
		expect(sent().map((r) => r.query)).toEqual([
			{ page: '1', per_page: '15' },
			{ page: '2', per_page: '15' },
		]);
		expect(run.items.map((item) => item.json.id)).toEqual(seededIds.slice(0, 15));
	});

	it('a Limit within the first page makes one request', async () => {
		const run = await runCloudflareNode({
			parameters: getManyUsers({ limit: 3 }),
			credential: tokenCredential(emulator),
		});

		expect(sent().map((r) => r.query)).toEqual([{ page: '1', per_page: '3' }]);
		expect(run.items).toEqual(usersSent().map((json) => ({ json, pairedItem: { item: 0 } })));
		expect(run.items).toHaveLength(3);
	});

	it('sends the email, name and search filters as Cloudflare\'s query parameters', async () => {
		const run = await runCloudflareNode({
			parameters: getManyUsers({
				returnAll: true,
				filters: { email: ' example.com ', name: 'a', search: 'ada' },
			}),
			credential: tokenCredential(emulator),
		});

		expect(sent()).toEqual([
			{
				method: 'GET',
				path: usersPath,
				query: { email: 'example.com', name: 'a', search: 'ada', page: '1', per_page: '50' },
				body: '',
			},
		]);
		expect(run.items.map((item) => item.json.email)).toEqual([
			'ada.lovelace@example.com',
			'ada@example.com',
			'nevada@example.com',
		]);
	});

	it("the email filter is Cloudflare's (it matches parts): Get Many lists what Cloudflare lists", async () => {
		const run = await runCloudflareNode({
			parameters: getManyUsers({ returnAll: true, filters: { email: 'ada@example.com' } }),
			credential: tokenCredential(emulator),
		});

		expect(run.items.map((item) => item.json.email)).toEqual(['ada@example.com', 'nevada@example.com']);
	});

	it('each input item gets its own list, paired to it', async () => {
		const run = await runCloudflareNode({
			parameters: getManyUsers({ returnAll: true, filters: { search: '={{ $json.who }}' } }),
			credential: tokenCredential(emulator),
			startItems: [{ who: 'hopper' }, { who: 'nobody-at-all' }, { who: 'turing' }],
		});

		expect(sent().map((r) => r.query.search)).toEqual(['hopper', 'nobody-at-all', 'turing']);
		expect(run.items.map((item) => [item.json.name, item.pairedItem])).toEqual([
			['Grace Hopper', { item: 0 }],
			['Alan Turing', { item: 2 }],
		]);
	});

	it('Full Envelope: one item with every user collected and the last page\'s result_info', async () => {
		const run = await runCloudflareNode({
			parameters: getManyUsers({ returnAll: true, options: { output: 'envelope' } }),
			credential: tokenCredential(emulator),
		});

		expect(emulator.requests).toHaveLength(3);
		expect(run.items).toEqual([
			{
				json: {
					success: true,
					errors: [],
					messages: [],
					result: usersSent(),
					result_info: { page: 3, per_page: 10, count: 3, total_count: 23 },
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it("From List gives the account's id like By ID", async () => {
		await runCloudflareNode({
			parameters: getManyUsers({ account: fromList(fixtures.ACCOUNT_WITHOUT_RISK_SCORING_ID), limit: 5 }),
			credential: tokenCredential(emulator),
		});

		expect(sent().map((r) => r.path)).toEqual([`/accounts/${fixtures.ACCOUNT_WITHOUT_RISK_SCORING_ID}/access/users`]);
	});

	it.each(['email', 'name', 'search'])('refuses the %s filter with a lone surrogate before any request', async (filter) => {
		const run = await runCloudflareNode({
			parameters: getManyUsers({ filters: { [filter]: '={{ "ada\uD800" }}' } }),
			credential: tokenCredential(emulator),
		});

		const displayName = filter[0].toUpperCase() + filter.slice(1);
		expect(emulator.requests).toEqual([]);
		expect(run.error?.message).toBe(`Invalid ${displayName} for item 0: expected text, got "ada\uFFFD" (text with a lone UTF-16 surrogate, shown as \uFFFD: not valid Unicode)`);
		expect(run.error?.description).toBe(`Check the "Filters → ${displayName}" field of item 0.`);
	});

	it('refuses a Limit below 1 before any request', async () => {
		const run = await runCloudflareNode({
			parameters: getManyUsers({ limit: '={{ 0 }}' }),
			credential: tokenCredential(emulator),
		});

		expect(emulator.requests).toEqual([]);
		expect(run.error?.message).toBe('Invalid Limit for item 0: expected a whole number of 1 or more, got number 0');
	});
});

describe('User → Get Many: a list that never says it ended', () => {
	/** The node's cap on pages per listing (1,000 requests: most of a token's 1,200 per 5 minutes). */
	const MAX_PAGES = 1000;
	/** A full page of 50 users; `from` numbers the first one, so that pages can differ or repeat. */
	const fullPage = (from: number) =>
		Array.from({ length: 50 }, (_, n) => ({
			id: `b0000000-0000-4000-8000-${String(from + n).padStart(12, '0')}`,
			email: `user.${from + n}@example.com`,
		}));
	const listing = (result: IDataObject[], resultInfo?: IDataObject): Reply => ({
		status: 200,
		body: { success: true, errors: [], messages: [], result, ...(resultInfo ? { result_info: resultInfo } : {}) },
	});
	const pageAsked = (request: RecordedRequest) => Number(request.query.page);
	const queries = (pages: number) =>
		Array.from({ length: pages }, (_, n) => ({ page: String(n + 1), per_page: '50' }));

	it('stops on a page that repeats the previous one, whatever total_pages claims; the repeat is not listed twice', async () => {
		emulator.intercept({
			method: 'GET',
			path: usersPath,
			reply: (request) => listing(fullPage(0), { page: pageAsked(request), per_page: 50, total_pages: 1e9 }),
		});
		const run = await runCloudflareNode({ parameters: getManyUsers({ returnAll: true }), credential: tokenCredential(emulator) });

		expect(run.error).toBeUndefined();
		expect(sent().map((r) => r.query)).toEqual(queries(2));
		expect(run.items).toEqual(fullPage(0).map((json) => ({ json, pairedItem: { item: 0 } })));
	});

	it('stops on a repeated page when there is no result_info at all', async () => {
		emulator.intercept({ method: 'GET', path: usersPath, reply: listing(fullPage(0)) });
		const run = await runCloudflareNode({ parameters: getManyUsers({ returnAll: true }), credential: tokenCredential(emulator) });

		expect(sent().map((r) => r.query)).toEqual(queries(2));
		expect(run.items.map((item) => item.json.id)).toEqual(fullPage(0).map((user) => user.id));
	});

	it('a page shorter than per_page is the last, even when total_pages and total_count say more', async () => {
		emulator.intercept({
			method: 'GET',
			path: usersPath,
			reply: (request) => {
				const page = pageAsked(request);
				const users = fullPage((page - 1) * 50).slice(0, page === 2 ? 49 : 50);
				return listing(users, { page, per_page: 50, total_pages: 1e9, total_count: 1e9 });
			},
		});
		const run = await runCloudflareNode({ parameters: getManyUsers({ returnAll: true }), credential: tokenCredential(emulator) });

		expect(sent().map((r) => r.query)).toEqual(queries(2));
		expect(run.items.map((item) => item.json.id)).toEqual([...fullPage(0), ...fullPage(50).slice(0, 49)].map((user) => user.id));
	});

	it(`new full pages forever: Return All stops after ${MAX_PAGES} pages with an error naming the cap, not a silent cut`, async () => {
		emulator.intercept({
			method: 'GET',
			path: usersPath,
			reply: (request) => {
				const page = pageAsked(request);
				return listing(fullPage((page - 1) * 50), { page, per_page: 50, total_pages: 1e9 });
			},
		});
		const run = await runCloudflareNode({
			parameters: getManyUsers({ returnAll: true }),
			credential: tokenCredential(emulator),
			continueOnFail: true,
		});

		expect(sent().map((r) => r.query)).toEqual(queries(MAX_PAGES));
		expect(run.items).toEqual([
			{
				json: {
					error: `Cloudflare's list GET ${usersPath} did not end within ${MAX_PAGES} pages`,
					description:
						`${MAX_PAGES * 50} elements came in ${MAX_PAGES} pages and the list still went on; none is returned. ` +
						"A listing stops there rather than spend the API token's budget of 1,200 requests per 5 minutes. " +
						'List fewer: a Limit, or Filters.',
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});
