import type { IDataObject, INode } from 'n8n-workflow';

import type { CloudflareEnvelope, RequestSpec } from '../transport';
import { resultMap, resultObject } from './output';

/** Cloudflare's `{ behaviors: { <key>: {...} } }`, checked: the map of behaviors by key. */
export function behaviorsOf(node: INode, envelope: CloudflareEnvelope, request: RequestSpec): Record<string, IDataObject> {
	const result = resultObject(node, envelope, request, 'behaviors');
	return resultMap(node, result.behaviors, request, 'behaviors', 'result.behaviors');
}

/** One item per behavior, its key included. */
export function behaviorItems(behaviors: Record<string, IDataObject>): IDataObject[] {
	return Object.entries(behaviors).map(([key, behavior]) => ({ key, ...behavior }));
}
