import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { shapeOutput } from '../../helpers/output';
import { readLimit, readOutputMode } from '../../helpers/parameters';
import { prepareAccount } from '../../helpers/resolution';
import { requireText } from '../../helpers/validation';
import { cloudflareApiRequestAllPages } from '../../transport/pagination';
import { accountLocator, returnAllAndLimit } from '../common.descriptions';
import type { ItemCall } from '../types';

const FILTERS = [
	{ name: 'email', displayName: 'Email', description: 'Users whose email contains this text' },
	{ name: 'name', displayName: 'Name', description: 'Users whose name contains this text' },
	{ name: 'search', displayName: 'Search', description: 'Users whose name or email contains this text' },
];

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getAll'] } },
	[
		accountLocator,
		...returnAllAndLimit,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: FILTERS.map(({ name, displayName, description }) => ({
				displayName,
				name,
				type: 'string' as const,
				default: '',
				description,
			})),
		},
	],
);

/** The filters set, as Cloudflare's query parameters of the same names. */
function readFilters(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	for (const { name, displayName } of FILTERS) {
		const value = filters[name];
		if (value === undefined || value === '') continue;
		const check = { what: displayName, field: `Filters → ${displayName}`, expected: 'text' };
		qs[name] = requireText(ctx.getNode(), value, check, itemIndex);
	}
	return qs;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): ItemCall {
	const resolveAccount = prepareAccount(this, itemIndex);
	const limit = readLimit(this, itemIndex);
	const qs = readFilters(this, itemIndex);
	const output = readOutputMode(this, itemIndex, 'result');

	return async () => {
		const accountId = await resolveAccount();
		const envelope = await cloudflareApiRequestAllPages.call(
			this,
			{ method: 'GET', path: `/accounts/${accountId}/access/users`, qs, itemIndex },
			'users',
			limit,
		);
		return shapeOutput(output, envelope, envelope.result);
	};
}
