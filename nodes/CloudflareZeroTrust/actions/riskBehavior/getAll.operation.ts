import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { behaviorItems } from '../../helpers/behaviors';
import { shapeOutput } from '../../helpers/output';
import { readOutputMode } from '../../helpers/parameters';
import { prepareAccount } from '../../helpers/resolution';
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
		const envelope = await cloudflareApiRequest.call(this, {
			method: 'GET',
			path: `/accounts/${accountId}/zt_risk_scoring/behaviors`,
			itemIndex,
		});
		return shapeOutput(output, envelope, behaviorItems(envelope.result as IDataObject));
	};
}
