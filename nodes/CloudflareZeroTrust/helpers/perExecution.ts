/**
 * Bookkeeping for one node execution. n8n hands every item of a run the same execution context
 * object, so it keys what the items share; the next execution starts afresh.
 */
const sharedByContext = new WeakMap<object, Map<string, Promise<unknown>>>();

function sharedOf(ctx: object): Map<string, Promise<unknown>> {
	let shared = sharedByContext.get(ctx);
	if (!shared) sharedByContext.set(ctx, (shared = new Map()));
	return shared;
}

/**
 * The same look-up, asked again in the same execution, gets the same promise: items running at the
 * same time share one request. A look-up that failed is forgotten, so a later item asks again.
 */
export function once<T>(ctx: object, key: string, lookUp: () => Promise<T>): Promise<T> {
	const shared = sharedOf(ctx);
	const known = shared.get(key) as Promise<T> | undefined;
	if (known) return known;
	const promise = lookUp();
	shared.set(key, promise);
	promise.catch(() => shared.delete(key));
	return promise;
}

/** Runs `work` only after every earlier `work` with the same key has settled: for read-modify-write requests. */
export function oneAtATime<T>(ctx: object, key: string, work: () => Promise<T>): Promise<T> {
	const shared = sharedOf(ctx);
	const queueKey = `one-at-a-time ${key}`;
	const previous = shared.get(queueKey) ?? Promise.resolve();
	const next = previous.then(work, work);
	shared.set(
		queueKey,
		next.catch(() => undefined),
	);
	return next;
}
