import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { properties } from './actions/node.description';
import { router } from './actions/router';
import * as listSearch from './methods/listSearch';
import * as loadOptions from './methods/loadOptions';

export class CloudflareZeroTrust implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cloudflare Zero Trust',
		name: 'cloudflareZeroTrust',
		icon: { light: 'file:cloudflare.svg', dark: 'file:cloudflare.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Act on Cloudflare Zero Trust user risk: scores, behaviors, integrations and users',
		defaults: { name: 'Cloudflare Zero Trust' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cloudflareZeroTrustApi', required: true }],
		properties,
	};

	methods = {
		listSearch: { searchAccounts: listSearch.searchAccounts, searchUsers: listSearch.searchUsers },
		loadOptions: { getBehaviors: loadOptions.getBehaviors },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
