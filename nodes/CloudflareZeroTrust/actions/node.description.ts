import type { INodeProperties } from 'n8n-workflow';

import { optionsDescription } from './options';
import * as userRiskScore from './userRiskScore/UserRiskScore.resource';

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'User Risk Score', value: 'userRiskScore' }],
		default: 'userRiskScore',
	},
	...userRiskScore.description,
	optionsDescription,
];
