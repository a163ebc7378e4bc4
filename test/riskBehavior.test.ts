import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { CloudflareEmulator, fixtures } from './emulator';
import { byId, runCloudflareNode, tokenCredential } from './harness/cloudflare';

const { ACCOUNT_ID } = fixtures;
const behaviorsPath = `/accounts/${ACCOUNT_ID}/zt_risk_scoring/behaviors`;

const emulator = new CloudflareEmulator();
beforeAll(() => emulator.start());
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

const behaviors = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'riskBehavior',
	operation,
	account: byId(ACCOUNT_ID),
	...extra,
});
const sent = () => emulator.requests.map((r) => ({ method: r.method, path: r.path, query: r.query, body: r.body }));
const answer = (index: number) => JSON.parse(emulator.requests[index].response!.body);
const itemsOf = (result: { behaviors: Record<string, IDataObject> }) =>
	Object.entries(result.behaviors).map(([key, behavior]) => ({ key, ...behavior }));

/** The settings Cloudflare's PUT expects for every behavior, as the emulator's fresh state has them. */
const seededSettings = () =>
	Object.fromEntries(
		Object.entries(fixtures.seedBehaviors()).map(([key, b]) => [key, { enabled: b.enabled, risk_level: b.risk_level }]),
	);

describe('Risk Behavior → Get Many', () => {
	it('one item per behavior, its key included, in Cloudflare\'s order', async () => {
		const run = await runCloudflareNode({ parameters: behaviors('getAll'), credential: tokenCredential(emulator) });

		expect(sent()).toEqual([{ method: 'GET', path: behaviorsPath, query: {}, body: '' }]);
		expect(run.items.map((item) => item.json)).toEqual(itemsOf(answer(0).result));
		expect(run.items[0]).toEqual({
			json: {
				key: 'imp_travel',
				name: 'Impossible travel',
				description:
					'User had a successful login from two locations they could not have traveled between in that period of time.',
				enabled: true,
				risk_level: 'high',
			},
			pairedItem: { item: 0 },
		});
		expect(run.items.map((item) => item.json.key)).toEqual(['imp_travel', 'high_dlp', 'sentinel_one', 'gateway_blocks']);
	});

	it('Full Envelope: the answer as received', async () => {
		const run = await runCloudflareNode({
			parameters: behaviors('getAll', { options: { output: 'envelope' } }),
			credential: tokenCredential(emulator),
		});
		expect(run.items).toEqual([{ json: answer(0), pairedItem: { item: 0 } }]);
	});
});

describe('Risk Behavior → Update', () => {
	it('reads the behaviors, then sends the full set with the chosen ones changed', async () => {
		const run = await runCloudflareNode({
			parameters: behaviors('update', {
				behaviors: ['sentinel_one', 'gateway_blocks'],
				updateFields: { enabled: false, riskLevel: 'high' },
			}),
			credential: tokenCredential(emulator),
		});

		expect(run.error).toBeUndefined();
		expect(sent()).toEqual([
			{ method: 'GET', path: behaviorsPath, query: {}, body: '' },
			{
				method: 'PUT',
				path: behaviorsPath,
				query: {},
				body: JSON.stringify({
					behaviors: {
						imp_travel: { enabled: true, risk_level: 'high' },
						high_dlp: { enabled: true, risk_level: 'medium' },
						sentinel_one: { enabled: false, risk_level: 'high' },
						gateway_blocks: { enabled: false, risk_level: 'high' },
					},
				}),
			},
		]);
		expect(run.items).toEqual(itemsOf(answer(1).result).map((json) => ({ json, pairedItem: { item: 0 } })));
		expect(run.items.find((item) => item.json.key === 'sentinel_one')?.json).toMatchObject({ enabled: false, risk_level: 'high' });
	});

	it('changes only what Update Fields holds: a risk level alone keeps each behavior\'s enabled state', async () => {
		await runCloudflareNode({
			parameters: behaviors('update', { behaviors: ['imp_travel', 'gateway_blocks'], updateFields: { riskLevel: 'medium' } }),
			credential: tokenCredential(emulator),
		});

		expect(JSON.parse(emulator.requests[1].body)).toEqual({
			behaviors: {
				...seededSettings(),
				imp_travel: { enabled: true, risk_level: 'medium' },
				gateway_blocks: { enabled: false, risk_level: 'medium' },
			},
		});
	});

	it('really changes them: a later Get Many shows the change', async () => {
		await runCloudflareNode({
			parameters: behaviors('update', { behaviors: ['gateway_blocks'], updateFields: { enabled: true } }),
			credential: tokenCredential(emulator),
		});
		emulator.requests.length = 0;
		const run = await runCloudflareNode({ parameters: behaviors('getAll'), credential: tokenCredential(emulator) });

		expect(run.items.find((item) => item.json.key === 'gateway_blocks')?.json).toMatchObject({ enabled: true, risk_level: 'low' });
	});

	it('items run one after the other, each reading what the previous one wrote', async () => {
		const run = await runCloudflareNode({
			parameters: behaviors('update', { behaviors: '={{ $json.key }}', updateFields: { enabled: false } }),
			credential: tokenCredential(emulator),
			startItems: [{ key: 'imp_travel' }, { key: 'high_dlp' }],
		});

		expect(run.error).toBeUndefined();
		expect(sent().map((r) => r.method)).toEqual(['GET', 'PUT', 'GET', 'PUT']);
		expect(JSON.parse(emulator.requests[3].body).behaviors).toEqual({
			...seededSettings(),
			imp_travel: { enabled: false, risk_level: 'high' },
			high_dlp: { enabled: false, risk_level: 'medium' },
		});
		expect(run.items.map((item) => item.pairedItem)).toEqual([
			...Array(4).fill({ item: 0 }),
			...Array(4).fill({ item: 1 }),
		]);
	});

	it('an unknown behavior key is an error naming it and the valid keys; nothing is written', async () => {
		const run = await runCloudflareNode({
			parameters: behaviors('update', { behaviors: '={{ ["imp_travel", "mfa_fatigue"] }}', updateFields: { enabled: false } }),
			credential: tokenCredential(emulator),
		});

		expect(sent().map((r) => r.method)).toEqual(['GET']);
		expect(run.error?.message).toBe('Unknown behavior "mfa_fatigue" for item 0');
		expect(run.error?.description).toBe(
			`The behaviors of account ${ACCOUNT_ID} are: imp_travel, high_dlp, sentinel_one, gateway_blocks.`,
		);
	});

	it.each(['toString', '__proto__', 'constructor', 'hasOwnProperty'])(
		'"%s", a name every object inherits, is an unknown behavior too; nothing is written',
		async (key) => {
			const run = await runCloudflareNode({
				parameters: behaviors('update', { behaviors: `={{ [${JSON.stringify(key)}] }}`, updateFields: { enabled: false } }),
				credential: tokenCredential(emulator),
				continueOnFail: true,
			});

			expect(sent()).toEqual([{ method: 'GET', path: behaviorsPath, query: {}, body: '' }]);
			expect(run.items).toEqual([
				{
					json: {
						error: `Unknown behavior "${key}" for item 0`,
						description: `The behaviors of account ${ACCOUNT_ID} are: imp_travel, high_dlp, sentinel_one, gateway_blocks.`,
					},
					pairedItem: { item: 0 },
				},
			]);
		},
	);

	it('refuses an update without Enabled or Risk Level before any request', async () => {
		const run = await runCloudflareNode({
			parameters: behaviors('update', { behaviors: ['imp_travel'], updateFields: {} }),
			credential: tokenCredential(emulator),
		});

		expect(emulator.requests).toEqual([]);
		expect(run.error?.message).toBe('Nothing to update for item 0');
		expect(run.error?.description).toBe('Add Enabled or Risk Level under "Update Fields".');
	});

	it('refuses an empty list of behaviors before any request', async () => {
		const run = await runCloudflareNode({
			parameters: behaviors('update', { behaviors: '={{ [] }}', updateFields: { enabled: true } }),
			credential: tokenCredential(emulator),
		});

		expect(emulator.requests).toEqual([]);
		expect(run.error?.message).toBe(
			'Invalid Behaviors for item 0: expected one or more behavior keys such as imp_travel, got a list',
		);
	});

	it("a token without Zero Trust Write gets Cloudflare's 403 on the write", async () => {
		const run = await runCloudflareNode({
			parameters: behaviors('update', { behaviors: ['imp_travel'], updateFields: { enabled: false } }),
			credential: tokenCredential(emulator, { apiToken: fixtures.READ_ONLY_API_TOKEN }),
		});

		expect(sent().map((r) => r.method)).toEqual(['GET', 'PUT']);
		expect(run.error?.message).toBe('Cloudflare error 10000: Authentication error');
		expect(run.error?.description).toBe(`HTTP 403 from PUT ${behaviorsPath}`);
	});
});
