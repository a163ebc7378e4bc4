import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { resultObject, shapeOutput } from '../../helpers/output';
import { readOutputMode } from '../../helpers/parameters';
import { prepareAccount } from '../../helpers/resolution';
import { validateReferenceId } from '../../helpers/validation';
import type { RequestSpec } from '../../transport';
import { cloudflareApiRequest } from '../../transport';
import { accountLocator } from '../common.descriptions';
import type { ItemCall } from '../types';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['riskIntegration'], operation: ['getByReferenceId'] } },
	[
		accountLocator,
		{
			displayName: 'Reference ID',
			name: 'referenceId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. c7a2ea20-b2f1-4c94-ae05-319acb5c7427',
			description: 'The reference ID the integration was created or updated with',
		},
	],
);

export function prepare(this: IExecuteFunctions, itemIndex: number): ItemCall {
	const resolveAccount = prepareAccount(this, itemIndex);
	const referenceId = validateReferenceId(this.getNode(), this.getNodeParameter('referenceId', itemIndex), itemIndex);
	const output = readOutputMode(this, itemIndex, 'result');

	return async () => {
		const accountId = await resolveAccount();
		const request: RequestSpec = {
			method: 'GET',
			path: `/accounts/${accountId}/zt_risk_scoring/integrations/reference_id/${encodeURIComponent(referenceId)}`,
			itemIndex,
		};
		const envelope = await cloudflareApiRequest.call(this, request);
		return shapeOutput(output, envelope, resultObject(this.getNode(), envelope, request, 'integration'));
	};
}
