import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { resultList, resultObject, shapeOutput } from '../../helpers/output';
import { readLimit, readOutputMode } from '../../helpers/parameters';
import { prepareAccount } from '../../helpers/resolution';
import { isAtLeast } from '../../helpers/riskLevels';
import { validateRiskLevel } from '../../helpers/validation';
import type { RequestSpec } from '../../transport';
import { cloudflareApiRequest } from '../../transport';
import { accountLocator, returnAllAndLimit } from '../common.descriptions';
import type { ItemCall } from '../types';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['userRiskScore'], operation: ['getAll'] } },
	[
		accountLocator,
		...returnAllAndLimit,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Minimum Risk Level',
					name: 'minimumRiskLevel',
					type: 'options',
					options: [
						{ name: 'High', value: 'high', description: 'Users whose highest risk is high' },
						{ name: 'Low', value: 'low', description: 'Every user with risk events' },
						{ name: 'Medium', value: 'medium', description: 'Users whose highest risk is medium or high' },
					],
					default: 'medium',
					description: "Only users whose highest risk level (max_risk_level) is at least this",
				},
			],
		},
	],
);

export function prepare(this: IExecuteFunctions, itemIndex: number): ItemCall {
	const resolveAccount = prepareAccount(this, itemIndex);
	const limit = readLimit(this, itemIndex);
	const output = readOutputMode(this, itemIndex, 'result');
	const minimum = validateRiskLevel(
		this.getNode(),
		this.getNodeParameter('filters.minimumRiskLevel', itemIndex, 'low'),
		itemIndex,
		'Filters → Minimum Risk Level',
	);

	return async () => {
		const accountId = await resolveAccount();
		const request: RequestSpec = { method: 'GET', path: `/accounts/${accountId}/zt_risk_scoring/summary`, itemIndex };
		const envelope = await cloudflareApiRequest.call(this, request);
		// The summary is one list; the filter and the limit apply to it here, in either output.
		const summary = resultObject(this.getNode(), envelope, request, 'risk summary');
		const users = resultList(this.getNode(), summary.users, request, 'users', 'result.users')
			.filter((user) => isAtLeast(user.max_risk_level, minimum))
			.slice(0, limit);
		return shapeOutput(output, { ...envelope, result: { ...summary, users } }, users);
	};
}
