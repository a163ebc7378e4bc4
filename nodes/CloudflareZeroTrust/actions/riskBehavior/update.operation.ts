import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { behaviorItems, behaviorsOf } from '../../helpers/behaviors';
import { shapeOutput } from '../../helpers/output';
import { readOutputMode } from '../../helpers/parameters';
import { oneAtATime } from '../../helpers/perExecution';
import { prepareAccount } from '../../helpers/resolution';
import type { RiskLevel } from '../../helpers/riskLevels';
import { invalidValue, validateBoolean, validateRiskLevel } from '../../helpers/validation';
import type { RequestSpec } from '../../transport';
import { cloudflareApiRequest } from '../../transport';
import { accountLocator } from '../common.descriptions';
import type { ItemCall } from '../types';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['riskBehavior'], operation: ['update'] } },
	[
		accountLocator,
		{
			displayName: 'Behavior Names or IDs',
			name: 'behaviors',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getBehaviors', loadOptionsDependsOn: ['account.value'] },
			required: true,
			default: [],
			description:
				'The behaviors to change, loaded from the account. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Enabled',
					name: 'enabled',
					type: 'boolean',
					default: true,
					description: "Whether the behavior raises users' risk scores when Cloudflare detects it",
				},
				{
					displayName: 'Risk Level',
					name: 'riskLevel',
					type: 'options',
					options: [
						{ name: 'High', value: 'high' },
						{ name: 'Low', value: 'low' },
						{ name: 'Medium', value: 'medium' },
					],
					default: 'medium',
					description: 'The risk level a user gets when the behavior is detected',
				},
			],
		},
	],
);

interface BehaviorChange {
	enabled?: boolean;
	risk_level?: RiskLevel;
}

function readBehaviorKeys(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const value = ctx.getNodeParameter('behaviors', itemIndex, []);
	const keys = (Array.isArray(value) ? value : [value]).map((key) => (typeof key === 'string' ? key.trim() : key));
	if (keys.length === 0 || keys.some((key) => typeof key !== 'string' || key === '')) {
		const check = { what: 'Behaviors', field: 'Behavior Names or IDs', expected: 'one or more behavior keys such as imp_travel' };
		throw invalidValue(ctx.getNode(), check, value, itemIndex);
	}
	return keys as string[];
}

function readChange(ctx: IExecuteFunctions, itemIndex: number): BehaviorChange {
	const fields = ctx.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const change: BehaviorChange = {};
	if (fields.enabled !== undefined) {
		change.enabled = validateBoolean(ctx.getNode(), fields.enabled, itemIndex, 'Update Fields → Enabled');
	}
	if (fields.riskLevel !== undefined) {
		change.risk_level = validateRiskLevel(ctx.getNode(), fields.riskLevel, itemIndex, 'Update Fields → Risk Level');
	}
	if (change.enabled === undefined && change.risk_level === undefined) {
		throw new NodeOperationError(ctx.getNode(), `Nothing to update for item ${itemIndex}`, {
			itemIndex,
			description: 'Add Enabled or Risk Level under "Update Fields".',
		});
	}
	return change;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): ItemCall {
	const resolveAccount = prepareAccount(this, itemIndex);
	const keys = readBehaviorKeys(this, itemIndex);
	const change = readChange(this, itemIndex);
	const output = readOutputMode(this, itemIndex, 'result');

	return async () => {
		const accountId = await resolveAccount();
		const path = `/accounts/${accountId}/zt_risk_scoring/behaviors`;
		// Cloudflare takes the whole set of behaviors: read it, change the chosen ones, write it back.
		// One item at a time per account, so that no item overwrites another's change.
		return await oneAtATime(this, path, async () => {
			const read: RequestSpec = { method: 'GET', path, itemIndex };
			const behaviors = behaviorsOf(this.getNode(), await cloudflareApiRequest.call(this, read), read);
			// Own keys only: "toString" or "__proto__" are not behaviors, whatever objects inherit.
			const unknown = keys.filter((key) => !Object.hasOwn(behaviors, key));
			if (unknown.length) {
				throw new NodeOperationError(
					this.getNode(),
					`Unknown behavior ${unknown.map((key) => `"${key}"`).join(', ')} for item ${itemIndex}`,
					{ itemIndex, description: `The behaviors of account ${accountId} are: ${Object.keys(behaviors).join(', ')}.` },
				);
			}
			const body = {
				behaviors: Object.fromEntries(
					Object.entries(behaviors).map(([key, behavior]) => {
						const settings = { enabled: behavior.enabled, risk_level: behavior.risk_level };
						return [key, keys.includes(key) ? { ...settings, ...change } : settings];
					}),
				),
			};
			const write: RequestSpec = { method: 'PUT', path, body, itemIndex };
			const envelope = await cloudflareApiRequest.call(this, write);
			return shapeOutput(output, envelope, behaviorItems(behaviorsOf(this.getNode(), envelope, write)));
		});
	};
}
