/**
 * When a request is worth repeating, and how long to wait first. Cloudflare's SDKs retry the
 * same statuses and back off from 0.5 s doubling to 8 s; a reset is safe to repeat.
 */

type Headers = Record<string, string | string[] | undefined>;

export function isRetryableStatus(status: number): boolean {
	return status === 408 || status === 409 || status === 429 || status >= 500;
}

// Failures of the connection itself, which a later attempt may not meet. Certificate errors,
// refused redirects or a cancelled execution are not among them.
const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ENETDOWN',
	// axios: the connection broke while the body was arriving.
	'ERR_BAD_RESPONSE',
	'UND_ERR_SOCKET',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
]);

export function isRetryableNetworkCode(code: string | undefined): boolean {
	return code !== undefined && RETRYABLE_NETWORK_CODES.has(code);
}

// Connection failures that mean the request never reached Cloudflare.
const NEVER_ARRIVED_NETWORK_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ENETDOWN',
	'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * For a request that must not take effect twice (one that creates something): whether this failure
 * proves Cloudflare did not act on it — a 408, 409 or 429, or a connection that never opened. After a timeout,
 * a broken connection or a 5xx it may have, so such a request is not sent again.
 */
export function surelyNotActedOn(failure: { statusCode: number } | { code?: string }): boolean {
	// 408: the request never fully arrived; 409: refused as a conflict; 429: refused by the rate limit.
	if ('statusCode' in failure) return [408, 409, 429].includes(failure.statusCode);
	return failure.code !== undefined && NEVER_ARRIVED_NETWORK_CODES.has(failure.code);
}

function header(headers: Headers, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * The wait Cloudflare asked for, in ms: `retry-after-ms`, else `Retry-After` in seconds or as an
 * HTTP date, else, when those say 0 or nothing, the body's `retry_after` (seconds), which some
 * of Cloudflare's 429s carry instead. Undefined when it asked for no wait.
 */
export function askedWaitMs(headers: Headers, body: unknown, now = Date.now()): number | undefined {
	const fromHeaders = headerWaitMs(headers, now);
	if (fromHeaders !== undefined && fromHeaders > 0) return fromHeaders;
	const fromBody = Number((body as { retry_after?: unknown } | undefined)?.retry_after);
	return Number.isFinite(fromBody) && fromBody > 0 ? fromBody * 1000 : undefined;
}

function headerWaitMs(headers: Headers, now: number): number | undefined {
	const ms = Number(header(headers, 'retry-after-ms'));
	if (header(headers, 'retry-after-ms') !== undefined && Number.isFinite(ms) && ms >= 0) return ms;

	const retryAfter = header(headers, 'retry-after')?.trim();
	if (!retryAfter) return undefined;
	if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter) * 1000;
	const date = Date.parse(retryAfter);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential back-off with jitter for retry number `retry` (1, 2, …): 0.5 s doubling to 8 s, each wait 50–100 % of that. */
export function backoffMs(retry: number, random = Math.random): number {
	const ceiling = Math.min(8_000, 500 * 2 ** (retry - 1));
	return ceiling / 2 + (random() * ceiling) / 2;
}
