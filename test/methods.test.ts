import type { INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { CloudflareEmulator, fixtures } from './emulator';
import { USERS_MAX_PER_PAGE } from './emulator/routes';
import { byId, tokenCredential } from './harness/cloudflare';
import { callListSearch, callLoadOptions } from './harness/load-options';

const { ACCOUNT_ID, ACCOUNT_WITHOUT_RISK_SCORING_ID } = fixtures;
const usersPath = `/accounts/${ACCOUNT_ID}/access/users`;

const emulator = new CloudflareEmulator();
beforeAll(() => emulator.start());
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

const editing = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'userRiskScore',
	operation: 'reset',
	...parameters,
});
const sent = () => emulator.requests.map((r) => ({ method: r.method, path: r.path, query: r.query }));
const seededUsers = fixtures.seedUsers().get(ACCOUNT_ID)!;

describe('Account list (searchAccounts)', () => {
	it("lists the accounts the credential can reach, with the account id as value and its dashboard URL", async () => {
		const list = await callListSearch({
			method: 'searchAccounts',
			parameters: editing(),
			credential: tokenCredential(emulator),
			path: 'account',
		});

		expect(sent()).toEqual([{ method: 'GET', path: '/accounts', query: { page: '1', per_page: '50' } }]);
		expect(list).toEqual({
			results: [
				{ name: 'Acme Security', value: ACCOUNT_ID, url: `https://dash.cloudflare.com/${ACCOUNT_ID}` },
				{
					name: 'Acme Labs',
					value: ACCOUNT_WITHOUT_RISK_SCORING_ID,
					url: `https://dash.cloudflare.com/${ACCOUNT_WITHOUT_RISK_SCORING_ID}`,
				},
			],
			paginationToken: undefined,
		});
	});

	it('searches by name on Cloudflare\'s side', async () => {
		const list = await callListSearch({
			method: 'searchAccounts',
			parameters: editing(),
			credential: tokenCredential(emulator),
			path: 'account',
			filter: ' labs ',
		});

		expect(sent()).toEqual([{ method: 'GET', path: '/accounts', query: { name: 'labs', page: '1', per_page: '50' } }]);
		expect(list.results.map((r) => r.value)).toEqual([ACCOUNT_WITHOUT_RISK_SCORING_ID]);
	});
});

describe('User list (searchUsers)', () => {
	it('pages through the users of the chosen account: "name (email)", the UUID as value, a token for the next page', async () => {
		const credential = tokenCredential(emulator);
		const parameters = editing({ account: byId(ACCOUNT_ID) });
		const pages = [];
		let paginationToken: string | undefined;
		do {
			const page = await callListSearch({ method: 'searchUsers', parameters, credential, path: 'user', paginationToken });
			pages.push(page);
			paginationToken = page.paginationToken;
		} while (paginationToken && pages.length < 10);

		expect(sent()).toEqual(
			['1', '2', '3'].map((page) => ({ method: 'GET', path: usersPath, query: { page, per_page: '50' } })),
		);
		expect(pages.map((p) => [p.results.length, p.paginationToken])).toEqual([
			[USERS_MAX_PER_PAGE, '2'],
			[USERS_MAX_PER_PAGE, '3'],
			[3, undefined],
		]);
		expect(pages.flatMap((p) => p.results)).toEqual(
			seededUsers.map((user) => ({ name: `${user.name} (${user.email})`, value: user.id })),
		);
	});

	it("searches on Cloudflare's side", async () => {
		const list = await callListSearch({
			method: 'searchUsers',
			parameters: editing({ account: byId(ACCOUNT_ID) }),
			credential: tokenCredential(emulator),
			path: 'user',
			filter: 'Hopper',
		});

		expect(sent()).toEqual([
			{ method: 'GET', path: usersPath, query: { search: 'Hopper', page: '1', per_page: '50' } },
		]);
		expect(list).toEqual({
			results: [{ name: 'Grace Hopper (grace.hopper@example.com)', value: '2d7c8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f' }],
			paginationToken: undefined,
		});
	});

	it("uses the credential's Account ID while the Account field is empty", async () => {
		await callListSearch({
			method: 'searchUsers',
			parameters: editing({ account: byId('') }),
			credential: tokenCredential(emulator, { accountId: ACCOUNT_WITHOUT_RISK_SCORING_ID.toUpperCase() }),
			path: 'user',
		});

		expect(sent().map((r) => r.path)).toEqual([`/accounts/${ACCOUNT_WITHOUT_RISK_SCORING_ID}/access/users`]);
	});

	it('explains what is missing when neither the field nor the credential names an account', async () => {
		const list = callListSearch({
			method: 'searchUsers',
			parameters: editing(),
			credential: tokenCredential(emulator),
			path: 'user',
		});

		await expect(list).rejects.toThrow('No account: the "Account" field is empty and the credential has no Account ID');
		expect(emulator.requests).toEqual([]);
	});

	it('cannot load users for an account given by expression, and says so', async () => {
		const list = callListSearch({
			method: 'searchUsers',
			parameters: editing({ account: byId('={{ $json.accountId }}') }),
			credential: tokenCredential(emulator),
			path: 'user',
		});

		await expect(list).rejects.toThrow(
			'This list is loaded from the account in the "Account" field, which holds "={{ $json.accountId }}"',
		);
		expect(emulator.requests).toEqual([]);
	});

	it('a null among the users Cloudflare lists is a clear error, not a TypeError', async () => {
		emulator.intercept({
			path: usersPath,
			reply: { status: 200, body: { success: true, errors: [], messages: [], result: [null] } },
		});
		const list = callListSearch({
			method: 'searchUsers',
			parameters: editing({ account: byId(ACCOUNT_ID) }),
			credential: tokenCredential(emulator),
			path: 'user',
		});

		await expect(list).rejects.toThrow('Cloudflare answered success but without the users this operation returns');
		expect(sent()).toEqual([{ method: 'GET', path: usersPath, query: { page: '1', per_page: '50' } }]);
	});

	it('refuses search text with a lone surrogate before any request', async () => {
		const list = callListSearch({
			method: 'searchUsers',
			parameters: editing({ account: byId(ACCOUNT_ID) }),
			credential: tokenCredential(emulator),
			path: 'user',
			filter: 'ada\uD800',
		});

		await expect(list).rejects.toThrow(
			'Invalid search text: expected text, got "ada\uFFFD" (text with a lone UTF-16 surrogate, shown as \uFFFD: not valid Unicode)',
		);
		expect(emulator.requests).toEqual([]);
	});

	it("shows Cloudflare's error when the account is out of the token's reach", async () => {
		const list = callListSearch({
			method: 'searchUsers',
			parameters: editing({ account: byId('f'.repeat(32)) }),
			credential: tokenCredential(emulator),
			path: 'user',
		});

		await expect(list).rejects.toThrow('Cloudflare error 9109: Unauthorized to access requested resource');
	});
});

describe('Behavior options (getBehaviors)', () => {
	it('behaviors that are not a map are a clear error, not options made of their letters', async () => {
		emulator.intercept({
			path: `/accounts/${ACCOUNT_ID}/zt_risk_scoring/behaviors`,
			reply: { status: 200, body: { success: true, errors: [], messages: [], result: { behaviors: 'none' } } },
		});
		const options = callLoadOptions({
			method: 'getBehaviors',
			parameters: { resource: 'riskBehavior', operation: 'update', account: byId(ACCOUNT_ID) },
			credential: tokenCredential(emulator),
			path: 'behaviors',
		});

		await expect(options).rejects.toThrow('Cloudflare answered success but without the behaviors this operation returns');
	});


	it("loads the account's behaviors: name, key as value, description, sorted by name", async () => {
		const options = await callLoadOptions({
			method: 'getBehaviors',
			parameters: { resource: 'riskBehavior', operation: 'update', account: byId(ACCOUNT_ID) },
			credential: tokenCredential(emulator),
			path: 'behaviors',
		});

		expect(sent()).toEqual([
			{ method: 'GET', path: `/accounts/${ACCOUNT_ID}/zt_risk_scoring/behaviors`, query: {} },
		]);
		const behaviors = fixtures.seedBehaviors();
		expect(options).toEqual(
			['high_dlp', 'imp_travel', 'gateway_blocks', 'sentinel_one'].map((key) => ({
				name: behaviors[key].name,
				value: key,
				description: behaviors[key].description,
			})),
		);
	});
});
