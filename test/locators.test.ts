import type { INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { CloudflareEmulator, fixtures } from './emulator';
import { byEmail, byId, fromList, locator, runCloudflareNode, tokenCredential } from './harness/cloudflare';

const { ACCOUNT_ID, ACCOUNT_WITHOUT_RISK_SCORING_ID } = fixtures;
const ADA = '9b2f4e1a-3c5d-4e6f-8a7b-1c2d3e4f5a6b';
const GRACE = '2d7c8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f';
const KATHERINE = '6513270e-269e-4d37-b2a7-4de452e6b438';
const ADA_SUPPORT = '907a70c3-1012-4037-b64c-e4228c38fb29';
const HELPDESK_OKTA = 'c6f87718-6d76-407e-881e-d162ae2eb154';
const HELPDESK_ENTRA = 'ec66a787-95e7-41d1-b731-af10506bf2ef';
const usersPath = (accountId = ACCOUNT_ID) => `/accounts/${accountId}/access/users`;
const resetPath = (userId: string, accountId = ACCOUNT_ID) => `/accounts/${accountId}/zt_risk_scoring/${userId}/reset`;

const emulator = new CloudflareEmulator();
beforeAll(() => emulator.start());
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

const reset = (user: INodeParameters[string], account: INodeParameters[string] = byId(ACCOUNT_ID)): INodeParameters => ({
	resource: 'userRiskScore',
	operation: 'reset',
	account,
	user,
});
const sent = () => emulator.requests.map((r) => `${r.method} ${r.path}${r.query.email ? ` email=${r.query.email}` : ''}`);
const answer = (index: number) => JSON.parse(emulator.requests[index].response!.body);

describe('User: By Email', () => {
	it('looks the email up, resets that user, and names the user in the output', async () => {
		const run = await runCloudflareNode({
			parameters: reset(byEmail('  Grace.Hopper@EXAMPLE.com ')),
			credential: tokenCredential(emulator),
		});

		expect(run.error).toBeUndefined();
		expect(emulator.requests.map((r) => ({ method: r.method, path: r.path, query: r.query }))).toEqual([
			{ method: 'GET', path: usersPath(), query: { email: 'Grace.Hopper@EXAMPLE.com', page: '1', per_page: '50' } },
			{ method: 'POST', path: resetPath(GRACE), query: {} },
		]);
		expect(run.items).toEqual([
			{ json: { ...answer(1), user: { id: GRACE, email: 'grace.hopper@example.com' } }, pairedItem: { item: 0 } },
		]);
	});

	it('matches letter case aside: a user stored as Katherine.Johnson@Example.com', async () => {
		const run = await runCloudflareNode({
			parameters: reset(byEmail('katherine.johnson@example.com')),
			credential: tokenCredential(emulator),
		});

		expect(sent()).toEqual([`GET ${usersPath()} email=katherine.johnson@example.com`, `POST ${resetPath(KATHERINE)}`]);
		expect(run.items[0].json.user).toEqual({ id: KATHERINE, email: 'Katherine.Johnson@Example.com' });
	});

	it("takes only the exact address among what Cloudflare's email filter finds (ada@ also finds nevada@)", async () => {
		const run = await runCloudflareNode({
			parameters: reset(byEmail('ada@example.com')),
			credential: tokenCredential(emulator),
		});

		expect(answer(0).result.map((u: { email: string }) => u.email)).toEqual(['ada@example.com', 'nevada@example.com']);
		expect(sent()[1]).toBe(`POST ${resetPath(ADA_SUPPORT)}`);
		expect(run.items[0].json.user).toEqual({ id: ADA_SUPPORT, email: 'ada@example.com' });
	});

	it('no user with that email: an error naming the email and the item, and no reset', async () => {
		const run = await runCloudflareNode({
			parameters: reset(byEmail('nobody@example.com')),
			credential: tokenCredential(emulator),
		});

		expect(sent()).toEqual([`GET ${usersPath()} email=nobody@example.com`]);
		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.message).toBe('No Zero Trust user with the email "nobody@example.com" for item 0');
		expect(run.error?.description).toBe(
			`Cloudflare lists no user of account ${ACCOUNT_ID} with exactly this email. Check the "User" field of item 0, and the account.`,
		);
	});

	it('several users with that email: an error listing their ids, and no reset', async () => {
		const run = await runCloudflareNode({
			parameters: reset(byEmail('it.helpdesk@example.com')),
			credential: tokenCredential(emulator),
		});

		expect(sent()).toEqual([`GET ${usersPath()} email=it.helpdesk@example.com`]);
		expect(run.error?.message).toBe(
			`Several Zero Trust users have the email "it.helpdesk@example.com" (item 0): ${HELPDESK_OKTA}, ${HELPDESK_ENTRA}`,
		);
		expect(run.error?.description).toBe('Choose the user By ID or From List in the "User" field of item 0.');
	});

	it('follows the look-up to the last page: the exact match may come after near misses', async () => {
		const nearMisses = Array.from({ length: 10 }, (_, i) => ({
			id: `00000000-0000-4000-8000-00000000000${i}`,
			email: `x${i}.grace.hopper@example.com`,
			name: `Near miss ${i}`,
		}));
		const page = (result: unknown[], number: number) => ({
			status: 200,
			body: { success: true, errors: [], messages: [], result, result_info: { page: number, per_page: 10, count: result.length, total_count: 23 } },
		});
		emulator.intercept({ method: 'GET', path: usersPath(), times: 1, reply: page(nearMisses, 1) });
		emulator.intercept({
			method: 'GET',
			path: usersPath(),
			times: 1,
			reply: page([{ id: GRACE, email: 'grace.hopper@example.com', name: 'Grace Hopper' }], 2),
		});

		const run = await runCloudflareNode({
			parameters: reset(byEmail('grace.hopper@example.com')),
			credential: tokenCredential(emulator),
		});

		expect(emulator.requests.map((r) => [r.method, r.query.page ?? '-'])).toEqual([
			['GET', '1'],
			['GET', '2'],
			['POST', '-'],
		]);
		expect(sent()[2]).toBe(`POST ${resetPath(GRACE)}`);
		expect(run.items[0].json.user).toEqual({ id: GRACE, email: 'grace.hopper@example.com' });
	});

	it('stops a look-up whose pages repeat, even with total_pages 1e9: two pages, then the reset', async () => {
		const others = Array.from({ length: 49 }, (_, n) => ({
			id: `b0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
			email: `ada.lovelace.${n}@example.com`,
		}));
		const users = [{ id: ADA, email: 'ada.lovelace@example.com' }, ...others];
		emulator.intercept({
			method: 'GET',
			path: usersPath(),
			reply: (request) => ({
				status: 200,
				body: {
					success: true,
					errors: [],
					messages: [],
					result: users,
					result_info: { page: Number(request.query.page), per_page: 50, total_pages: 1e9 },
				},
			}),
		});
		const run = await runCloudflareNode({ parameters: reset(byEmail('ada.lovelace@example.com')), credential: tokenCredential(emulator) });

		expect(run.error).toBeUndefined();
		expect(emulator.requests.map((r) => ({ method: r.method, path: r.path, query: r.query }))).toEqual([
			{ method: 'GET', path: usersPath(), query: { email: 'ada.lovelace@example.com', page: '1', per_page: '50' } },
			{ method: 'GET', path: usersPath(), query: { email: 'ada.lovelace@example.com', page: '2', per_page: '50' } },
			{ method: 'POST', path: resetPath(ADA), query: {} },
		]);
		expect(run.items).toEqual([
			{ json: { ...answer(2), user: { id: ADA, email: 'ada.lovelace@example.com' } }, pairedItem: { item: 0 } },
		]);
	});

	it('an id from the look-up that is not a UUID never reaches a path', async () => {
		emulator.intercept({
			method: 'GET',
			path: usersPath(),
			reply: {
				status: 200,
				body: { success: true, errors: [], messages: [], result: [{ id: '../../user/tokens', email: 'grace.hopper@example.com' }] },
			},
		});
		const run = await runCloudflareNode({ parameters: reset(byEmail('grace.hopper@example.com')), credential: tokenCredential(emulator) });

		expect(sent()).toEqual([`GET ${usersPath()} email=grace.hopper@example.com`]);
		expect(run.error?.message).toMatch(/^Invalid User ID for item 0: .*, got "\.\.\/\.\.\/user\/tokens"$/);
	});

	it('refuses something that is not an email before any request', async () => {
		const run = await runCloudflareNode({
			parameters: reset(byEmail('={{ $json.email }}')),
			credential: tokenCredential(emulator),
			startItems: [{ email: 'grace.hopper' }],
		});

		expect(emulator.requests).toEqual([]);
		expect(run.error?.message).toBe(
			'Invalid email for item 0: expected an email address such as ada@example.com, got "grace.hopper"',
		);
	});

	it('refuses an email with a lone surrogate, which no query can hold, before any request', async () => {
		const run = await runCloudflareNode({
			parameters: reset(byEmail('={{ $json.email }}')),
			credential: tokenCredential(emulator),
			startItems: [{ email: 'ada\uD800@example.com' }],
		});

		expect(emulator.requests).toEqual([]);
		expect(run.error?.message).toBe(
			'Invalid email for item 0: expected an email address such as ada@example.com, got "ada\uFFFD@example.com" (text with a lone UTF-16 surrogate, shown as \uFFFD: not valid Unicode)',
		);
	});

	it('with Continue On Fail: N items in, N out, each look-up failure its own error item', async () => {
		const run = await runCloudflareNode({
			parameters: reset(byEmail('={{ $json.email }}')),
			credential: tokenCredential(emulator),
			startItems: [
				{ email: 'ada.lovelace@example.com' },
				{ email: 'nobody@example.com' },
				{ email: 'it.helpdesk@example.com' },
				{ email: 'grace.hopper@example.com' },
			],
			continueOnFail: true,
		});

		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => [item.json.user ?? item.json.error, item.pairedItem])).toEqual([
			[{ id: ADA, email: 'ada.lovelace@example.com' }, { item: 0 }],
			['No Zero Trust user with the email "nobody@example.com" for item 1', { item: 1 }],
			[
				`Several Zero Trust users have the email "it.helpdesk@example.com" (item 2): ${HELPDESK_OKTA}, ${HELPDESK_ENTRA}`,
				{ item: 2 },
			],
			[{ id: GRACE, email: 'grace.hopper@example.com' }, { item: 3 }],
		]);
	});
});

describe('User: one look-up per email and execution', () => {
	it('items sharing an email (any letter case) share one look-up; each item is still reset', async () => {
		const emails = [
			'ada.lovelace@example.com',
			'Ada.Lovelace@example.com',
			'grace.hopper@example.com',
			'ADA.LOVELACE@EXAMPLE.COM',
			'grace.hopper@example.com',
		];
		const run = await runCloudflareNode({
			parameters: reset(byEmail('={{ $json.email }}')),
			credential: tokenCredential(emulator),
			startItems: emails.map((email) => ({ email })),
		});

		expect(run.error).toBeUndefined();
		// Items may run side by side: the order of requests is not the point, their number is.
		expect(sent().filter((r) => r.startsWith('GET')).sort()).toEqual([
			`GET ${usersPath()} email=ada.lovelace@example.com`,
			`GET ${usersPath()} email=grace.hopper@example.com`,
		]);
		expect(sent().filter((r) => r.startsWith('POST')).sort()).toEqual(
			[ADA, ADA, ADA, GRACE, GRACE].map((id) => `POST ${resetPath(id)}`).sort(),
		);
		expect(run.items.map((item) => [item.json.user, item.pairedItem])).toEqual([
			[{ id: ADA, email: 'ada.lovelace@example.com' }, { item: 0 }],
			[{ id: ADA, email: 'ada.lovelace@example.com' }, { item: 1 }],
			[{ id: GRACE, email: 'grace.hopper@example.com' }, { item: 2 }],
			[{ id: ADA, email: 'ada.lovelace@example.com' }, { item: 3 }],
			[{ id: GRACE, email: 'grace.hopper@example.com' }, { item: 4 }],
		]);
	});

	it('items running at the same time wait for the look-up already on its way instead of sending their own', async () => {
		// The look-up is slow to answer, so that every item asks for it while it is still pending.
		emulator.intercept({ method: 'GET', path: usersPath(), times: 1, delayMs: 100 });
		const run = await runCloudflareNode({
			parameters: { ...reset(byEmail('grace.hopper@example.com')), options: { concurrency: 5 } },
			credential: tokenCredential(emulator),
			startItems: [{}, {}, {}, {}, {}],
		});

		expect(run.error).toBeUndefined();
		expect(sent().filter((r) => r.startsWith('GET'))).toEqual([`GET ${usersPath()} email=grace.hopper@example.com`]);
		expect(sent().filter((r) => r.startsWith('POST'))).toEqual(Array(5).fill(`POST ${resetPath(GRACE)}`));
		expect(run.items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
	});

	it('the same email in two accounts is two look-ups', async () => {
		await runCloudflareNode({
			parameters: reset(byEmail('lab.user@example.com'), byId('={{ $json.account }}')),
			credential: tokenCredential(emulator),
			startItems: [{ account: ACCOUNT_ID }, { account: ACCOUNT_WITHOUT_RISK_SCORING_ID }],
			continueOnFail: true,
		});

		expect(sent().filter((r) => r.startsWith('GET'))).toEqual([
			`GET ${usersPath()} email=lab.user@example.com`,
			`GET ${usersPath(ACCOUNT_WITHOUT_RISK_SCORING_ID)} email=lab.user@example.com`,
		]);
	});

	it('a look-up that failed is asked again by the next item', async () => {
		emulator.intercept({
			method: 'GET',
			path: usersPath(),
			times: 1,
			reply: { status: 403, body: { success: false, errors: [{ code: 10000, message: 'Authentication error' }], messages: [], result: null } },
		});
		const run = await runCloudflareNode({
			// One item after the other: items running side by side would share the failing look-up.
			parameters: { ...reset(byEmail('ada.lovelace@example.com')), options: { concurrency: 1 } },
			credential: tokenCredential(emulator),
			startItems: [{}, {}],
			continueOnFail: true,
		});

		expect(sent()).toEqual([
			`GET ${usersPath()} email=ada.lovelace@example.com`,
			`GET ${usersPath()} email=ada.lovelace@example.com`,
			`POST ${resetPath(ADA)}`,
		]);
		expect(run.items.map((item) => item.json.error ?? item.json.user)).toEqual([
			'Cloudflare error 10000: Authentication error',
			{ id: ADA, email: 'ada.lovelace@example.com' },
		]);
	});

	it('a new execution looks up again', async () => {
		for (let run = 0; run < 2; run++) {
			await runCloudflareNode({ parameters: reset(byEmail('grace.hopper@example.com')), credential: tokenCredential(emulator) });
		}
		expect(sent().filter((r) => r.startsWith('GET'))).toHaveLength(2);
	});
});

describe('User: From List and By ID', () => {
	it('From List holds the UUID: no look-up, and the envelope as received', async () => {
		const run = await runCloudflareNode({ parameters: reset(fromList(GRACE)), credential: tokenCredential(emulator) });

		expect(sent()).toEqual([`POST ${resetPath(GRACE)}`]);
		expect(run.items).toEqual([{ json: answer(0), pairedItem: { item: 0 } }]);
	});

	it('a user given as a plain value (no mode) counts as By ID', async () => {
		await runCloudflareNode({
			parameters: { ...reset(''), user: '={{ $json.id }}' },
			credential: tokenCredential(emulator),
			startItems: [{ id: GRACE }],
		});
		expect(sent()).toEqual([`POST ${resetPath(GRACE)}`]);
	});

	it('an unknown mode is refused before any request', async () => {
		const run = await runCloudflareNode({
			parameters: reset(locator('url' as 'id', GRACE)),
			credential: tokenCredential(emulator),
		});

		expect(emulator.requests).toEqual([]);
		expect(run.error?.message).toBe('Invalid User mode for item 0: expected From List, By ID or By Email, got "url"');
	});
});

describe('Account', () => {
	it('From List holds the account id', async () => {
		await runCloudflareNode({
			parameters: reset(byId(GRACE), fromList(ACCOUNT_ID)),
			credential: tokenCredential(emulator),
		});
		expect(sent()).toEqual([`POST ${resetPath(GRACE)}`]);
	});

	it("left empty, it is the credential's Account ID (trimmed, any letter case)", async () => {
		await runCloudflareNode({
			parameters: reset(byId(GRACE), fromList('')),
			credential: tokenCredential(emulator, { accountId: ` ${ACCOUNT_ID.toUpperCase()} ` }),
		});
		expect(sent()).toEqual([`POST ${resetPath(GRACE)}`]);
	});

	it('left empty with no Account ID in the credential: a clear error naming the field and the item', async () => {
		const run = await runCloudflareNode({
			parameters: reset(byId(GRACE), byId('={{ $json.account }}')),
			credential: tokenCredential(emulator),
			startItems: [{ account: ' ' }],
		});

		expect(emulator.requests).toEqual([]);
		expect(run.error?.message).toBe('No account for item 0: the "Account" field is empty and the credential has no Account ID');
		expect(run.error?.description).toBe(
			'Choose the account in the "Account" field, or set the Account ID of the Cloudflare Zero Trust API credential.',
		);
	});

	it("an invalid Account ID in the credential is named as the credential's", async () => {
		const run = await runCloudflareNode({
			parameters: reset(byId(GRACE), fromList('')),
			credential: tokenCredential(emulator, { accountId: 'acme-security' }),
		});

		expect(emulator.requests).toEqual([]);
		expect(run.error?.message).toBe(
			'Invalid Account ID in the Cloudflare Zero Trust API credential: expected 32 hexadecimal characters, got 13 characters that are not one',
		);
	});
});
