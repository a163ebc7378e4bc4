import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { shapeOutput, showResolvedUser } from '../../helpers/output';
import { readOutputMode } from '../../helpers/parameters';
import { prepareAccountAndUser } from '../../helpers/resolution';
import { cloudflareApiRequest } from '../../transport';
import { accountLocator, userLocator } from '../common.descriptions';
import type { ItemCall } from '../types';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['userRiskScore'], operation: ['get'] } },
	[accountLocator, userLocator],
);

export function prepare(this: IExecuteFunctions, itemIndex: number): ItemCall {
	const resolveTarget = prepareAccountAndUser(this, itemIndex);
	const output = readOutputMode(this, itemIndex, 'result');

	return async () => {
		const { accountId, user: target } = await resolveTarget();
		const envelope = await cloudflareApiRequest.call(this, {
			method: 'GET',
			path: `/accounts/${accountId}/zt_risk_scoring/${target.id}`,
			itemIndex,
		});
		// Cloudflare's result names the user but not their id; the item carries it for the next node.
		const result = { user_id: target.id, ...(envelope.result as IDataObject) };
		return showResolvedUser(shapeOutput(output, envelope, result), target);
	};
}
