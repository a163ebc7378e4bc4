import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { prepareAccount } from '../../helpers/resolution';
import { validateIntegrationId, validateReferenceId } from '../../helpers/validation';

export const integrationIdField: INodeProperties = {
	displayName: 'Integration ID',
	name: 'integrationId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 3f98e277-4cbd-47ad-9c90-a9587403e430',
	description: 'The ID of the risk integration (a UUID), as Create or Get Many return it',
};

export const tenantUrlField: INodeProperties = {
	displayName: 'Tenant URL',
	name: 'tenantUrl',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. https://acme.okta.com',
	description: 'The base URL of the Okta tenant that receives risk score changes',
};

const referenceIdOption: INodeProperties = {
	displayName: 'Reference ID',
	name: 'referenceId',
	type: 'string',
	default: '',
	description: "Your own ID for the integration; Cloudflare suggests the ID of the account's Access Okta identity provider",
};

export const additionalFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [referenceIdOption],
};

/** Checks the item's Account and Integration ID now; `path()` gives the integration's path when the item runs. */
export function prepareIntegration(ctx: IExecuteFunctions, itemIndex: number) {
	const resolveAccount = prepareAccount(ctx, itemIndex);
	const integrationId = validateIntegrationId(ctx.getNode(), ctx.getNodeParameter('integrationId', itemIndex), itemIndex);
	return {
		integrationId,
		path: async () => `/accounts/${await resolveAccount()}/zt_risk_scoring/integrations/${integrationId}`,
	};
}

/** `{ reference_id }` when Additional Fields → Reference ID is set, else nothing. */
export function readReferenceIdField(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const { referenceId } = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	if (referenceId === undefined || referenceId === '') return {};
	return { reference_id: validateReferenceId(ctx.getNode(), referenceId, itemIndex) };
}
