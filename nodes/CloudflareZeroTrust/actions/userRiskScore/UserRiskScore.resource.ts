import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as reset from './reset.operation';

export const operations: Record<string, Operation> = { reset };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['userRiskScore'] } },
		options: [
			{
				name: 'Reset',
				value: 'reset',
				description: "Reset a user's risk score to low and clear their risk events",
				action: 'Reset risk score',
			},
		],
		default: 'reset',
	},
	...reset.description,
];
