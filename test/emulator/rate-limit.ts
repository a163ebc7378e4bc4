import type { Reply } from './envelope';
import { fail } from './envelope';

/** Cloudflare's client API limit is 1,200 requests per 5 minutes per user or token; tests use small numbers. */
export interface RateLimitOptions {
	/** Requests allowed per window and principal. */
	limit: number;
	windowMs: number;
}

export interface RateLimitDecision {
	/** `Ratelimit` and `Ratelimit-Policy` (and `Retry-After` when refused), for every answer. */
	headers: Record<string, string>;
	/** The 429 to send instead of the API's answer, when the principal is over its limit. */
	refused?: Reply;
}

interface Window {
	startedAt: number;
	count: number;
}

/**
 * A fixed window per principal, answered the way Cloudflare's API does: the IETF draft headers
 * on every answer (`Ratelimit: "default";r=<remaining>;t=<seconds to reset>` and
 * `Ratelimit-Policy: "default";q=<limit>;w=<window seconds>`), and over the limit a 429 with
 * Cloudflare's error 971 and `Retry-After` in whole seconds until the window ends, rounded up.
 */
export class RateLimiter {
	private readonly windows = new Map<string, Window>();

	constructor(private readonly options: RateLimitOptions) {}

	take(principalKey: string, now = Date.now()): RateLimitDecision {
		const { limit, windowMs } = this.options;
		let window = this.windows.get(principalKey);
		if (!window || now >= window.startedAt + windowMs) {
			window = { startedAt: now, count: 0 };
			this.windows.set(principalKey, window);
		}
		window.count += 1;

		const secondsToReset = Math.max(1, Math.ceil((window.startedAt + windowMs - now) / 1000));
		const remaining = Math.max(0, limit - window.count);
		const headers: Record<string, string> = {
			ratelimit: `"default";r=${remaining};t=${secondsToReset}`,
			'ratelimit-policy': `"default";q=${limit};w=${Math.max(1, Math.ceil(windowMs / 1000))}`,
		};
		if (window.count <= limit) return { headers };

		headers['retry-after'] = String(secondsToReset);
		return {
			headers,
			refused: fail(429, { code: 971, message: 'Please wait and consider throttling your request speed' }),
		};
	}

	reset(): void {
		this.windows.clear();
	}
}
