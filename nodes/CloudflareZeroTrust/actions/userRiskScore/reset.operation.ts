import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { validateAccountId, validateUserId } from '../../helpers/validation';
import { cloudflareApiRequest } from '../../transport';
import type { ItemCall } from '../types';

const showOnlyForReset = { show: { resource: ['userRiskScore'], operation: ['reset'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Account ID',
		name: 'accountId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '699d98642c564d2e855e9661899b7252',
		description:
			'The 32-character ID of the Cloudflare account (dashboard → Account home → the account\'s menu → Copy account ID)',
		displayOptions: showOnlyForReset,
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.userId }}',
		description: 'The UUID of the Zero Trust user whose risk score is reset (Zero Trust → Users)',
		displayOptions: showOnlyForReset,
	},
];

export function prepare(this: IExecuteFunctions, itemIndex: number): ItemCall {
	const node = this.getNode();
	const accountId = validateAccountId(node, this.getNodeParameter('accountId', itemIndex), itemIndex);
	const userId = validateUserId(node, this.getNodeParameter('userId', itemIndex), itemIndex);

	return async () =>
		cloudflareApiRequest.call(this, {
			method: 'POST',
			path: `/accounts/${accountId}/zt_risk_scoring/${userId}/reset`,
			itemIndex,
		});
}
