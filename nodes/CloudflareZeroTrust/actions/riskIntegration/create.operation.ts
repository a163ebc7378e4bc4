import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { resultObject, shapeOutput } from '../../helpers/output';
import { readOutputMode } from '../../helpers/parameters';
import { prepareAccount } from '../../helpers/resolution';
import { validateTenantUrl } from '../../helpers/validation';
import type { RequestSpec } from '../../transport';
import { cloudflareApiRequest } from '../../transport';
import { accountLocator } from '../common.descriptions';
import type { ItemCall } from '../types';
import { additionalFields, readReferenceIdField, tenantUrlField } from './fields';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['riskIntegration'], operation: ['create'] } },
	[
		accountLocator,
		{
			displayName: 'Integration Type',
			name: 'integrationType',
			type: 'options',
			options: [{ name: 'Okta', value: 'Okta', description: 'Okta, through the Shared Signals Framework' }],
			default: 'Okta',
			description: 'Where Cloudflare exports risk score changes',
		},
		tenantUrlField,
		additionalFields,
	],
);

export function prepare(this: IExecuteFunctions, itemIndex: number): ItemCall {
	const resolveAccount = prepareAccount(this, itemIndex);
	const body: IDataObject = {
		integration_type: 'Okta',
		tenant_url: validateTenantUrl(this.getNode(), this.getNodeParameter('tenantUrl', itemIndex), itemIndex),
		...readReferenceIdField(this, itemIndex),
	};
	const output = readOutputMode(this, itemIndex, 'result');

	return async () => {
		const accountId = await resolveAccount();
		const request: RequestSpec = {
			method: 'POST',
			path: `/accounts/${accountId}/zt_risk_scoring/integrations`,
			body,
			itemIndex,
			// Sent again after a lost answer, it could create a second integration.
			repeatable: false,
		};
		const envelope = await cloudflareApiRequest.call(this, request);
		return shapeOutput(output, envelope, resultObject(this.getNode(), envelope, request, 'integration'));
	};
}
