import type { IDataObject } from 'n8n-workflow';

/** Cloudflare's `{ behaviors: { <key>: {...} } }` as one item per behavior, its key included. */
export function behaviorItems(result: IDataObject | null | undefined): IDataObject[] {
	const behaviors = (result?.behaviors ?? {}) as Record<string, IDataObject>;
	return Object.entries(behaviors).map(([key, behavior]) => ({ key, ...behavior }));
}
