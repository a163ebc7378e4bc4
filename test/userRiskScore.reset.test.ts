import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { CloudflareEmulator, fixtures } from './emulator';
import { byId, globalKeyCredential, runCloudflareNode, tokenCredential } from './harness/cloudflare';

const { ACCOUNT_ID } = fixtures;
const ADA = '9b2f4e1a-3c5d-4e6f-8a7b-1c2d3e4f5a6b';
const GRACE = '2d7c8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f';
const ALAN = '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9';
const UNKNOWN_USER = '00000000-0000-4000-8000-000000000000';
const resetPath = (userId: string, accountId = ACCOUNT_ID) =>
	`/accounts/${accountId}/zt_risk_scoring/${userId}/reset`;

const emulator = new CloudflareEmulator();
beforeAll(() => emulator.start());
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

const reset = (accountId: unknown, userId: unknown) => ({
	resource: 'userRiskScore',
	operation: 'reset',
	account: byId(accountId),
	user: byId(userId),
});

/** The envelope the emulator sent for request `index`, parsed: what the node must output unchanged. */
const envelopeSent = (index: number) => JSON.parse(emulator.requests[index].response!.body);

describe('Reset risk score: requests', () => {
	it('sends one POST to the reset endpoint with the API token as a Bearer header, and nothing else', async () => {
		const run = await runCloudflareNode({
			parameters: reset(ACCOUNT_ID, ADA),
			credential: tokenCredential(emulator),
		});

		expect(run.error).toBeUndefined();
		expect(emulator.requests).toHaveLength(1);
		const [request] = emulator.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe(resetPath(ADA));
		expect(request.query).toEqual({});
		expect(request.body).toBe('');
		expect(request.headers.authorization).toBe(`Bearer ${fixtures.API_TOKEN}`);
		expect(request.headers).not.toHaveProperty('x-auth-email');
		expect(request.headers).not.toHaveProperty('x-auth-key');
	});

	it('sends X-Auth-Email and X-Auth-Key for the Global API Key, and no Authorization header', async () => {
		const run = await runCloudflareNode({
			parameters: reset(ACCOUNT_ID, ADA),
			credential: globalKeyCredential(emulator),
		});

		expect(run.error).toBeUndefined();
		const [request] = emulator.requests;
		expect(request.headers['x-auth-email']).toBe(fixtures.GLOBAL_API_KEY_EMAIL);
		expect(request.headers['x-auth-key']).toBe(fixtures.GLOBAL_API_KEY);
		expect(request.headers).not.toHaveProperty('authorization');
		expect(run.items).toEqual([{ json: envelopeSent(0), pairedItem: { item: 0 } }]);
	});

	it('ignores Global API Key fields left over in a token credential (one scheme only)', async () => {
		await runCloudflareNode({
			parameters: reset(ACCOUNT_ID, ADA),
			credential: tokenCredential(emulator, { email: 'old@example.com', globalApiKey: 'leftover-key' }),
		});
		expect(Object.keys(emulator.requests[0].headers).filter((h) => /^(authorization|x-auth-)/.test(h))).toEqual([
			'authorization',
		]);
	});

	it('outputs Cloudflare\'s envelope exactly as received, paired with its input item', async () => {
		const run = await runCloudflareNode({
			parameters: reset(ACCOUNT_ID, ADA),
			credential: tokenCredential(emulator),
		});

		expect(run.items).toEqual([
			{ json: { success: true, errors: [], messages: [], result: {} }, pairedItem: { item: 0 } },
		]);
		expect(run.items[0].json).toEqual(envelopeSent(0));
	});

	it('passes through whatever else the envelope carries (messages, extra fields)', async () => {
		const body = {
			success: true,
			errors: [],
			messages: [{ code: 10001, message: 'Risk score reset queued' }],
			result: null,
			result_info: { page: 1 },
		};
		emulator.intercept({ method: 'POST', path: resetPath(ADA), reply: { status: 200, body } });

		const run = await runCloudflareNode({ parameters: reset(ACCOUNT_ID, ADA), credential: tokenCredential(emulator) });

		expect(run.items).toEqual([{ json: body, pairedItem: { item: 0 } }]);
	});

	it('takes the user id from the previous node by expression: one request per item, in order, each output paired', async () => {
		const run = await runCloudflareNode({
			parameters: reset(ACCOUNT_ID, '={{ $json.user.id }}'),
			credential: tokenCredential(emulator),
			startItems: [{ user: { id: ADA } }, { user: { id: GRACE } }, { user: { id: ALAN } }],
		});

		expect(run.error).toBeUndefined();
		expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`POST ${resetPath(ADA)}`,
			`POST ${resetPath(GRACE)}`,
			`POST ${resetPath(ALAN)}`,
		]);
		expect(run.items).toEqual([0, 1, 2].map((i) => ({ json: envelopeSent(i), pairedItem: { item: i } })));
	});

	it('accepts ids with surrounding whitespace and in upper case, and sends them normalised', async () => {
		await runCloudflareNode({
			parameters: reset(`  ${ACCOUNT_ID.toUpperCase()}\n`, `\t${ADA.toUpperCase()} `),
			credential: tokenCredential(emulator),
		});

		expect(emulator.requests.map((r) => r.path)).toEqual([resetPath(ADA)]);
	});

	it('really resets the user in Cloudflare (the emulator\'s state changes)', async () => {
		const before = emulator.state.users.get(ACCOUNT_ID)!.find((u) => u.id === ADA)!;
		expect(before.events.length).toBeGreaterThan(0);

		await runCloudflareNode({ parameters: reset(ACCOUNT_ID, ADA), credential: tokenCredential(emulator) });

		const after = emulator.state.users.get(ACCOUNT_ID)!.find((u) => u.id === ADA)!;
		expect(after.events).toEqual([]);
		expect(after.last_reset_time).not.toBeNull();
	});
});

describe('Reset risk score: Output option', () => {
	it('Result says what happened, since Cloudflare\'s result is empty', async () => {
		const run = await runCloudflareNode({
			parameters: { ...reset(ACCOUNT_ID, ADA), options: { output: 'result' } },
			credential: tokenCredential(emulator),
		});

		expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${resetPath(ADA)}`]);
		expect(run.items).toEqual([{ json: { success: true, reset: true, user_id: ADA }, pairedItem: { item: 0 } }]);
	});

	it('Full Envelope, set explicitly, is the default', async () => {
		const run = await runCloudflareNode({
			parameters: { ...reset(ACCOUNT_ID, ADA), options: { output: 'envelope' } },
			credential: tokenCredential(emulator),
		});
		expect(run.items).toEqual([{ json: envelopeSent(0), pairedItem: { item: 0 } }]);
	});
});

describe('Reset risk score: validation before any request', () => {
	const badUserIds: Array<[string, IDataObject[string], string]> = [
		['empty', '', 'an empty value'],
		['blank', '   ', 'an empty value'],
		['a path traversal', '../../user/tokens', '"../../user/tokens"'],
		['a slash', `${ADA}/../x`, `"${ADA}/../x"`],
		['a query string', `${ADA}?page=2`, `"${ADA}?page=2"`],
		['a fragment', `${ADA}#x`, `"${ADA}#x"`],
		['not a UUID', 'ada.lovelace@example.com', '"ada.lovelace@example.com"'],
		['an object', { id: ADA }, 'an object'],
		['a number', 42, 'number 42'],
	];

	it.each(badUserIds)('refuses a User ID that is %s, naming field, item and expectation', async (_, userId, shown) => {
		const run = await runCloudflareNode({
			parameters: reset(ACCOUNT_ID, '={{ $json.userId }}'),
			credential: tokenCredential(emulator),
			startItems: [{ userId }],
		});

		expect(emulator.requests).toEqual([]);
		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.message).toBe(
			`Invalid User ID for item 0: expected a Zero Trust user ID (a UUID such as 3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b), got ${shown}`,
		);
	});

	const badAccountIds: Array<[string, string]> = [
		['too short', ACCOUNT_ID.slice(1)],
		['not hexadecimal', 'z'.repeat(32)],
		['a path', `${ACCOUNT_ID}/../../user`],
	];

	it.each(badAccountIds)('refuses an Account ID that is %s', async (_, accountId) => {
		const run = await runCloudflareNode({
			parameters: reset('={{ $json.accountId }}', ADA),
			credential: tokenCredential(emulator),
			startItems: [{ accountId }],
		});

		expect(emulator.requests).toEqual([]);
		expect(run.error?.message).toMatch(
			/^Invalid Account ID for item 0: expected a Cloudflare account ID of 32 hexadecimal characters, got /,
		);
	});

	it('validates every item before sending anything: a bad item 2 means no request for items 0 and 1', async () => {
		const run = await runCloudflareNode({
			parameters: reset(ACCOUNT_ID, '={{ $json.userId }}'),
			credential: tokenCredential(emulator),
			startItems: [{ userId: ADA }, { userId: GRACE }, { userId: '../../user/tokens' }],
		});

		expect(emulator.requests).toEqual([]);
		expect(run.error?.message).toMatch(/^Invalid User ID for item 2: /);
		expect(run.items).toEqual([]);
	});

	it('reports an expression that fails on item 1 as a node error for item 1, before sending anything', async () => {
		const run = await runCloudflareNode({
			parameters: reset(ACCOUNT_ID, '={{ $json.user ? $json.user.id : $("No Such Node").item.json.id }}'),
			credential: tokenCredential(emulator),
			startItems: [{ user: { id: ADA } }, { ticket: 42 }],
		});

		expect(emulator.requests).toEqual([]);
		expect(run.error?.name).toBe('NodeOperationError');
		expect(run.error?.message).toBe("Referenced node doesn't exist");
		expect((run.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(1);
	});

	it('refuses a credential without a token before sending anything', async () => {
		const run = await runCloudflareNode({
			parameters: reset(ACCOUNT_ID, ADA),
			credential: tokenCredential(emulator, { apiToken: '  ' }),
		});

		expect(emulator.requests).toEqual([]);
		expect(run.error?.message).toBe('The Cloudflare Zero Trust API credential has no API Token');
	});
});

describe('Reset risk score: Cloudflare errors reach the user unchanged', () => {
	async function failingReset(credential = tokenCredential(emulator), accountId = ACCOUNT_ID, userId = ADA) {
		const run = await runCloudflareNode({ parameters: reset(accountId, userId), credential });
		expect(emulator.requests).toHaveLength(1);
		expect(run.items).toEqual([]);
		return run.error as unknown as { name: string; message: string; description: string; httpCode: string };
	}

	it('401 unknown token', async () => {
		const error = await failingReset(tokenCredential(emulator, { apiToken: 'not-a-real-token-0000000000000000000000' }));
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe('Cloudflare error 10000: Authentication error');
		expect(error.httpCode).toBe('401');
		expect(error.description).toBe(`HTTP 401 from POST ${resetPath(ADA)}`);
	});

	it('403 token without Zero Trust Write', async () => {
		const error = await failingReset(tokenCredential(emulator, { apiToken: fixtures.READ_ONLY_API_TOKEN }));
		expect(error.message).toBe('Cloudflare error 10000: Authentication error');
		expect(error.httpCode).toBe('403');
	});

	it('403 wrong Global API Key', async () => {
		const error = await failingReset(globalKeyCredential(emulator, { globalApiKey: 'f'.repeat(37) }));
		expect(error.message).toBe('Cloudflare error 9103: Unknown X-Auth-Key or X-Auth-Email');
		expect(error.httpCode).toBe('403');
	});

	it('403 account without Zero Trust Enterprise risk scoring', async () => {
		const error = await failingReset(
			tokenCredential(emulator),
			fixtures.ACCOUNT_WITHOUT_RISK_SCORING_ID,
			'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
		);
		expect(error.message).toBe(
			'Cloudflare error 10403: Risk scoring is not enabled for this account: it requires Zero Trust Enterprise',
		);
	});

	it('404 unknown user', async () => {
		const error = await failingReset(tokenCredential(emulator), ACCOUNT_ID, UNKNOWN_USER);
		expect(error.message).toBe('Cloudflare error 1404: User not found');
		expect(error.httpCode).toBe('404');
		expect(error.description).toBe(`HTTP 404 from POST ${resetPath(UNKNOWN_USER)}`);
	});

	it('several errors are all shown, in Cloudflare\'s order', async () => {
		emulator.intercept({
			path: resetPath(ADA),
			reply: {
				status: 400,
				body: {
					success: false,
					errors: [
						{ code: 7003, message: 'Could not route' },
						{ code: 7000, message: 'No route for that URI' },
					],
					messages: [],
					result: null,
				},
			},
		});
		const error = await failingReset();
		expect(error.message).toBe('Cloudflare error 7003: Could not route; Cloudflare error 7000: No route for that URI');
	});

	it.each([
		[
			'an error_chain',
			[{ code: 6003, message: 'Invalid request headers', error_chain: [{ code: 6111, message: 'Invalid format for Authorization header' }] }],
			'Cloudflare error 6003: Invalid request headers (6111: Invalid format for Authorization header)',
		],
		['errors as strings', ['Rate limited', 'Try later'], 'Cloudflare error: Rate limited; Cloudflare error: Try later'],
		['one error object instead of a list', { code: 1001, message: 'Bad' }, 'Cloudflare error 1001: Bad'],
		['an error without a code', [{ message: 'Bad' }], 'Cloudflare error: Bad'],
	])('keeps Cloudflare\'s words when errors come as %s', async (_, errors, message) => {
		emulator.intercept({ path: resetPath(ADA), reply: { status: 400, body: { success: false, errors, messages: [], result: null } } });
		const error = await failingReset();
		expect(error.message).toBe(message);
	});

	it('an HTML error page from Cloudflare\'s edge gives a clear message with the status', async () => {
		emulator.intercept({
			path: resetPath(ADA),
			reply: {
				status: 502,
				body: '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Error 502</h1> Bad gateway. Cloudflare Ray ID: 8f1a</body></html>',
			},
		});
		// A 502 is retried (test/faults.test.ts); with retries off, the one answer is the error.
		const run = await runCloudflareNode({
			parameters: { ...reset(ACCOUNT_ID, ADA), options: { maxRetries: 0 } },
			credential: tokenCredential(emulator),
		});
		expect(emulator.requests).toHaveLength(1);
		const error = run.error as unknown as { message: string; description: string; httpCode: string };
		expect(error.message).toBe('Cloudflare answered HTTP 502 with a non-JSON response');
		expect(error.httpCode).toBe('502');
		expect(error.description).toBe(
			`POST ${resetPath(ADA)} returned text/html: 502 Bad Gateway Error 502 Bad gateway. Cloudflare Ray ID: 8f1a; gave up after 1 attempt`,
		);
	});

	it('a 200 with success: false is a failure', async () => {
		emulator.intercept({
			path: resetPath(ADA),
			reply: {
				status: 200,
				body: { success: false, errors: [{ code: 1001, message: 'Reset did not happen' }], messages: [], result: null },
			},
		});
		const error = await failingReset();
		expect(error.message).toBe('Cloudflare error 1001: Reset did not happen');
		expect(error.httpCode).toBe('200');
	});

	it('a 200 with malformed JSON is a failure, not a crash', async () => {
		emulator.intercept({ path: resetPath(ADA), reply: { status: 200, body: '{"success": tru' } });
		const error = await failingReset();
		expect(error.message).toBe('Cloudflare answered HTTP 200 with a non-JSON response');
	});
});

describe('Reset risk score: Continue On Fail', () => {
	it('turns each failing item into an error item and completes the others: N in, N out, in order, paired', async () => {
		const run = await runCloudflareNode({
			parameters: reset(ACCOUNT_ID, '={{ $json.userId }}'),
			credential: tokenCredential(emulator),
			startItems: [{ userId: ADA }, { userId: UNKNOWN_USER }, { userId: 'not-a-uuid' }, { userId: GRACE }],
			continueOnFail: true,
		});

		expect(run.error).toBeUndefined();
		// The invalid item 2 never reaches Cloudflare.
		expect(emulator.requests.map((r) => r.path)).toEqual([resetPath(ADA), resetPath(UNKNOWN_USER), resetPath(GRACE)]);
		expect(run.items).toEqual([
			{ json: envelopeSent(0), pairedItem: { item: 0 } },
			{
				json: {
					error: 'Cloudflare error 1404: User not found',
					description: `HTTP 404 from POST ${resetPath(UNKNOWN_USER)}`,
					httpCode: '404',
					errors: [{ code: 1404, message: 'User not found' }],
				},
				pairedItem: { item: 1 },
			},
			{
				json: {
					error:
						'Invalid User ID for item 2: expected a Zero Trust user ID (a UUID such as 3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b), got "not-a-uuid"',
					description: 'Check the "User" field of item 2.',
				},
				pairedItem: { item: 2 },
			},
			{ json: envelopeSent(2), pairedItem: { item: 3 } },
		]);
	});

	it('with "Continue (using error output)", failed items go to the error output and the others to the success output', async () => {
		const run = await runCloudflareNode({
			parameters: reset(ACCOUNT_ID, '={{ $json.userId }}'),
			credential: tokenCredential(emulator),
			startItems: [{ userId: ADA }, { userId: UNKNOWN_USER }, { userId: 'not-a-uuid' }, { userId: GRACE }],
			errorOutput: true,
		});

		expect(run.error).toBeUndefined();
		expect(run.items).toEqual([
			{ json: envelopeSent(0), pairedItem: { item: 0 } },
			{ json: envelopeSent(2), pairedItem: { item: 3 } },
		]);
		// n8n adds the input item's fields to an item on the error output.
		expect(run.errorItems).toEqual([
			{
				json: {
					userId: UNKNOWN_USER,
					error: 'Cloudflare error 1404: User not found',
					details: {
						description: `HTTP 404 from POST ${resetPath(UNKNOWN_USER)}`,
						httpCode: '404',
						errors: [{ code: 1404, message: 'User not found' }],
					},
				},
				pairedItem: { item: 1 },
			},
			{
				json: {
					userId: 'not-a-uuid',
					error:
						'Invalid User ID for item 2: expected a Zero Trust user ID (a UUID such as 3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b), got "not-a-uuid"',
					details: { description: 'Check the "User" field of item 2.' },
				},
				pairedItem: { item: 2 },
			},
		]);
	});
});
