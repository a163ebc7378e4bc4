import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Intercept } from './emulator';
import { CloudflareEmulator, fixtures } from './emulator';
import type { Reply } from './emulator/envelope';
import { fail } from './emulator/envelope';
import {
	addBatchUsers,
	batchUser,
	envelopeOf,
	gapsBetweenAttempts,
	itemsFor,
	requestsTo,
	resetByItem,
	resetPath,
} from './harness/batch';
import { runCloudflareNode, tokenCredential } from './harness/cloudflare';

/**
 * The fault matrix: a batch of four items where item 1 meets the fault once and item 3 meets it
 * on every attempt (items 0 and 2 never do), run through n8n's WorkflowExecute with Continue On
 * Fail. For each fault: how many requests went out, how long the node waited before each retry,
 * that four items came out in input order, which succeeded, and the exact error of the others.
 */

const emulator = new CloudflareEmulator();
beforeAll(() => emulator.start());
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

const RATE_LIMITED = { code: 971, message: 'Please wait and consider throttling your request speed' };
const rateLimited = (headers: Record<string, string>, extra: IDataObject = {}): Reply => ({
	status: 429,
	headers,
	body: { success: false, errors: [RATE_LIMITED], messages: [], result: null, ...extra },
});
const htmlPage = (status: number, title: string): Reply => ({
	status,
	body: `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>Cloudflare Ray ID: 8f1a2b3c</p></body></html>`,
});

interface ErrorItem {
	error: string;
	description: string;
	httpCode?: string;
	errors: IDataObject[];
}

interface Row {
	fault: string;
	/** What items 1 (once) and 3 (always) meet; leave out for faults that come from Cloudflare's API itself. */
	intercept?: (path: string) => Omit<Intercept, 'path' | 'times'>;
	/** Users the API does not know, by item. */
	unknownUsers?: number[];
	credential?: () => ICredentialDataDecryptedObject;
	options?: INodeParameters;
	/** Requests per item 0..3. */
	attempts: [number, number, number, number];
	/** The shortest wait before each retry. */
	minWaitMs?: number;
	/** The error item of each item that could not be done, by item. */
	errors: Record<number, (path: string) => ErrorItem>;
}

const gaveUp = (where: string, attempts: number) => `${where}; gave up after ${attempts} attempts`;

const rows: Row[] = [
	{
		fault: '429 with Retry-After in seconds',
		intercept: () => ({ reply: rateLimited({ 'retry-after': '1' }) }),
		options: { maxRetries: 1, maxRetryWait: 5 },
		attempts: [1, 2, 1, 2],
		minWaitMs: 1000,
		errors: {
			3: (path) => ({
				error: 'Cloudflare error 971: Please wait and consider throttling your request speed',
				description: gaveUp(`HTTP 429 from POST ${path}`, 2),
				httpCode: '429',
				errors: [RATE_LIMITED],
			}),
		},
	},
	{
		fault: '429 with Retry-After 0 and the wait in the body (retry_after)',
		intercept: () => ({ reply: rateLimited({ 'retry-after': '0' }, { retry_after: 1 }) }),
		options: { maxRetries: 1, maxRetryWait: 5 },
		attempts: [1, 2, 1, 2],
		minWaitMs: 1000,
		errors: {
			3: (path) => ({
				error: 'Cloudflare error 971: Please wait and consider throttling your request speed',
				description: gaveUp(`HTTP 429 from POST ${path}`, 2),
				httpCode: '429',
				errors: [RATE_LIMITED],
			}),
		},
	},
	{
		fault: '429 with retry-after-ms',
		intercept: () => ({ reply: rateLimited({ 'retry-after-ms': '300', 'retry-after': '1' }) }),
		options: { maxRetryWait: 5 },
		attempts: [1, 2, 1, 4],
		minWaitMs: 300,
		errors: {
			3: (path) => ({
				error: 'Cloudflare error 971: Please wait and consider throttling your request speed',
				description: gaveUp(`HTTP 429 from POST ${path}`, 4),
				httpCode: '429',
				errors: [RATE_LIMITED],
			}),
		},
	},
	{
		fault: '500',
		intercept: () => ({ reply: fail(500, { code: 10001, message: 'Internal server error' }) }),
		options: { maxRetryWait: 0.1 },
		attempts: [1, 2, 1, 4],
		minWaitMs: 100,
		errors: {
			3: (path) => ({
				error: 'Cloudflare error 10001: Internal server error',
				description: gaveUp(`HTTP 500 from POST ${path}`, 4),
				httpCode: '500',
				errors: [{ code: 10001, message: 'Internal server error' }],
			}),
		},
	},
	{
		fault: '502 HTML page',
		intercept: () => ({ reply: htmlPage(502, '502 Bad Gateway') }),
		options: { maxRetryWait: 0.1 },
		attempts: [1, 2, 1, 4],
		minWaitMs: 100,
		errors: {
			3: (path) => ({
				error: 'Cloudflare answered HTTP 502 with a non-JSON response',
				description: gaveUp(`POST ${path} returned text/html: 502 Bad Gateway 502 Bad Gateway Cloudflare Ray ID: 8f1a2b3c`, 4),
				httpCode: '502',
				errors: [],
			}),
		},
	},
	{
		fault: '503',
		intercept: () => ({ reply: fail(503, { code: 10503, message: 'Service temporarily unavailable' }) }),
		options: { maxRetryWait: 0.1 },
		attempts: [1, 2, 1, 4],
		minWaitMs: 100,
		errors: {
			3: (path) => ({
				error: 'Cloudflare error 10503: Service temporarily unavailable',
				description: gaveUp(`HTTP 503 from POST ${path}`, 4),
				httpCode: '503',
				errors: [{ code: 10503, message: 'Service temporarily unavailable' }],
			}),
		},
	},
	{
		fault: '520 HTML page',
		intercept: () => ({ reply: htmlPage(520, 'Web server is returning an unknown error') }),
		options: { maxRetryWait: 0.1 },
		attempts: [1, 2, 1, 4],
		minWaitMs: 100,
		errors: {
			3: (path) => ({
				error: 'Cloudflare answered HTTP 520 with a non-JSON response',
				description: gaveUp(
					`POST ${path} returned text/html: Web server is returning an unknown error Web server is returning an unknown error Cloudflare Ray ID: 8f1a2b3c`,
					4,
				),
				httpCode: '520',
				errors: [],
			}),
		},
	},
	{
		fault: '408 and 409',
		intercept: (path) => ({
			reply: path.includes(batchUser(1))
				? fail(408, { code: 10408, message: 'Request timeout' })
				: fail(409, { code: 10409, message: 'Conflict: try again' }),
		}),
		options: { maxRetryWait: 0.1 },
		attempts: [1, 2, 1, 4],
		minWaitMs: 100,
		errors: {
			3: (path) => ({
				error: 'Cloudflare error 10409: Conflict: try again',
				description: gaveUp(`HTTP 409 from POST ${path}`, 4),
				httpCode: '409',
				errors: [{ code: 10409, message: 'Conflict: try again' }],
			}),
		},
	},
	{
		fault: 'connection reset mid-response (after the headers and half the body)',
		intercept: () => ({ fault: 'reset' }),
		options: { maxRetryWait: 0.1 },
		attempts: [1, 2, 1, 4],
		minWaitMs: 100,
		errors: {
			3: (path) => ({
				error: 'The connection to Cloudflare broke off during the answer',
				description: gaveUp(`POST ${path} got no complete answer (ERR_BAD_RESPONSE)`, 4),
				errors: [],
			}),
		},
	},
	{
		fault: 'connection dropped before an answer',
		intercept: () => ({ fault: 'drop' }),
		options: { maxRetryWait: 0.1 },
		attempts: [1, 2, 1, 4],
		minWaitMs: 100,
		errors: {
			3: (path) => ({
				error: 'Could not reach Cloudflare: ECONNRESET',
				description: gaveUp(`POST ${path} got no complete answer (ECONNRESET)`, 4),
				errors: [],
			}),
		},
	},
	{
		fault: 'an answer that hangs past the timeout',
		intercept: () => ({ fault: 'hang' }),
		options: { timeout: 0.3, maxRetryWait: 0.1 },
		attempts: [1, 2, 1, 4],
		// The attempt's own 0.3 s, then the back-off; less the few ms between the client starting its
		// timer and the emulator logging the request, from which the gap is measured here.
		minWaitMs: 300 + 100 - 20,
		errors: {
			3: (path) => ({
				error: 'Cloudflare did not answer within 0.3 s',
				description: gaveUp(`POST ${path} got no complete answer (ECONNABORTED)`, 4),
				errors: [],
			}),
		},
	},
	{
		fault: 'malformed JSON with 200 (not retried)',
		intercept: () => ({ reply: { status: 200, body: '{"success": true, "errors": [], "resu' } }),
		attempts: [1, 1, 1, 1],
		errors: Object.fromEntries(
			[1, 3].map((item) => [
				item,
				(path: string) => ({
					error: 'Cloudflare answered HTTP 200 with a non-JSON response',
					description: `POST ${path} returned text/html: {"success": true, "errors": [], "resu`,
					httpCode: '200',
					errors: [],
				}),
			]),
		),
	},
	{
		fault: '200 with success: false (not retried)',
		intercept: () => ({ reply: fail(200, { code: 1001, message: 'Reset did not happen' }) }),
		attempts: [1, 1, 1, 1],
		errors: Object.fromEntries(
			[1, 3].map((item) => [
				item,
				(path: string) => ({
					error: 'Cloudflare error 1001: Reset did not happen',
					description: `HTTP 200 from POST ${path}`,
					httpCode: '200',
					errors: [{ code: 1001, message: 'Reset did not happen' }],
				}),
			]),
		),
	},
	{
		fault: '400 (not retried)',
		intercept: () => ({ reply: fail(400, { code: 7003, message: 'Could not route' }) }),
		attempts: [1, 1, 1, 1],
		errors: Object.fromEntries(
			[1, 3].map((item) => [
				item,
				(path: string) => ({
					error: 'Cloudflare error 7003: Could not route',
					description: `HTTP 400 from POST ${path}`,
					httpCode: '400',
					errors: [{ code: 7003, message: 'Could not route' }],
				}),
			]),
		),
	},
	{
		fault: '401 unknown token (not retried)',
		credential: () => tokenCredential(emulator, { apiToken: 'cfut_Revoked0000000000000000000000000000' }),
		attempts: [1, 1, 1, 1],
		errors: Object.fromEntries(
			[0, 1, 2, 3].map((item) => [
				item,
				(path: string) => ({
					error: 'Cloudflare error 10000: Authentication error',
					description: `HTTP 401 from POST ${path}`,
					httpCode: '401',
					errors: [{ code: 10000, message: 'Authentication error' }],
				}),
			]),
		),
	},
	{
		fault: '403 missing permission (not retried)',
		credential: () => tokenCredential(emulator, { apiToken: fixtures.READ_ONLY_API_TOKEN }),
		attempts: [1, 1, 1, 1],
		errors: Object.fromEntries(
			[0, 1, 2, 3].map((item) => [
				item,
				(path: string) => ({
					error: 'Cloudflare error 10000: Authentication error',
					description: `HTTP 403 from POST ${path}`,
					httpCode: '403',
					errors: [{ code: 10000, message: 'Authentication error' }],
				}),
			]),
		),
	},
	{
		fault: '404 unknown user (not retried)',
		unknownUsers: [1, 3],
		attempts: [1, 1, 1, 1],
		errors: Object.fromEntries(
			[1, 3].map((item) => [
				item,
				(path: string) => ({
					error: 'Cloudflare error 1404: User not found',
					description: `HTTP 404 from POST ${path}`,
					httpCode: '404',
					errors: [{ code: 1404, message: 'User not found' }],
				}),
			]),
		),
	},
];

/** Four users; those listed in `unknownUsers` are not added to Cloudflare. */
function batchFor(row: Row): string[] {
	const known = addBatchUsers(emulator, 4);
	return known.map((id, item) => (row.unknownUsers?.includes(item) ? id.replace(/^b/, 'c') : id));
}

describe('fault matrix: a batch of 4 where item 1 meets the fault once and item 3 on every attempt', () => {
	it.each(rows)('$fault', async (row) => {
		const users = batchFor(row);
		const paths = users.map((id) => resetPath(id));
		if (row.intercept) {
			emulator.intercept({ ...row.intercept(paths[1]), path: paths[1], times: 1 });
			emulator.intercept({ ...row.intercept(paths[3]), path: paths[3] });
		}

		const run = await runCloudflareNode({
			parameters: resetByItem(row.options),
			credential: row.credential?.() ?? tokenCredential(emulator),
			startItems: itemsFor(users),
			continueOnFail: true,
		});

		expect(run.error).toBeUndefined();
		// Requests made: per item, and nothing else.
		expect(paths.map((path) => requestsTo(emulator, path).length)).toEqual(row.attempts);
		expect(emulator.requests).toHaveLength(row.attempts.reduce((a, b) => a + b));
		// Waits observed before every retry.
		for (const path of paths) {
			for (const gap of gapsBetweenAttempts(requestsTo(emulator, path))) {
				expect(gap).toBeGreaterThanOrEqual(row.minWaitMs!);
			}
		}
		// Four items out, in input order, each paired: the envelope Cloudflare sent last, or the exact error.
		expect(run.items).toEqual(
			paths.map((path, item) => {
				const expectedError = row.errors[item];
				const last = requestsTo(emulator, path).at(-1)!;
				return { json: expectedError ? expectedError(path) : envelopeOf(last), pairedItem: { item } };
			}),
		);
	});

	it('a retried reset is safe: the user whose answer was cut off was reset once, and the retry succeeded', async () => {
		const users = addBatchUsers(emulator, 2);
		emulator.intercept({ path: resetPath(users[1]), fault: 'reset', times: 1 });

		const run = await runCloudflareNode({
			parameters: resetByItem({ maxRetryWait: 0.1 }),
			credential: tokenCredential(emulator),
			startItems: itemsFor(users),
		});

		const attempts = requestsTo(emulator, resetPath(users[1]));
		expect(attempts.map((r) => [r.response?.status, r.response?.interrupted])).toEqual([
			[200, true],
			[200, undefined],
		]);
		expect(run.items.map((i) => i.json)).toEqual(users.map(() => ({ success: true, errors: [], messages: [], result: {} })));
		const user = emulator.state.users.get(fixtures.ACCOUNT_ID)!.find((u) => u.id === users[1])!;
		expect(user.events).toEqual([]);
	});

	it('Retry-After as an HTTP date: the retry waits until that date', async () => {
		const users = addBatchUsers(emulator, 2);
		// HTTP dates have whole seconds: 1.5 s ahead is 0.5 to 1.5 s ahead once written.
		const retryAt = new Date(Date.now() + 1500).toUTCString();
		emulator.intercept({ path: resetPath(users[1]), times: 1, reply: rateLimited({ 'retry-after': retryAt }) });

		const run = await runCloudflareNode({
			parameters: resetByItem(),
			credential: tokenCredential(emulator),
			startItems: itemsFor(users),
		});

		const attempts = requestsTo(emulator, resetPath(users[1]));
		expect(attempts.map((r) => r.response?.status)).toEqual([429, 200]);
		expect(attempts[1].at).toBeGreaterThanOrEqual(Date.parse(retryAt));
		expect(run.items.map((i) => [i.json.success, i.pairedItem])).toEqual([
			[true, { item: 0 }],
			[true, { item: 1 }],
		]);
	});
});

describe('when retrying cannot help', () => {
	it('a wait longer than Max Retry Wait is not waited out: the item fails with Cloudflare\'s answer and later items are not sent', async () => {
		const users = addBatchUsers(emulator, 4);
		emulator.intercept({ path: resetPath(users[1]), reply: rateLimited({ 'retry-after': '300' }) });

		const run = await runCloudflareNode({
			parameters: resetByItem({ concurrency: 1 }),
			credential: tokenCredential(emulator),
			startItems: itemsFor(users),
			continueOnFail: true,
		});

		// Item 0 done, item 1 told to wait 5 minutes, items 2 and 3 held back: no request adds to the block.
		expect(emulator.requests.map((r) => [r.path, r.response?.status])).toEqual([
			[resetPath(users[0]), 200],
			[resetPath(users[1]), 429],
		]);
		const notSent = (item: number) => ({
			json: {
				error: 'Cloudflare error 971: Please wait and consider throttling your request speed',
				description: expect.stringMatching(
					new RegExp(
						`^POST ${resetPath(users[item])} was not sent: Cloudflare's rate limit lets no request through for another (299\\.\\d|300) s, more than the Max Retry Wait of 60 s$`,
					),
				),
				httpCode: '429',
				errors: [RATE_LIMITED],
			},
			pairedItem: { item },
		});
		expect(run.items).toEqual([
			{ json: envelopeOf(emulator.requests[0]), pairedItem: { item: 0 } },
			{
				json: {
					error: 'Cloudflare error 971: Please wait and consider throttling your request speed',
					description: `HTTP 429 from POST ${resetPath(users[1])}; not retried: Cloudflare asked to wait 300 s, more than the Max Retry Wait of 60 s`,
					httpCode: '429',
					errors: [RATE_LIMITED],
				},
				pairedItem: { item: 1 },
			},
			notSent(2),
			notSent(3),
		]);
	});

	it('without Continue On Fail the node fails with the failing item\'s error, naming its index', async () => {
		const users = addBatchUsers(emulator, 4);
		emulator.intercept({ path: resetPath(users[2]), reply: fail(503, { code: 10503, message: 'Service temporarily unavailable' }) });

		const run = await runCloudflareNode({
			parameters: resetByItem({ maxRetryWait: 0.1 }),
			credential: tokenCredential(emulator),
			startItems: itemsFor(users),
		});

		expect(requestsTo(emulator, resetPath(users[2]))).toHaveLength(4);
		expect(run.items).toEqual([]);
		expect(run.error).toMatchObject({
			name: 'NodeApiError',
			message: 'Cloudflare error 10503: Service temporarily unavailable',
			description: gaveUp(`HTTP 503 from POST ${resetPath(users[2])}`, 4),
			httpCode: '503',
			context: { itemIndex: 2 },
		});
	});

	it('Max Retries 0 sends each request once', async () => {
		const users = addBatchUsers(emulator, 1);
		emulator.intercept({ path: resetPath(users[0]), reply: fail(503, { code: 10503, message: 'Service temporarily unavailable' }) });

		const run = await runCloudflareNode({
			parameters: resetByItem({ maxRetries: 0 }),
			credential: tokenCredential(emulator),
			startItems: itemsFor(users),
			continueOnFail: true,
		});

		expect(emulator.requests).toHaveLength(1);
		expect(run.items[0].json.description).toBe(`HTTP 503 from POST ${resetPath(users[0])}; gave up after 1 attempt`);
	});
});
