import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { resultObject, shapeOutput, showResolvedUser } from '../../helpers/output';
import { readOutputMode } from '../../helpers/parameters';
import { prepareAccountAndUser } from '../../helpers/resolution';
import type { RequestSpec } from '../../transport';
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
		const request: RequestSpec = { method: 'GET', path: `/accounts/${accountId}/zt_risk_scoring/${target.id}`, itemIndex };
		const envelope = await cloudflareApiRequest.call(this, request);
		// Cloudflare's result names the user but not their id; the item carries it for the next node.
		const result = { user_id: target.id, ...resultObject(this.getNode(), envelope, request, 'risk score') };
		return showResolvedUser(shapeOutput(output, envelope, result), target);
	};
}
