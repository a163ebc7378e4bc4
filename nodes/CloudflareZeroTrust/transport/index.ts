import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { NodeOptions } from '../actions/options';
import { DEFAULT_OPTIONS, readOptions } from '../actions/options';
import { baseUrlProblem, DEFAULT_BASE_URL } from './baseUrl';
import type { HoldReason, Refusal } from './gate';
import { BackoffGate } from './gate';
import { askedWaitMs, backoffMs, isRetryableNetworkCode, isRetryableStatus, surelyNotActedOn } from './retry';

export const CREDENTIAL_TYPE = 'cloudflareZeroTrustApi';

type Context = IExecuteFunctions | ILoadOptionsFunctions;

export interface CloudflareMessage {
	code: number;
	message: string;
	documentation_url?: string;
	source?: { pointer?: string };
}

/** Cloudflare's response envelope; it is also an item's JSON as it stands. */
export type CloudflareEnvelope<Result = unknown> = IDataObject & {
	success: boolean;
	errors: CloudflareMessage[];
	messages: CloudflareMessage[];
	result: Result;
	result_info?: IDataObject;
};

export interface RequestSpec {
	method: IHttpRequestMethods;
	/** Path below the API base URL, built only from validated ids. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** false for a request that must not take effect twice (creating an integration): see surelyNotActedOn. */
	repeatable?: boolean;
}

interface HttpResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

/** A request that got no (complete) answer; only the error code (or, lacking one, its message) is kept of the HTTP client's error. */
interface NetworkFailure {
	code?: string;
	kind: 'timeout' | 'broken' | 'unreachable';
	/** For a failure without a code, such as n8n refusing the host. */
	reason?: string;
}

/** What the requests of one node run share: one credential read, the options, one back-off gate. */
interface Session {
	connection: Promise<Connection>;
	options: NodeOptions;
	gate: BackoffGate;
}

interface Connection {
	baseUrl: string;
	/** The credential's secrets, to blank out of any error text that echoes them. */
	secrets: string[];
}

const sessionByContext = new WeakMap<Context, Session>();

function sessionOf(ctx: Context): Session {
	let session = sessionByContext.get(ctx);
	if (!session) {
		session = {
			connection: readConnection(ctx),
			// Pickers in the editor (listSearch, loadOptions) have no node options: defaults.
			options: 'getInputData' in ctx ? readOptions(ctx) : DEFAULT_OPTIONS,
			gate: new BackoffGate(),
		};
		sessionByContext.set(ctx, session);
	}
	return session;
}

async function readConnection(ctx: Context): Promise<Connection> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const missing = missingSecret(credentials);
	if (missing) {
		throw new NodeOperationError(ctx.getNode(), `The Cloudflare Zero Trust API credential has no ${missing}`, {
			description: 'Open the credential and fill it in; nothing was sent to Cloudflare.',
		});
	}
	const baseUrl = (String(credentials.baseUrl ?? '').trim() || DEFAULT_BASE_URL).replace(/\/+$/, '');
	const problem = baseUrlProblem(baseUrl);
	if (problem) {
		throw new NodeOperationError(ctx.getNode(), problem, {
			description: 'Open the credential and correct the API Base URL; nothing was sent.',
		});
	}
	const secrets = [credentials.apiToken, credentials.globalApiKey]
		.map((secret) => (typeof secret === 'string' ? secret.trim() : ''))
		.filter((secret) => secret.length > 0);
	return { baseUrl, secrets };
}

function missingSecret(credentials: ICredentialDataDecryptedObject): string | undefined {
	const isBlank = (value: unknown) => typeof value !== 'string' || value.trim() === '';
	if (credentials.authType === 'globalApiKey') {
		if (isBlank(credentials.email)) return 'Email';
		if (isBlank(credentials.globalApiKey)) return 'Global API Key';
		return undefined;
	}
	return isBlank(credentials.apiToken) ? 'API Token' : undefined;
}

/**
 * Sends one request and returns Cloudflare's envelope, or throws a NodeApiError carrying
 * Cloudflare's own errors. Rate limits, server errors, timeouts and broken connections are
 * retried (see retry.ts), waiting together with every other request of the node run.
 */
export async function cloudflareApiRequest<Result = unknown>(
	this: Context,
	spec: RequestSpec,
): Promise<CloudflareEnvelope<Result>> {
	const { connection, options, gate } = sessionOf(this);
	const { baseUrl, secrets } = await connection;
	try {
		return await requestWithRetries<Result>(this, spec, `${baseUrl}${spec.path}`, options, gate);
	} catch (error) {
		throw redacted(this, error, secrets);
	}
}

/**
 * Cloudflare does not echo credentials, but a proxy or a misconfigured endpoint in front of it
 * might, in an error page or message: such text reaches the user with the secret blanked out.
 */
function redacted(ctx: Context, error: unknown, secrets: string[]): NodeApiError | NodeOperationError {
	if (!(error instanceof NodeApiError)) return new NodeOperationError(ctx.getNode(), error as Error);
	const blank = (text: string) => secrets.reduce((result, secret) => result.split(secret).join('[redacted]'), text);
	error.message = blank(error.message);
	if (error.description) error.description = blank(error.description);
	if (error.errorResponse) error.errorResponse = JSON.parse(blank(JSON.stringify(error.errorResponse)));
	return error;
}

async function requestWithRetries<Result>(
	ctx: Context,
	spec: RequestSpec,
	url: string,
	options: NodeOptions,
	gate: BackoffGate,
): Promise<CloudflareEnvelope<Result>> {
	const { maxRetries, maxRetryWaitMs } = options;
	const backOff = (attempt: number) => pause(ctx, Math.min(backoffMs(attempt), maxRetryWaitMs));
	const mayRepeat = (outcome: HttpResponse | NetworkFailure) => spec.repeatable !== false || surelyNotActedOn(outcome);

	for (let attempt = 1; ; attempt++) {
		const refusal = await gate.enter(maxRetryWaitMs, (ms) => pause(ctx, ms));
		if (refusal) throw notSentError(ctx, spec, attempt - 1, refusal, maxRetryWaitMs);
		const outcome = await send(ctx, spec, url, options.timeoutMs, gate);

		if (!('statusCode' in outcome)) {
			const error = (note: string) => networkError(ctx, spec, outcome, options, note);
			if (!isRetryableNetworkCode(outcome.code)) throw error(attemptsNote(attempt));
			if (!mayRepeat(outcome)) throw error(notRepeatedNote(attempt));
			if (attempt > maxRetries) throw error(gaveUpNote(attempt));
			await backOff(attempt);
			continue;
		}

		const failure = responseFailure(spec, outcome);
		if (!failure) return outcome.body as CloudflareEnvelope<Result>;
		const error = (note: string) => apiError(ctx, spec, failure, note);
		if (!isRetryableStatus(outcome.statusCode)) throw error(attemptsNote(attempt));
		if (!mayRepeat(outcome)) throw error(notRepeatedNote(attempt));

		// A wait Cloudflare asks for is kept by the gate, for this request and every other one.
		const askedMs = askedWaitMs(outcome.headers, failure.body);
		if (askedMs !== undefined) gate.holdUntil(Date.now() + askedMs, failure);
		if (attempt > maxRetries) throw error(gaveUpNote(attempt));
		if (askedMs !== undefined && askedMs > maxRetryWaitMs) {
			const tooLong = `not retried: Cloudflare asked to wait ${seconds(askedMs)}, more than the Max Retry Wait of ${seconds(maxRetryWaitMs)}`;
			throw error([attemptsNote(attempt), tooLong].filter(Boolean).join('; '));
		}
		if (askedMs === undefined) await backOff(attempt);
	}
}

/** One attempt, counted by the gate while it is under way; its answer's Ratelimit headers go to the gate. */
async function send(
	ctx: Context,
	spec: RequestSpec,
	url: string,
	timeoutMs: number,
	gate: BackoffGate,
): Promise<HttpResponse | NetworkFailure> {
	// Built afresh for every attempt: n8n's helper writes into the options it is given.
	const options: IHttpRequestOptions = {
		method: spec.method,
		url,
		qs: spec.qs,
		body: spec.body,
		json: true,
		timeout: timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// Cloudflare's API never redirects: a 3xx is the answer, not followed, and never followed to
		// another host with the credential. Not following also skips n8n's redirect-following HTTP
		// client: less CPU time and memory per request (BENCHMARKS.md).
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
	};
	try {
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			CREDENTIAL_TYPE,
			options,
		)) as HttpResponse;
		gate.observe(response.headers);
		return { ...response, body: parseBody(response.body) };
	} catch (error) {
		// A credential problem, not the network; NodeOperationError hands back the error it is given.
		if (error instanceof NodeOperationError) throw new NodeOperationError(ctx.getNode(), error);
		return networkFailure(error);
	} finally {
		gate.leave();
	}
}

/**
 * n8n's helper wraps transport failures in a NodeApiError whose cause is the raw HTTP client error,
 * request headers included. Only the error code and a short reason are kept, so no secret travels on.
 */
function networkFailure(error: unknown): NetworkFailure {
	const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
	const rawCode = cause?.code ?? (error as { code?: unknown }).code;
	const code = typeof rawCode === 'string' ? rawCode : undefined;
	const message = String(cause?.message ?? (error as Error).message ?? '');
	if (code === 'ECONNABORTED' && /timeout/i.test(message)) return { code, kind: 'timeout' };
	// axios: the connection broke after the status line, while the body was arriving.
	if (code === 'ERR_BAD_RESPONSE' && /aborted/i.test(message)) return { code, kind: 'broken' };
	return { code, kind: 'unreachable', reason: message.slice(0, 200) || undefined };
}

interface FailureParts extends HoldReason {
	description: string;
	/** The parsed body, for a `retry_after` in it. */
	body?: unknown;
}

/** What is wrong with an answer, or undefined for a successful envelope. */
function responseFailure(spec: RequestSpec, response: HttpResponse): FailureParts | undefined {
	const { statusCode, body } = response;
	const where = `${spec.method} ${spec.path}`;
	const httpCode = String(statusCode);

	if (!isEnvelope(body)) {
		const kind = typeof body === 'string' && body.trim() !== '' ? 'a non-JSON' : 'an empty or unexpected';
		return {
			message: `Cloudflare answered HTTP ${statusCode} with ${kind} response`,
			description: `${where} returned ${describeContentType(response.headers)}: ${snippet(body)}`,
			httpCode,
			response: { httpCode, errors: [] },
		};
	}
	if (statusCode < 400 && body.success === true) return undefined;

	const errors = cloudflareErrors(body.errors);
	return {
		message: errors.length
			? errors.map(describeCloudflareError).join('; ')
			: 'Cloudflare reported a failure without an error message',
		description: `HTTP ${statusCode} from ${where}`,
		httpCode,
		response: { httpCode, errors, messages: body.messages ?? [] },
		body,
	};
}

/** `errors` as a list of objects whatever shape it came in (a list, one object, strings). */
function cloudflareErrors(errors: unknown): IDataObject[] {
	if (errors === undefined || errors === null) return [];
	return (Array.isArray(errors) ? errors : [errors]).map((error) =>
		typeof error === 'object' && error !== null ? (error as IDataObject) : { message: String(error) },
	);
}

/** `Cloudflare error 6003: Invalid request headers (6111: Invalid format for Authorization header)`. */
function describeCloudflareError(error: IDataObject): string {
	const text = (entry: IDataObject) => {
		const message = typeof entry.message === 'string' ? entry.message : JSON.stringify(entry);
		return entry.code === undefined || entry.code === null ? message : `${String(entry.code)}: ${message}`;
	};
	const chain = Array.isArray(error.error_chain)
		? ` (${cloudflareErrors(error.error_chain).map(text).join('; ')})`
		: '';
	const head = error.code === undefined || error.code === null ? 'Cloudflare error: ' : 'Cloudflare error ';
	return `${head}${text(error)}${chain}`;
}

/** '' for a first attempt, whose answer needs no count. */
function attemptsNote(attempts: number): string {
	return attempts === 1 ? '' : `after ${attempts} attempts`;
}

function notRepeatedNote(attempts: number): string {
	const note = 'not retried: Cloudflare may have acted on it, so look before running it again';
	return [attemptsNote(attempts), note].filter(Boolean).join('; ');
}

function gaveUpNote(attempts: number): string {
	return `gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
}

function networkError(
	ctx: Context,
	spec: RequestSpec,
	{ code, kind, reason }: NetworkFailure,
	options: NodeOptions,
	note: string,
): NodeApiError {
	const messages = {
		timeout: `Cloudflare did not answer within ${seconds(options.timeoutMs)}`,
		broken: 'The connection to Cloudflare broke off during the answer',
		unreachable: `Could not reach Cloudflare: ${code ?? reason ?? 'unknown network error'}`,
	};
	return apiError(
		ctx,
		spec,
		{
			message: messages[kind],
			description: `${spec.method} ${spec.path} got no complete answer${code ? ` (${code})` : ''}`,
			response: { errors: [] },
		},
		note,
	);
}

function notSentError(
	ctx: Context,
	spec: RequestSpec,
	attemptsMade: number,
	{ reason, waitMs }: Refusal,
	maxRetryWaitMs: number,
): NodeApiError {
	const again = attemptsMade ? ` again after ${attemptsMade} attempt${attemptsMade === 1 ? '' : 's'}` : '';
	return apiError(ctx, spec, {
		message: reason.message,
		description:
			`${spec.method} ${spec.path} was not sent${again}: Cloudflare's rate limit lets no request through for another ` +
			`${seconds(waitMs)}, more than the Max Retry Wait of ${seconds(maxRetryWaitMs)}`,
		httpCode: reason.httpCode,
		response: reason.response,
	});
}

function apiError(ctx: Context, spec: RequestSpec, parts: FailureParts, note = ''): NodeApiError {
	const error = new NodeApiError(ctx.getNode(), parts.response as JsonObject, {
		message: parts.message,
		description: note ? `${parts.description}; ${note}` : parts.description,
		httpCode: parts.httpCode,
		itemIndex: spec.itemIndex,
	});
	// NodeApiError swaps messages naming ECONNRESET, ETIMEDOUT… for generic advice; keep ours, which
	// carries Cloudflare's own words or the exact network failure.
	error.message = parts.message;
	return error;
}

/** Waits `ms`. A cancelled execution ends the wait at once and stops the request. */
async function pause(ctx: Context, ms: number): Promise<void> {
	const signal = 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
	if (ms > 0 && !signal?.aborted) {
		let stop = () => {};
		const cancelled = new Promise<void>((resolve) => {
			stop = resolve;
			signal?.addEventListener('abort', stop, { once: true });
		});
		await Promise.race([sleep(ms), cancelled]);
		signal?.removeEventListener('abort', stop);
	}
	if (signal?.aborted) {
		throw new NodeOperationError(ctx.getNode(), 'The execution was cancelled while the node waited to send a request');
	}
}

function seconds(ms: number): string {
	return `${Math.round(ms / 100) / 10} s`;
}

function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

function isEnvelope(body: unknown): body is CloudflareEnvelope {
	return typeof body === 'object' && body !== null && 'success' in body;
}

function snippet(body: unknown): string {
	const text = typeof body === 'string' ? body : JSON.stringify(body) ?? '';
	const flat = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
	return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat || '(empty body)';
}

function describeContentType(headers: HttpResponse['headers']): string {
	const type = headers['content-type'];
	return typeof type === 'string' ? type.split(';')[0] : 'no content type';
}
