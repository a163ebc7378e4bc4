import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { CloudflareZeroTrustApi } from '../credentials/CloudflareZeroTrustApi.credentials';
import type { Intercept } from './emulator';
import { CloudflareEmulator, fixtures } from './emulator';
import { byId, globalKeyCredential, runCloudflareNode, tokenCredential } from './harness/cloudflare';
import type { NodeRun } from './harness/cloudflare';
import { testCredential } from './harness/credential-test';

const ADA = '9b2f4e1a-3c5d-4e6f-8a7b-1c2d3e4f5a6b';
const resetPath = `/accounts/${fixtures.ACCOUNT_ID}/zt_risk_scoring/${ADA}/reset`;
const SECRETS = [fixtures.API_TOKEN, fixtures.GLOBAL_API_KEY, 'wrong-key-0123456789abcdef0123456789ab'];

const emulator = new CloudflareEmulator();
beforeAll(() => emulator.start());
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

/** Everything n8n keeps of the run, including non-enumerable error fields such as `cause`. */
function everythingStored(run: NodeRun): string {
	return JSON.stringify(run.run) + inspect(run.run, { depth: Infinity, showHidden: true });
}

const rateLimited = { success: false, errors: [{ code: 971, message: 'Please wait and consider throttling your request speed' }], messages: [], result: null };

// Every way a request can fail, each retried where the node retries it.
const faults: Array<[string, Intercept | undefined]> = [
	['a success', undefined],
	['a 404', { path: resetPath, reply: { status: 404, body: { success: false, errors: [{ code: 1404, message: 'User not found' }], messages: [], result: null } } }],
	['a 502 HTML page, retried until it gives up', { path: resetPath, reply: { status: 502, body: '<html><body>Bad gateway</body></html>' } }],
	['a 503, retried until it gives up', { path: resetPath, reply: { status: 503, body: { success: false, errors: [{ code: 10503, message: 'Service temporarily unavailable' }], messages: [], result: null } } }],
	['429s, retried until it gives up', { path: resetPath, reply: { status: 429, headers: { 'retry-after-ms': '50' }, body: rateLimited } }],
	['a 429 asking for a wait longer than Max Retry Wait', { path: resetPath, reply: { status: 429, headers: { 'retry-after': '300' }, body: rateLimited } }],
	['a dropped connection', { path: resetPath, fault: 'drop' }],
	['a connection reset mid-response', { path: resetPath, fault: 'reset' }],
	['an answer that never comes (timeout)', { path: resetPath, fault: 'hang' }],
	['malformed JSON with 200', { path: resetPath, reply: { status: 200, body: '{"success": tru' } }],
	['a 200 with success: false', { path: resetPath, reply: { status: 200, body: { ...rateLimited, errors: [{ code: 1001, message: 'Reset did not happen' }] } } }],
];

describe.each([
	['API token', () => tokenCredential(emulator)],
	['Global API Key', () => globalKeyCredential(emulator)],
	['wrong Global API Key', () => globalKeyCredential(emulator, { globalApiKey: SECRETS[2] })],
])('no secret in the run data (%s)', (_, credential) => {
	it.each(faults)('after %s, with and without Continue On Fail', async (_, intercept) => {
		for (const continueOnFail of [false, true]) {
			emulator.reset();
			if (intercept) emulator.intercept(intercept);
			const run = await runCloudflareNode({
				parameters: {
					resource: 'userRiskScore',
					operation: 'reset',
					account: byId(fixtures.ACCOUNT_ID),
					user: byId(ADA),
					// A second item runs alongside, so retries and the shared back-off are part of the run.
					options: { maxRetries: 1, maxRetryWait: 0.1, timeout: 0.2 },
				},
				credential: credential(),
				startItems: [{}, {}],
				continueOnFail,
			});
			// The secret did go out on the wire: the search below would find it if it leaked.
			expect(JSON.stringify(emulator.requests[0].headers)).toMatch(/cfut_|1e2d3c4b|wrong-key/);
			const stored = everythingStored(run);
			for (const secret of SECRETS) expect(stored).not.toContain(secret);
		}
	});
});

describe('no secret in a failed credential test', () => {
	const failures: Array<[string, Intercept]> = [
		['a dropped connection', { path: /verify$|^\/user$/, fault: 'drop' }],
		['a connection reset mid-response', { path: /verify$|^\/user$/, fault: 'reset' }],
		['a 502 HTML page', { path: /verify$|^\/user$/, reply: { status: 502, body: '<html>Bad gateway</html>' } }],
		['a 429', { path: /verify$|^\/user$/, reply: { status: 429, headers: { 'retry-after': '1' }, body: rateLimited } }],
	];
	it.each(failures)('after %s', async (_, intercept) => {
		for (const credential of [tokenCredential(emulator), globalKeyCredential(emulator)]) {
			emulator.reset();
			emulator.intercept(intercept);
			const result = await testCredential(new CloudflareZeroTrustApi(), credential);
			expect(result.status).toBe('Error');
			expect(emulator.requests.length).toBeGreaterThan(0);
			for (const secret of SECRETS) expect(JSON.stringify(result)).not.toContain(secret);
		}
	});
});

describe('the API Base URL must be https, except on loopback', () => {
	const reset = (options = {}) => ({
		resource: 'userRiskScore',
		operation: 'reset',
		account: byId(fixtures.ACCOUNT_ID),
		user: byId(ADA),
		options,
	});
	const refusal = (origin: string) =>
		`The credential's API Base URL must start with https:// (got ${origin}); plain http is allowed only for loopback addresses such as 127.0.0.1, used for testing`;

	it.each([
		['http://example.com/client/v4', 'http://example.com'],
		['http://10.0.0.8:8080/client/v4', 'http://10.0.0.8:8080'],
		['http://api.cloudflare.com.127.0.0.1.nip.io/client/v4', 'http://api.cloudflare.com.127.0.0.1.nip.io'],
		['ftp://api.cloudflare.com/client/v4', 'ftp://api.cloudflare.com'],
	])('refuses %s before any request, in the node and in the credential test', async (baseUrl, origin) => {
		const run = await runCloudflareNode({ parameters: reset(), credential: tokenCredential(emulator, { baseUrl }) });
		expect(run.error?.message).toBe(refusal(origin));
		expect(run.error?.description).toBe('Open the credential and correct the API Base URL; nothing was sent.');

		const test = await testCredential(new CloudflareZeroTrustApi(), tokenCredential(emulator, { baseUrl }));
		expect(test).toEqual({ status: 'Error', message: refusal(origin) });
		expect(emulator.requests).toEqual([]);
	});

	it.each([
		['a query', '?x=1'],
		['an empty query', '?'],
		['a fragment', '#frag'],
		['an escaped dot segment', '/%2e%2e/'],
		['a dot segment', '/../'],
		['a path parameter', '/;x'],
	])('refuses a base URL with %s, which would change where requests land, before any request', async (_, suffix) => {
		const baseUrl = `${emulator.baseUrl}${suffix}`;
		const message =
			"The credential's API Base URL must be a plain address such as https://api.cloudflare.com/client/v4: no query (?), fragment (#), user name, dot segments or escaped characters";
		const run = await runCloudflareNode({ parameters: reset(), credential: tokenCredential(emulator, { baseUrl }) });
		expect(run.error?.message).toBe(message);

		const test = await testCredential(new CloudflareZeroTrustApi(), tokenCredential(emulator, { baseUrl }));
		expect(test).toEqual({ status: 'Error', message });
		expect(emulator.requests).toEqual([]);
	});

	it('refuses a base URL that is not a URL', async () => {
		const run = await runCloudflareNode({ parameters: reset(), credential: tokenCredential(emulator, { baseUrl: 'api.cloudflare.com/client/v4' }) });
		expect(run.error?.message).toBe(
			"The credential's API Base URL is not a valid URL (expected something like https://api.cloudflare.com/client/v4)",
		);
	});

	it('allows plain http to 127.0.0.1 (the emulator)', async () => {
		const run = await runCloudflareNode({ parameters: reset(), credential: tokenCredential(emulator) });
		expect(run.error).toBeUndefined();
		expect(emulator.requests).toHaveLength(1);
	});

	it.each([
		['https to the emulator, which answers no TLS', (port: string) => `https://127.0.0.1:${port}/client/v4`],
		['another 127/8 address', (port: string) => `http://127.0.0.2:${port}/client/v4`],
		['localhost', (port: string) => `http://localhost:${port}/client/v4`],
		['::1', (port: string) => `http://[::1]:${port}/client/v4`],
	])('lets %s through the guard: the request is attempted', async (_, baseUrl) => {
		const port = new URL(emulator.baseUrl).port;
		const run = await runCloudflareNode({
			parameters: reset({ maxRetries: 0 }),
			credential: tokenCredential(emulator, { baseUrl: baseUrl(port) }),
		});
		// Whatever the network made of it (an answer, a refused connection, a TLS error), it was not the guard.
		expect(run.error?.message ?? 'answered').not.toMatch(/API Base URL/);
		expect(run.error?.message ?? 'answered').toMatch(/^(answered|Could not reach Cloudflare: \w+)$/);
	});
});

describe('secrets in the wrong place', () => {
	it('a token pasted into the credential\'s Account ID is not shown in the error', async () => {
		const run = await runCloudflareNode({
			parameters: { resource: 'userRiskScore', operation: 'reset', account: byId(''), user: byId(ADA) },
			credential: tokenCredential(emulator, { accountId: fixtures.API_TOKEN }),
			continueOnFail: true,
		});
		expect(emulator.requests).toEqual([]);
		expect(run.items[0].json.error).toBe(
			`Invalid Account ID in the Cloudflare Zero Trust API credential: expected 32 hexadecimal characters, got ${fixtures.API_TOKEN.length} characters that are not one`,
		);
		expect(everythingStored(run)).not.toContain(fixtures.API_TOKEN);
	});

	it.each([
		['an HTML page', { status: 502, body: `<html><body>Bad gateway for Bearer ${fixtures.API_TOKEN}</body></html>` }],
		[
			'an error message',
			{
				status: 400,
				body: { success: false, errors: [{ code: 6111, message: `Invalid token ${fixtures.API_TOKEN}` }], messages: [], result: null },
			},
		],
	])('an answer that echoes the token (%s) reaches the user with the token blanked out', async (_, reply) => {
		emulator.intercept({ path: resetPath, reply });
		const run = await runCloudflareNode({
			parameters: { resource: 'userRiskScore', operation: 'reset', account: byId(fixtures.ACCOUNT_ID), user: byId(ADA), options: { maxRetries: 0 } },
			credential: tokenCredential(emulator),
			continueOnFail: true,
		});
		expect(JSON.stringify(run.items[0].json)).toContain('[redacted]');
		expect(everythingStored(run)).not.toContain(fixtures.API_TOKEN);
	});
});

describe('a redirect', () => {
	const elsewhere = new CloudflareEmulator();
	beforeAll(() => elsewhere.start());
	afterAll(() => elsewhere.stop());

	it('is not followed: nothing, and so no token, goes to the host it points to; the item says what came back', async () => {
		emulator.intercept({
			path: resetPath,
			reply: { status: 307, body: '', headers: { location: `${elsewhere.baseUrl}${resetPath}` } },
		});
		const run = await runCloudflareNode({
			parameters: { resource: 'userRiskScore', operation: 'reset', account: byId(fixtures.ACCOUNT_ID), user: byId(ADA) },
			credential: tokenCredential(emulator),
			continueOnFail: true,
		});

		expect(emulator.requests.map((r) => `${r.method} ${r.path} → ${r.response?.status}`)).toEqual([`POST ${resetPath} → 307`]);
		expect(elsewhere.requests).toEqual([]);
		expect(run.items).toEqual([
			{
				json: {
					error: 'Cloudflare answered HTTP 307 with an empty or unexpected response',
					description: `POST ${resetPath} returned text/html: (empty body)`,
					httpCode: '307',
					errors: [],
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});
