import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as reset from './reset.operation';

export const operations: Record<string, Operation> = { get, getAll, reset };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['userRiskScore'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: "Get a user's risk level, last reset time and risk events",
				action: 'Get a user risk score',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "Get the account's risk summary: every user with risk events",
				action: 'Get many user risk scores',
			},
			{
				name: 'Reset',
				value: 'reset',
				description: "Reset a user's risk score to low and clear their risk events",
				action: 'Reset a user risk score',
			},
		],
		default: 'reset',
	},
	...reset.description,
	...get.description,
	...getAll.description,
];
