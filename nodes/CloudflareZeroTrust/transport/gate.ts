import type { IDataObject } from 'n8n-workflow';

type Headers = Record<string, string | string[] | undefined>;

/** The answer that closed the gate, as the items that cannot wait for it will show it. */
export interface HoldReason {
	message: string;
	httpCode?: string;
	/** Kept as the error's `errorResponse`: Cloudflare's `errors[]` for error items. Never holds request data. */
	response: IDataObject;
}

export interface Refusal {
	reason: HoldReason;
	/** How much longer the gate stays closed. */
	waitMs: number;
}

const BUDGET_SPENT: HoldReason = {
	message: "Cloudflare's rate limit for this API token is used up",
	response: { errors: [] },
};

/** Below this share of the window's quota, the requests left are spread over the time left. */
const PACING_SHARE = 0.2;

/**
 * One per node execution, shared by all its requests. When Cloudflare asks one request to wait,
 * no request of the execution goes out until that time (no 429 storm from the other items). It
 * also reads the `Ratelimit` header Cloudflare sends with every answer: while the token has
 * plenty left, requests go as fast as Concurrency allows; once the budget runs low, the requests
 * left are spread evenly over the rest of the window. So a long batch keeps going at the rate the
 * token allows with short waits (Cloudflare's 1,200 per 5 minutes: about one every second once
 * 240 are left), instead of spending the budget at once and then facing a wait of minutes, which
 * Max Retry Wait would refuse. When the budget is spent all the same (another client of the
 * token), requests are held until the window resets.
 */
export class BackoffGate {
	private openAt = 0;
	private heldBy: HoldReason | undefined;
	/** Requests the token has left in Cloudflare's current window, minus those sent since; unknown until an answer says. */
	private budget: number | undefined;
	private budgetResetsAt = 0;
	/** From `Ratelimit-Policy`: the token's requests per window, and the window's length. */
	private policy: { quota: number; windowMs: number } | undefined;
	private inFlight = 0;
	private lastStartAt = 0;

	/**
	 * Resolves when a request may go out, counting it as sent; or returns why it may not, when
	 * the gate stays closed longer than `maxWaitMs`.
	 */
	async enter(maxWaitMs: number, pause: (ms: number) => Promise<void>): Promise<Refusal | undefined> {
		for (;;) {
			const now = Date.now();
			if (this.budget !== undefined && now >= this.budgetResetsAt) this.startNewWindow(now);
			const budgetSpent = this.budget !== undefined && this.budget <= 0;
			const until = Math.max(
				this.openAt,
				budgetSpent ? this.budgetResetsAt : this.lastStartAt + this.spacingMs(now, maxWaitMs),
			);
			if (until <= now) break;
			if (until - now > maxWaitMs) {
				const reason = until === this.openAt && this.heldBy ? this.heldBy : BUDGET_SPENT;
				return { reason, waitMs: until - now };
			}
			// Loop: another answer may have moved the time on while this one waited.
			await pause(until - now);
		}
		if (this.budget !== undefined) this.budget -= 1;
		this.inFlight += 1;
		this.lastStartAt = Date.now();
		return undefined;
	}

	/**
	 * The gap to keep between request starts: none while the budget is plentiful, nor when the gaps
	 * would be longer than Max Retry Wait (a few requests left for minutes: better sent at once than
	 * refused; the wait for the next window is then judged on its own).
	 */
	private spacingMs(now: number, maxWaitMs: number): number {
		if (this.budget === undefined || this.policy === undefined) return 0;
		if (this.budget > Math.ceil(this.policy.quota * PACING_SHARE)) return 0;
		const spacing = Math.max(0, this.budgetResetsAt - now) / this.budget;
		return spacing > maxWaitMs ? 0 : spacing;
	}

	/** Cloudflare's window has reset: a full quota until the next answer tells the exact count. */
	private startNewWindow(now: number): void {
		this.budget = this.policy?.quota;
		this.budgetResetsAt = now + (this.policy?.windowMs ?? 0);
	}

	/** Call once the request that `enter` let through has its answer or failed, after `observe`. */
	leave(): void {
		this.inFlight -= 1;
	}

	holdUntil(time: number, reason: HoldReason): void {
		if (time <= this.openAt) return;
		this.openAt = time;
		this.heldBy = reason;
	}

	/** Reads `Ratelimit: "default";r=<remaining>;t=<seconds to reset>` and `Ratelimit-Policy: "default";q=<quota>;w=<window>`. */
	observe(headers: Headers, now = Date.now()): void {
		const limits = parseList(headers['ratelimit']).filter((item) => item.values.r !== undefined);
		if (limits.length === 0) return;
		const tightest = limits.reduce((a, b) => (b.values.r < a.values.r ? b : a));
		// The other requests in flight may be counted after this answer was: assume they were not yet.
		this.budget = tightest.values.r - (this.inFlight - 1);
		this.budgetResetsAt = now + (tightest.values.t ?? 0) * 1000;
		const policies = parseList(headers['ratelimit-policy']);
		const policy = policies.find((p) => p.name === tightest.name) ?? policies[0];
		const { q, w } = policy?.values ?? {};
		if (q !== undefined && w !== undefined) this.policy = { quota: q, windowMs: w * 1000 };
	}
}

interface ListItem {
	name: string;
	values: Record<string, number>;
}

/** A structured-field list such as `"default";r=50;t=30, "burst";r=2;t=1`, keeping numeric parameters. */
function parseList(value: string | string[] | undefined): ListItem[] {
	const text = Array.isArray(value) ? value.join(',') : value;
	if (!text) return [];
	return text.split(',').map((member) => {
		const [name, ...parameters] = member.split(';').map((part) => part.trim());
		const values: Record<string, number> = {};
		for (const parameter of parameters) {
			const [key, raw] = parameter.split('=').map((part) => part.trim());
			if (key && raw && Number.isFinite(Number(raw))) values[key] = Number(raw);
		}
		return { name: name.replace(/^"|"$/g, ''), values };
	});
}
