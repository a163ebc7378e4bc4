import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { behaviorItems, behaviorsOf } from '../helpers/behaviors';
import { readEditorAccount } from '../helpers/parameters';
import { resolveAccountId } from '../helpers/resolution';
import type { RequestSpec } from '../transport';
import { cloudflareApiRequest } from '../transport';

/** The risk behaviors of the node's account, by name, with their key as value. */
export async function getBehaviors(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const accountId = await resolveAccountId.call(this, readEditorAccount(this));
	const request: RequestSpec = { method: 'GET', path: `/accounts/${accountId}/zt_risk_scoring/behaviors` };
	const envelope = await cloudflareApiRequest.call(this, request);
	return behaviorItems(behaviorsOf(this.getNode(), envelope, request))
		.map((behavior) => ({
			name: String(behavior.name ?? behavior.key),
			value: String(behavior.key),
			description: typeof behavior.description === 'string' ? behavior.description : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
