import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { shapeOutput } from '../../helpers/output';
import { readLimit, readOutputMode } from '../../helpers/parameters';
import { prepareAccount } from '../../helpers/resolution';
import { cloudflareApiRequest } from '../../transport';
import { accountLocator, returnAllAndLimit } from '../common.descriptions';
import type { ItemCall } from '../types';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['riskIntegration'], operation: ['getAll'] } },
	[accountLocator, ...returnAllAndLimit],
);

export function prepare(this: IExecuteFunctions, itemIndex: number): ItemCall {
	const resolveAccount = prepareAccount(this, itemIndex);
	const limit = readLimit(this, itemIndex);
	const output = readOutputMode(this, itemIndex, 'result');

	return async () => {
		const accountId = await resolveAccount();
		const envelope = await cloudflareApiRequest.call(this, {
			method: 'GET',
			path: `/accounts/${accountId}/zt_risk_scoring/integrations`,
			itemIndex,
		});
		// Cloudflare returns every integration at once; the limit applies here, in either output.
		const integrations = ((envelope.result as IDataObject[] | null) ?? []).slice(0, limit);
		return shapeOutput(output, { ...envelope, result: integrations }, integrations);
	};
}
