import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { resultList, shapeOutput } from '../../helpers/output';
import { readLimit, readOutputMode } from '../../helpers/parameters';
import { prepareAccount } from '../../helpers/resolution';
import type { RequestSpec } from '../../transport';
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
		const request: RequestSpec = { method: 'GET', path: `/accounts/${accountId}/zt_risk_scoring/integrations`, itemIndex };
		const envelope = await cloudflareApiRequest.call(this, request);
		// Cloudflare returns every integration at once; the limit applies here, in either output.
		const integrations = resultList(this.getNode(), envelope.result, request, 'integrations').slice(0, limit);
		return shapeOutput(output, { ...envelope, result: integrations }, integrations);
	};
}
