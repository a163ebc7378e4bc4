import type { INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { CloudflareEmulator, fixtures } from './emulator';
import { byEmail, byId, runCloudflareNode, tokenCredential } from './harness/cloudflare';

const { ACCOUNT_ID } = fixtures;
const ADA = '9b2f4e1a-3c5d-4e6f-8a7b-1c2d3e4f5a6b';
const GRACE = '2d7c8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f';
const ALAN = '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9';
const KEN = 'a170b338-3926-4059-b28c-105d1fb17c23';
const MARGARET = 'd23f0824-128b-4f33-8c5c-7fd0a6a3a450';
const riskPath = (userId: string) => `/accounts/${ACCOUNT_ID}/zt_risk_scoring/${userId}`;
const summaryPath = `/accounts/${ACCOUNT_ID}/zt_risk_scoring/summary`;

const emulator = new CloudflareEmulator();
beforeAll(() => emulator.start());
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

const get = (user: INodeParameters[string], extra: INodeParameters = {}): INodeParameters => ({
	resource: 'userRiskScore',
	operation: 'get',
	account: byId(ACCOUNT_ID),
	user,
	...extra,
});
const getMany = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'userRiskScore',
	operation: 'getAll',
	account: byId(ACCOUNT_ID),
	...extra,
});
const sent = () => emulator.requests.map((r) => ({ method: r.method, path: r.path, query: r.query, body: r.body }));
const answer = (index: number) => JSON.parse(emulator.requests[index].response!.body);

describe('User Risk Score → Get', () => {
	it("gives the user's risk level, last reset time and events, with the user id, as one item", async () => {
		const run = await runCloudflareNode({ parameters: get(byId(ADA)), credential: tokenCredential(emulator) });

		expect(run.error).toBeUndefined();
		expect(sent()).toEqual([{ method: 'GET', path: riskPath(ADA), query: {}, body: '' }]);
		expect(run.items).toEqual([
			{
				json: {
					user_id: ADA,
					name: 'Ada Lovelace',
					email: 'ada.lovelace@example.com',
					events: answer(0).result.events,
					last_reset_time: null,
					risk_level: 'high',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect((run.items[0].json.events as unknown[]).length).toBe(2);
	});

	it('By Email: looks the user up and names them in the output', async () => {
		const run = await runCloudflareNode({
			parameters: get(byEmail('Grace.Hopper@example.com')),
			credential: tokenCredential(emulator),
		});

		expect(sent().map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /accounts/${ACCOUNT_ID}/access/users`,
			`GET ${riskPath(GRACE)}`,
		]);
		expect(run.items).toEqual([
			{
				json: { user_id: GRACE, ...answer(1).result, user: { id: GRACE, email: 'grace.hopper@example.com' } },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('Full Envelope: Cloudflare\'s answer as received', async () => {
		const run = await runCloudflareNode({
			parameters: get(byId(ALAN), { options: { output: 'envelope' } }),
			credential: tokenCredential(emulator),
		});
		expect(run.items).toEqual([{ json: answer(0), pairedItem: { item: 0 } }]);
		expect(answer(0).result).toEqual({
			name: 'Alan Turing',
			email: 'alan.turing@example.com',
			events: [],
			last_reset_time: null,
			risk_level: 'low',
		});
	});

	it('shows the reset after a Reset: no events, a reset time', async () => {
		await runCloudflareNode({
			parameters: { resource: 'userRiskScore', operation: 'reset', account: byId(ACCOUNT_ID), user: byId(ADA) },
			credential: tokenCredential(emulator),
		});
		const run = await runCloudflareNode({ parameters: get(byId(ADA)), credential: tokenCredential(emulator) });

		expect(run.items[0].json).toMatchObject({ events: [], risk_level: 'low' });
		expect(run.items[0].json.last_reset_time).toMatch(/^\d{4}-\d\d-\d\dT/);
	});

	it('works with a token that may only read', async () => {
		const run = await runCloudflareNode({
			parameters: get(byId(ADA)),
			credential: tokenCredential(emulator, { apiToken: fixtures.READ_ONLY_API_TOKEN }),
		});
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(1);
	});

	it("an unknown user is Cloudflare's 404, unchanged", async () => {
		const unknown = '00000000-0000-4000-8000-000000000000';
		const run = await runCloudflareNode({ parameters: get(byId(unknown)), credential: tokenCredential(emulator) });

		expect(run.error?.message).toBe('Cloudflare error 1404: User not found');
		expect(run.error?.description).toBe(`HTTP 404 from GET ${riskPath(unknown)}`);
	});
});

describe('User Risk Score → Get Many (the account\'s risk summary)', () => {
	it('Return All: one item per user with risk, as Cloudflare lists them', async () => {
		const run = await runCloudflareNode({
			parameters: getMany({ returnAll: true }),
			credential: tokenCredential(emulator),
		});

		expect(sent()).toEqual([{ method: 'GET', path: summaryPath, query: {}, body: '' }]);
		expect(run.items).toEqual(
			answer(0).result.users.map((json: object) => ({ json, pairedItem: { item: 0 } })),
		);
		expect(run.items.map((item) => item.json)).toEqual([
			{
				user_id: KEN,
				name: 'Ken Thompson',
				email: 'ken.thompson@example.com',
				max_risk_level: 'high',
				event_count: 2,
				last_event: '2026-12-02T22:10:00Z',
			},
			{
				user_id: GRACE,
				name: 'Grace Hopper',
				email: 'grace.hopper@example.com',
				max_risk_level: 'medium',
				event_count: 1,
				last_event: '2026-12-02T09:45:00Z',
			},
			{
				user_id: ADA,
				name: 'Ada Lovelace',
				email: 'ada.lovelace@example.com',
				max_risk_level: 'high',
				event_count: 2,
				last_event: '2026-12-01T14:03:00Z',
			},
			{
				user_id: MARGARET,
				name: 'Margaret Hamilton',
				email: 'margaret.hamilton@example.com',
				max_risk_level: 'low',
				event_count: 1,
				last_event: '2026-11-28T17:20:00Z',
			},
		]);
	});

	it('Limit keeps the first users', async () => {
		const run = await runCloudflareNode({ parameters: getMany({ limit: 2 }), credential: tokenCredential(emulator) });
		expect(run.items.map((item) => item.json.user_id)).toEqual([KEN, GRACE]);
	});

	it.each([
		['high', [KEN, ADA]],
		['medium', [KEN, GRACE, ADA]],
		['low', [KEN, GRACE, ADA, MARGARET]],
	])('the minimum risk level %s keeps users whose highest risk reaches it', async (minimumRiskLevel, expected) => {
		const run = await runCloudflareNode({
			parameters: getMany({ returnAll: true, filters: { minimumRiskLevel } }),
			credential: tokenCredential(emulator),
		});
		expect(run.items.map((item) => item.json.user_id)).toEqual(expected);
	});

	it('the filter applies before the limit', async () => {
		const run = await runCloudflareNode({
			parameters: getMany({ limit: 2, filters: { minimumRiskLevel: 'high' } }),
			credential: tokenCredential(emulator),
		});
		expect(run.items.map((item) => item.json.user_id)).toEqual([KEN, ADA]);
	});

	it('Full Envelope: one item, its users filtered and limited as asked', async () => {
		const run = await runCloudflareNode({
			parameters: getMany({ limit: 1, filters: { minimumRiskLevel: 'medium' }, options: { output: 'envelope' } }),
			credential: tokenCredential(emulator),
		});
		expect(run.items).toEqual([
			{ json: { ...answer(0), result: { users: [answer(0).result.users[0]] } }, pairedItem: { item: 0 } },
		]);
	});

	it('a user reset disappears from the summary', async () => {
		await runCloudflareNode({
			parameters: { resource: 'userRiskScore', operation: 'reset', account: byId(ACCOUNT_ID), user: byId(KEN) },
			credential: tokenCredential(emulator),
		});
		const run = await runCloudflareNode({ parameters: getMany({ returnAll: true }), credential: tokenCredential(emulator) });
		expect(run.items.map((item) => item.json.user_id)).toEqual([GRACE, ADA, MARGARET]);
	});

	it('refuses an unknown minimum risk level before any request', async () => {
		const run = await runCloudflareNode({
			parameters: getMany({ returnAll: true, filters: { minimumRiskLevel: '={{ "critical" }}' } }),
			credential: tokenCredential(emulator),
		});
		expect(emulator.requests).toEqual([]);
		expect(run.error?.message).toBe('Invalid Risk Level for item 0: expected low, medium or high, got "critical"');
	});
});
