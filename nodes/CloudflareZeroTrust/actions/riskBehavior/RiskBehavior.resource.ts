import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations: Record<string, Operation> = { getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['riskBehavior'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get the risk behaviors of the account: whether each is enabled, and its risk level',
				action: 'Get many risk behaviors',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Enable or disable behaviors and set their risk level',
				action: 'Update risk behaviors',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...update.description,
];
