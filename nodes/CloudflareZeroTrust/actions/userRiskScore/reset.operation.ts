import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { shapeOutput, showResolvedUser } from '../../helpers/output';
import { readOutputMode } from '../../helpers/parameters';
import { prepareAccountAndUser } from '../../helpers/resolution';
import { cloudflareApiRequest } from '../../transport';
import { accountLocator, userLocator } from '../common.descriptions';
import type { ItemCall } from '../types';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['userRiskScore'], operation: ['reset'] } },
	[accountLocator, userLocator],
);

export function prepare(this: IExecuteFunctions, itemIndex: number): ItemCall {
	const resolveTarget = prepareAccountAndUser(this, itemIndex);
	const output = readOutputMode(this, itemIndex, 'envelope');

	return async () => {
		const { accountId, user: target } = await resolveTarget();
		const envelope = await cloudflareApiRequest.call(this, {
			method: 'POST',
			path: `/accounts/${accountId}/zt_risk_scoring/${target.id}/reset`,
			itemIndex,
		});
		// Cloudflare's result is empty: Result says what happened instead.
		return showResolvedUser(shapeOutput(output, envelope, { success: true, reset: true, user_id: target.id }), target);
	};
}
