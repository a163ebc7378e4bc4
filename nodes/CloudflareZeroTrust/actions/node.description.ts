import type { INodeProperties } from 'n8n-workflow';

import { optionsDescription } from './options';
import * as riskBehavior from './riskBehavior/RiskBehavior.resource';
import * as riskIntegration from './riskIntegration/RiskIntegration.resource';
import * as user from './user/User.resource';
import * as userRiskScore from './userRiskScore/UserRiskScore.resource';

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Risk Behavior', value: 'riskBehavior' },
			{ name: 'Risk Integration', value: 'riskIntegration' },
			{ name: 'User', value: 'user' },
			{ name: 'User Risk Score', value: 'userRiskScore' },
		],
		default: 'userRiskScore',
	},
	...userRiskScore.description,
	...riskBehavior.description,
	...riskIntegration.description,
	...user.description,
	optionsDescription,
];
