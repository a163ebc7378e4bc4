import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { behaviorItems, behaviorsOf } from '../../helpers/behaviors';
import { shapeOutput } from '../../helpers/output';
import { readOutputMode } from '../../helpers/parameters';
import { prepareAccount } from '../../helpers/resolution';
import type { RequestSpec } from '../../transport';
import { cloudflareApiRequest } from '../../transport';
import { accountLocator } from '../common.descriptions';
import type { ItemCall } from '../types';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['riskBehavior'], operation: ['getAll'] } },
	[accountLocator],
);

export function prepare(this: IExecuteFunctions, itemIndex: number): ItemCall {
	const resolveAccount = prepareAccount(this, itemIndex);
	const output = readOutputMode(this, itemIndex, 'result');

	return async () => {
		const accountId = await resolveAccount();
		const request: RequestSpec = { method: 'GET', path: `/accounts/${accountId}/zt_risk_scoring/behaviors`, itemIndex };
		const envelope = await cloudflareApiRequest.call(this, request);
		return shapeOutput(output, envelope, behaviorItems(behaviorsOf(this.getNode(), envelope, request)));
	};
}
