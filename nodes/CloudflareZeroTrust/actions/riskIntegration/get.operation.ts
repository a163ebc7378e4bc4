import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { resultObject, shapeOutput } from '../../helpers/output';
import { readOutputMode } from '../../helpers/parameters';
import type { RequestSpec } from '../../transport';
import { cloudflareApiRequest } from '../../transport';
import { accountLocator } from '../common.descriptions';
import type { ItemCall } from '../types';
import { integrationIdField, prepareIntegration } from './fields';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['riskIntegration'], operation: ['get'] } },
	[accountLocator, integrationIdField],
);

export function prepare(this: IExecuteFunctions, itemIndex: number): ItemCall {
	const integration = prepareIntegration(this, itemIndex);
	const output = readOutputMode(this, itemIndex, 'result');

	return async () => {
		const request: RequestSpec = {
			method: 'GET',
			path: await integration.path(),
			itemIndex,
		};
		const envelope = await cloudflareApiRequest.call(this, request);
		return shapeOutput(output, envelope, resultObject(this.getNode(), envelope, request, 'integration'));
	};
}
