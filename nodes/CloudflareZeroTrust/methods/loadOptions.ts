import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { behaviorItems } from '../helpers/behaviors';
import { readEditorAccount } from '../helpers/parameters';
import { resolveAccountId } from '../helpers/resolution';
import { cloudflareApiRequest } from '../transport';

/** The risk behaviors of the node's account, by name, with their key as value. */
export async function getBehaviors(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const accountId = await resolveAccountId.call(this, readEditorAccount(this));
	const envelope = await cloudflareApiRequest.call(this, {
		method: 'GET',
		path: `/accounts/${accountId}/zt_risk_scoring/behaviors`,
	});
	return behaviorItems(envelope.result as IDataObject)
		.map((behavior) => ({
			name: String(behavior.name ?? behavior.key),
			value: String(behavior.key),
			description: typeof behavior.description === 'string' ? behavior.description : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
