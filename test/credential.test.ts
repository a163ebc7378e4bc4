import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { CloudflareZeroTrustApi } from '../credentials/CloudflareZeroTrustApi.credentials';
import { CloudflareEmulator, fixtures } from './emulator';
import { globalKeyCredential, tokenCredential } from './harness/cloudflare';
import { testCredential } from './harness/credential-test';

const credentialType = new CloudflareZeroTrustApi();
const emulator = new CloudflareEmulator();
beforeAll(() => emulator.start());
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

const authHeaders = (index = 0) =>
	Object.fromEntries(
		Object.entries(emulator.requests[index].headers).filter(([name]) => /^(authorization|x-auth-)/.test(name)),
	);

describe('credential test ("Test" in the credential dialog)', () => {
	it('verifies a user-owned API token at /user/tokens/verify', async () => {
		const result = await testCredential(credentialType, tokenCredential(emulator));

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /user/tokens/verify']);
		expect(authHeaders()).toEqual({ authorization: `Bearer ${fixtures.API_TOKEN}` });
	});

	it('verifies an account-owned API token at /accounts/{id}/tokens/verify when an Account ID is set', async () => {
		const result = await testCredential(
			credentialType,
			tokenCredential(emulator, { apiToken: fixtures.ACCOUNT_API_TOKEN, accountId: ` ${fixtures.ACCOUNT_ID} ` }),
		);

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /accounts/${fixtures.ACCOUNT_ID}/tokens/verify`,
		]);
		expect(authHeaders()).toEqual({ authorization: `Bearer ${fixtures.ACCOUNT_API_TOKEN}` });
	});

	it('explains the Account ID when an account-owned token is checked without one', async () => {
		const result = await testCredential(credentialType, tokenCredential(emulator, { apiToken: fixtures.ACCOUNT_API_TOKEN }));

		// n8n's request helper sends a request answered 401 once more (for credentials that refresh).
		expect(emulator.requests.map((r) => r.path)).toEqual(['/user/tokens/verify', '/user/tokens/verify']);
		expect(result).toEqual({
			status: 'Error',
			message: 'Cloudflare did not accept this API token. If it is an account-owned token, set the Account ID.',
		});
	});

	it('checks an email + Global API Key at /user, sending both headers and no Authorization', async () => {
		const result = await testCredential(credentialType, globalKeyCredential(emulator));

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /user']);
		expect(authHeaders()).toEqual({
			'x-auth-email': fixtures.GLOBAL_API_KEY_EMAIL,
			'x-auth-key': fixtures.GLOBAL_API_KEY,
		});
	});

	it('uses /user for the Global API Key even when an Account ID is set', async () => {
		await testCredential(credentialType, globalKeyCredential(emulator, { accountId: fixtures.ACCOUNT_ID }));
		expect(emulator.requests.map((r) => r.path)).toEqual(['/user']);
	});

	it('reports a wrong Global API Key', async () => {
		const result = await testCredential(credentialType, globalKeyCredential(emulator, { globalApiKey: 'wrong' }));
		expect(result).toEqual({
			status: 'Error',
			message:
				'Cloudflare did not accept these credentials (unknown email or Global API Key, or no access to the account)',
		});
	});

	it('sends the Account ID lower-cased and encoded, so it cannot change the path', async () => {
		await testCredential(
			credentialType,
			tokenCredential(emulator, { apiToken: fixtures.ACCOUNT_API_TOKEN, accountId: fixtures.ACCOUNT_ID.toUpperCase() }),
		);
		await testCredential(credentialType, tokenCredential(emulator, { accountId: '../../user?x=1#' }));
		expect(emulator.requests.map((r) => `${r.path}${Object.keys(r.query).length ? '?' : ''}`)).toEqual([
			`/accounts/${fixtures.ACCOUNT_ID}/tokens/verify`,
			'/accounts/..%2F..%2Fuser%3Fx%3D1%23/tokens/verify',
		]);
	});

	it('honours a base URL with a trailing slash', async () => {
		await testCredential(credentialType, tokenCredential(emulator, { baseUrl: `${emulator.baseUrl}/` }));
		expect(emulator.requests.map((r) => r.path)).toEqual(['/user/tokens/verify']);
	});
});

describe('authenticate', () => {
	it('refuses to send an empty header', async () => {
		await expect(
			credentialType.authenticate({ authType: 'apiToken', apiToken: ' ' }, { url: '/x', headers: {} }),
		).rejects.toThrow('The Cloudflare Zero Trust API credential has no API Token');
		await expect(
			credentialType.authenticate({ authType: 'globalApiKey', email: 'a@b.c', globalApiKey: '' }, { url: '/x' }),
		).rejects.toThrow('The Cloudflare Zero Trust API credential has no Global API Key');
	});

	it.each([
		['its own URL', { url: 'http://api.example.com/client/v4/user' }],
		// How n8n's HTTP Request node passes its URL when it uses this credential.
		["the HTTP Request node's legacy `uri`", { uri: 'http://api.example.com/client/v4/user' }],
	])('refuses plain http to another machine given as %s', async (_, target) => {
		await expect(
			credentialType.authenticate({ authType: 'apiToken', apiToken: 'tok' }, { ...target, headers: {} } as never),
		).rejects.toThrow(
			'A URL called with the Cloudflare Zero Trust API credential must start with https:// (got http://api.example.com); ' +
				'plain http is allowed only for loopback addresses such as 127.0.0.1, used for testing',
		);
	});

	it('signs an https `uri` (the HTTP Request node calling Cloudflare)', async () => {
		const options = await credentialType.authenticate(
			{ authType: 'apiToken', apiToken: 'tok' },
			{ uri: 'https://api.cloudflare.com/client/v4/accounts', headers: {} } as never,
		);
		expect(options.headers).toEqual({ Authorization: 'Bearer tok' });
	});

	it('keeps the request\'s own headers', async () => {
		const options = await credentialType.authenticate(
			{ authType: 'apiToken', apiToken: 'tok' },
			{ url: '/x', headers: { 'X-Trace': '1' } },
		);
		expect(options.headers).toEqual({ 'X-Trace': '1', Authorization: 'Bearer tok' });
	});
});
