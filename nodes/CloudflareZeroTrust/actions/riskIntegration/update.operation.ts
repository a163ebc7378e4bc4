import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { resultObject, shapeOutput } from '../../helpers/output';
import { readOutputMode } from '../../helpers/parameters';
import { validateBoolean, validateTenantUrl } from '../../helpers/validation';
import type { RequestSpec } from '../../transport';
import { cloudflareApiRequest } from '../../transport';
import { accountLocator } from '../common.descriptions';
import type { ItemCall } from '../types';
import { additionalFields, integrationIdField, prepareIntegration, readReferenceIdField, tenantUrlField } from './fields';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['riskIntegration'], operation: ['update'] } },
	[
		accountLocator,
		integrationIdField,
		tenantUrlField,
		{
			displayName: 'Active',
			name: 'active',
			type: 'boolean',
			default: true,
			description: 'Whether the integration exports risk score changes; when off, nothing is sent to the tenant',
		},
		additionalFields,
	],
);

export function prepare(this: IExecuteFunctions, itemIndex: number): ItemCall {
	const node = this.getNode();
	const integration = prepareIntegration(this, itemIndex);
	const active = validateBoolean(node, this.getNodeParameter('active', itemIndex), itemIndex, 'Active');
	// Cloudflare's update replaces the integration's settings: tenant URL and active are always sent.
	const body: IDataObject = {
		tenant_url: validateTenantUrl(node, this.getNodeParameter('tenantUrl', itemIndex), itemIndex),
		active,
		...readReferenceIdField(this, itemIndex),
	};
	const output = readOutputMode(this, itemIndex, 'result');

	return async () => {
		const request: RequestSpec = {
			method: 'PUT',
			path: await integration.path(),
			body,
			itemIndex,
		};
		const envelope = await cloudflareApiRequest.call(this, request);
		return shapeOutput(output, envelope, resultObject(this.getNode(), envelope, request, 'integration'));
	};
}
