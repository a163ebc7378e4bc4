import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as create from './create.operation';
import * as deleteOperation from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getByReferenceId from './getByReferenceId.operation';
import * as update from './update.operation';

export const operations: Record<string, Operation> = {
	create,
	delete: deleteOperation,
	get,
	getByReferenceId,
	getAll,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['riskIntegration'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Start exporting risk score changes to an Okta tenant',
				action: 'Create a risk integration',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Stop and remove a risk integration',
				action: 'Delete a risk integration',
			},
			{ name: 'Get', value: 'get', description: 'Get a risk integration by its ID', action: 'Get a risk integration' },
			{
				name: 'Get by Reference ID',
				value: 'getByReferenceId',
				description: 'Get a risk integration by the reference ID it was given',
				action: 'Get a risk integration by reference ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get the risk integrations of the account',
				action: 'Get many risk integrations',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Change an integration's tenant URL, reference ID, or whether it is active",
				action: 'Update a risk integration',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...deleteOperation.description,
	...get.description,
	...getByReferenceId.description,
	...getAll.description,
	...update.description,
];
