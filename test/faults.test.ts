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
import { byEmail, byId, runCloudflareNode, tokenCredential } from './harness/cloudflare';

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

/** The error item for Cloudflare's error envelope, after `attempts` when it was retried. */
const cloudflareError =
	(status: number, code: number, message: string, attempts?: number) =>
	(path: string): ErrorItem => {
		const where = `HTTP ${status} from POST ${path}`;
		return {
			error: `Cloudflare error ${code}: ${message}`,
			description: attempts ? gaveUp(where, attempts) : where,
			httpCode: String(status),
			errors: [{ code, message }],
		};
	};

const htmlError = (status: number, text: string) => (path: string): ErrorItem => ({
	error: `Cloudflare answered HTTP ${status} with a non-JSON response`,
	description: gaveUp(`POST ${path} returned text/html: ${text} ${text} Cloudflare Ray ID: 8f1a2b3c`, 4),
	httpCode: String(status),
	errors: [],
});

const noAnswer = (error: string, code: string) => (path: string): ErrorItem => ({
	error,
	description: gaveUp(`POST ${path} got no complete answer (${code})`, 4),
	errors: [],
});

/** Retried with the back-off (capped by Max Retry Wait 0.1 s): item 1 recovers, item 3 gives up after 4 attempts. */
const retried = (fault: string, intercept: Row['intercept'], error: Row['errors'][number], extra: Partial<Row> = {}): Row => ({
	fault,
	intercept,
	options: { maxRetryWait: 0.1 },
	attempts: [1, 2, 1, 4],
	minWaitMs: 100,
	errors: { 3: error },
	...extra,
});

/** Never retried: one request per item; the `failing` items fail with `error`. */
const notRetried = (fault: string, setup: Partial<Row>, failing: number[], error: Row['errors'][number]): Row => ({
	fault,
	attempts: [1, 1, 1, 1],
	errors: Object.fromEntries(failing.map((item) => [item, error])),
	...setup,
});

/** A 429 that asks for a wait of 1 s: item 1 recovers, item 3 gives up after its single retry. */
const rateLimitedFor1s = (fault: string, reply: Reply): Row => ({
	fault,
	intercept: () => ({ reply }),
	options: { maxRetries: 1, maxRetryWait: 5 },
	attempts: [1, 2, 1, 2],
	minWaitMs: 1000,
	errors: { 3: cloudflareError(429, RATE_LIMITED.code, RATE_LIMITED.message, 2) },
});

const rows: Row[] = [
	rateLimitedFor1s('429 with Retry-After in seconds', rateLimited({ 'retry-after': '1' })),
	rateLimitedFor1s('429 with Retry-After 0 and the wait in the body (retry_after)', rateLimited({ 'retry-after': '0' }, { retry_after: 1 })),
	retried(
		'429 with retry-after-ms',
		() => ({ reply: rateLimited({ 'retry-after-ms': '300', 'retry-after': '1' }) }),
		cloudflareError(429, RATE_LIMITED.code, RATE_LIMITED.message, 4),
		{ options: { maxRetryWait: 5 }, minWaitMs: 300 },
	),
	retried(
		'500',
		() => ({ reply: fail(500, { code: 10001, message: 'Internal server error' }) }),
		cloudflareError(500, 10001, 'Internal server error', 4),
	),
	retried('502 HTML page', () => ({ reply: htmlPage(502, '502 Bad Gateway') }), htmlError(502, '502 Bad Gateway')),
	retried(
		'503',
		() => ({ reply: fail(503, { code: 10503, message: 'Service temporarily unavailable' }) }),
		cloudflareError(503, 10503, 'Service temporarily unavailable', 4),
	),
	retried(
		'520 HTML page',
		() => ({ reply: htmlPage(520, 'Web server is returning an unknown error') }),
		htmlError(520, 'Web server is returning an unknown error'),
	),
	retried(
		'408 and 409',
		(path) => ({
			reply: path.includes(batchUser(1))
				? fail(408, { code: 10408, message: 'Request timeout' })
				: fail(409, { code: 10409, message: 'Conflict: try again' }),
		}),
		cloudflareError(409, 10409, 'Conflict: try again', 4),
	),
	retried(
		'connection reset mid-response (after the headers and half the body)',
		() => ({ fault: 'reset' }),
		noAnswer('The connection to Cloudflare broke off during the answer', 'ERR_BAD_RESPONSE'),
	),
	retried(
		'connection dropped before an answer',
		() => ({ fault: 'drop' }),
		noAnswer('Could not reach Cloudflare: ECONNRESET', 'ECONNRESET'),
	),
	retried(
		'an answer that hangs past the timeout',
		() => ({ fault: 'hang' }),
		noAnswer('Cloudflare did not answer within 0.3 s', 'ECONNABORTED'),
		{
			options: { timeout: 0.3, maxRetryWait: 0.1 },
			// The attempt's own 0.3 s, then the back-off; less the few ms between the client starting
			// its timer and the emulator logging the request, from which the gap is measured here.
			minWaitMs: 300 + 100 - 20,
		},
	),
	notRetried(
		'malformed JSON with 200',
		{ intercept: () => ({ reply: { status: 200, body: '{"success": true, "errors": [], "resu' } }) },
		[1, 3],
		(path) => ({
			error: 'Cloudflare answered HTTP 200 with a non-JSON response',
			description: `POST ${path} returned text/html: {"success": true, "errors": [], "resu`,
			httpCode: '200',
			errors: [],
		}),
	),
	notRetried(
		'200 with success: false',
		{ intercept: () => ({ reply: fail(200, { code: 1001, message: 'Reset did not happen' }) }) },
		[1, 3],
		cloudflareError(200, 1001, 'Reset did not happen'),
	),
	notRetried(
		'400',
		{ intercept: () => ({ reply: fail(400, { code: 7003, message: 'Could not route' }) }) },
		[1, 3],
		cloudflareError(400, 7003, 'Could not route'),
	),
	notRetried(
		'401 unknown token',
		{ credential: () => tokenCredential(emulator, { apiToken: 'cfut_Revoked0000000000000000000000000000' }) },
		[0, 1, 2, 3],
		cloudflareError(401, 10000, 'Authentication error'),
	),
	notRetried(
		'403 missing permission',
		{ credential: () => tokenCredential(emulator, { apiToken: fixtures.READ_ONLY_API_TOKEN }) },
		[0, 1, 2, 3],
		cloudflareError(403, 10000, 'Authentication error'),
	),
	notRetried('404 unknown user', { unknownUsers: [1, 3] }, [1, 3], cloudflareError(404, 1404, 'User not found')),
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

describe("a success that lacks the result the operation returns is that item's error, never a crash", () => {
	const A = fixtures.ACCOUNT_ID;
	const ADA = '9b2f4e1a-3c5d-4e6f-8a7b-1c2d3e4f5a6b';
	const risk = `/accounts/${A}/zt_risk_scoring`;
	const integration = `${risk}/integrations/${fixtures.OKTA_INTEGRATION_ID}`;
	const users = `/accounts/${A}/access/users`;
	const account = { __rl: true, mode: 'id', value: A };
	const okta = { integrationType: 'Okta', tenantUrl: 'https://acme.okta.com' };

	interface ShapeRow {
		case: string;
		parameters: INodeParameters;
		/** The request whose first answer is `success: true` with `result`. */
		method: string;
		path: string;
		result: unknown;
		what: string;
		problem: string;
		/** Every request of item 0 (which meets the answer) and item 1 (which does not), in order. */
		requests: string[];
	}

	const rows: ShapeRow[] = [
		{
			case: 'Risk Integration → Get, result null',
			parameters: { resource: 'riskIntegration', operation: 'get', integrationId: fixtures.OKTA_INTEGRATION_ID },
			method: 'GET', path: integration, result: null, what: 'integration', problem: 'its result is null',
			requests: [`GET ${integration}`, `GET ${integration}`],
		},
		{
			case: 'Risk Integration → Get, result [] (the item must not vanish)',
			parameters: { resource: 'riskIntegration', operation: 'get', integrationId: fixtures.OKTA_INTEGRATION_ID },
			method: 'GET', path: integration, result: [], what: 'integration', problem: 'its result is a list',
			requests: [`GET ${integration}`, `GET ${integration}`],
		},
		{
			case: 'Risk Integration → Get by Reference ID, result a string',
			parameters: { resource: 'riskIntegration', operation: 'getByReferenceId', referenceId: fixtures.OKTA_REFERENCE_ID },
			method: 'GET', path: `${risk}/integrations/reference_id/${fixtures.OKTA_REFERENCE_ID}`, result: 'ok',
			what: 'integration', problem: 'its result is a text',
			requests: Array(2).fill(`GET ${risk}/integrations/reference_id/${fixtures.OKTA_REFERENCE_ID}`),
		},
		{
			case: 'Risk Integration → Create, result null',
			parameters: { resource: 'riskIntegration', operation: 'create', ...okta },
			method: 'POST', path: `${risk}/integrations`, result: null, what: 'integration', problem: 'its result is null',
			requests: [`POST ${risk}/integrations`, `POST ${risk}/integrations`],
		},
		{
			case: 'Risk Integration → Update, result true',
			parameters: { resource: 'riskIntegration', operation: 'update', integrationId: fixtures.OKTA_INTEGRATION_ID, ...okta },
			method: 'PUT', path: integration, result: true, what: 'integration', problem: 'its result is a boolean',
			requests: [`PUT ${integration}`, `PUT ${integration}`],
		},
		{
			case: 'Risk Integration → Get Many, result an object',
			parameters: { resource: 'riskIntegration', operation: 'getAll', returnAll: true },
			method: 'GET', path: `${risk}/integrations`, result: { id: 'x' }, what: 'integrations', problem: 'its result is an object',
			requests: [`GET ${risk}/integrations`, `GET ${risk}/integrations`],
		},
		{
			case: 'Risk Integration → Get Many, a null in the list',
			parameters: { resource: 'riskIntegration', operation: 'getAll', returnAll: true },
			method: 'GET', path: `${risk}/integrations`, result: [{ id: 'x' }, null], what: 'integrations',
			problem: 'element 1 of its result is null',
			requests: [`GET ${risk}/integrations`, `GET ${risk}/integrations`],
		},
		{
			case: 'User Risk Score → Get, result a string (not spread into keys "0", "1"…)',
			parameters: { resource: 'userRiskScore', operation: 'get', user: byId(ADA) },
			method: 'GET', path: `${risk}/${ADA}`, result: 'high', what: 'risk score', problem: 'its result is a text',
			requests: [`GET ${risk}/${ADA}`, `GET ${risk}/${ADA}`],
		},
		{
			case: 'User Risk Score → Get, result a list',
			parameters: { resource: 'userRiskScore', operation: 'get', user: byId(ADA) },
			method: 'GET', path: `${risk}/${ADA}`, result: ['high'], what: 'risk score', problem: 'its result is a list',
			requests: [`GET ${risk}/${ADA}`, `GET ${risk}/${ADA}`],
		},
		{
			case: 'User Risk Score → Get Many, result null',
			parameters: { resource: 'userRiskScore', operation: 'getAll', returnAll: true },
			method: 'GET', path: `${risk}/summary`, result: null, what: 'risk summary', problem: 'its result is null',
			requests: [`GET ${risk}/summary`, `GET ${risk}/summary`],
		},
		{
			case: 'User Risk Score → Get Many, users not a list',
			parameters: { resource: 'userRiskScore', operation: 'getAll', returnAll: true },
			method: 'GET', path: `${risk}/summary`, result: { users: { ada: {} } }, what: 'users',
			problem: 'result.users is an object',
			requests: [`GET ${risk}/summary`, `GET ${risk}/summary`],
		},
		{
			case: 'User Risk Score → Get Many, a null among the users',
			parameters: { resource: 'userRiskScore', operation: 'getAll', returnAll: true },
			method: 'GET', path: `${risk}/summary`, result: { users: [null] }, what: 'users',
			problem: 'element 0 of result.users is null',
			requests: [`GET ${risk}/summary`, `GET ${risk}/summary`],
		},
		{
			case: 'User → Get Many, result an object',
			parameters: { resource: 'user', operation: 'getAll', limit: 5 },
			method: 'GET', path: users, result: { id: ADA }, what: 'users', problem: 'its result is an object',
			requests: [`GET ${users}`, `GET ${users}`],
		},
		{
			case: 'User → Get Many, a null in the list',
			parameters: { resource: 'user', operation: 'getAll', limit: 5 },
			method: 'GET', path: users, result: [null], what: 'users', problem: 'element 0 of its result is null',
			requests: [`GET ${users}`, `GET ${users}`],
		},
		{
			case: 'User Risk Score → Reset By Email, a null in the look-up: no reset for that item',
			parameters: { resource: 'userRiskScore', operation: 'reset', user: byEmail('ada.lovelace@example.com') },
			method: 'GET', path: users, result: [null], what: 'users', problem: 'element 0 of its result is null',
			requests: [`GET ${users}`, `GET ${users}`, `POST ${risk}/${ADA}/reset`],
		},
		{
			case: 'Risk Behavior → Get Many, behaviors a list',
			parameters: { resource: 'riskBehavior', operation: 'getAll' },
			method: 'GET', path: `${risk}/behaviors`, result: { behaviors: [] }, what: 'behaviors',
			problem: 'result.behaviors is a list',
			requests: [`GET ${risk}/behaviors`, `GET ${risk}/behaviors`],
		},
		{
			case: 'Risk Behavior → Get Many, a behavior that is null',
			parameters: { resource: 'riskBehavior', operation: 'getAll' },
			method: 'GET', path: `${risk}/behaviors`, result: { behaviors: { imp_travel: null } }, what: 'behaviors',
			problem: 'an entry of result.behaviors is null',
			requests: [`GET ${risk}/behaviors`, `GET ${risk}/behaviors`],
		},
		{
			case: 'Risk Behavior → Update, the behaviors read back null: nothing written for that item',
			parameters: { resource: 'riskBehavior', operation: 'update', behaviors: ['imp_travel'], updateFields: { enabled: false } },
			method: 'GET', path: `${risk}/behaviors`, result: null, what: 'behaviors', problem: 'its result is null',
			requests: [`GET ${risk}/behaviors`, `GET ${risk}/behaviors`, `PUT ${risk}/behaviors`],
		},
	];

	it.each(rows)('$case', async (row) => {
		emulator.intercept({
			method: row.method,
			path: row.path,
			times: 1,
			reply: { status: 200, body: { success: true, errors: [], messages: [], result: row.result } },
		});
		const run = await runCloudflareNode({
			parameters: { account, ...row.parameters, options: { concurrency: 1 } },
			credential: tokenCredential(emulator),
			startItems: [{}, {}],
			continueOnFail: true,
		});

		expect(run.error).toBeUndefined();
		expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual(row.requests);
		expect(run.items[0]).toEqual({
			json: {
				error: `Cloudflare answered success but without the ${row.what} this operation returns`,
				description: `${row.method} ${row.path} answered success, but ${row.problem}`,
				errors: [],
			},
			pairedItem: { item: 0 },
		});
		// Item 1 met Cloudflare's real answer and went on.
		const rest = run.items.slice(1);
		expect(rest.length).toBeGreaterThan(0);
		expect(rest.map((item) => [item.pairedItem, item.json.error])).toEqual(rest.map(() => [{ item: 1 }, undefined]));
	});

	it('without Continue On Fail the node stops with that error, naming the item; nothing crashes', async () => {
		emulator.intercept({
			path: integration,
			reply: { status: 200, body: { success: true, errors: [], messages: [], result: null } },
		});
		const run = await runCloudflareNode({
			parameters: { resource: 'riskIntegration', operation: 'get', account, integrationId: fixtures.OKTA_INTEGRATION_ID },
			credential: tokenCredential(emulator),
		});

		expect(run.items).toEqual([]);
		expect(run.error).toMatchObject({
			name: 'NodeApiError',
			message: 'Cloudflare answered success but without the integration this operation returns',
			description: `GET ${integration} answered success, but its result is null`,
			context: { itemIndex: 0 },
		});
	});

	it('Full Envelope does not hide it either: one error item, not an envelope with result null', async () => {
		emulator.intercept({
			path: `${risk}/${ADA}`,
			reply: { status: 200, body: { success: true, errors: [], messages: [], result: null } },
		});
		const run = await runCloudflareNode({
			parameters: { resource: 'userRiskScore', operation: 'get', account, user: byId(ADA), options: { output: 'envelope' } },
			credential: tokenCredential(emulator),
			continueOnFail: true,
		});

		expect(run.items).toEqual([
			{
				json: {
					error: 'Cloudflare answered success but without the risk score this operation returns',
					description: `GET ${risk}/${ADA} answered success, but its result is null`,
					errors: [],
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});
