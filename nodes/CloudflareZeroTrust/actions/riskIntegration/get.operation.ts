import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { shapeOutput } from '../../helpers/output';
import { readAccount, readOutputMode } from '../../helpers/parameters';
import { resolveAccountId } from '../../helpers/resolution';
import { cloudflareApiRequest } from '../../transport';
import { accountLocator } from '../common.descriptions';
import type { ItemCall } from '../types';
import { integrationIdField, readIntegrationId } from './fields';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['riskIntegration'], operation: ['get'] } },
	[accountLocator, integrationIdField],
);

export function prepare(this: IExecuteFunctions, itemIndex: number): ItemCall {
	const account = readAccount(this, itemIndex);
	const integrationId = readIntegrationId(this, itemIndex);
	const output = readOutputMode(this, itemIndex, 'result');

	return async () => {
		const accountId = await resolveAccountId.call(this, account, itemIndex);
		const envelope = await cloudflareApiRequest.call(this, {
			method: 'GET',
			path: `/accounts/${accountId}/zt_risk_scoring/integrations/${integrationId}`,
			itemIndex,
		});
		return shapeOutput(output, envelope, envelope.result as IDataObject);
	};
}
