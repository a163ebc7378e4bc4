import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { CloudflareEmulator, fixtures } from './emulator';
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

	it('refuses a Limit below 1 before any request', async () => {
		const run = await runCloudflareNode({
			parameters: getManyUsers({ limit: '={{ 0 }}' }),
			credential: tokenCredential(emulator),
		});

		expect(emulator.requests).toEqual([]);
		expect(run.error?.message).toBe('Invalid Limit for item 0: expected a whole number of 1 or more, got number 0');
	});
});
