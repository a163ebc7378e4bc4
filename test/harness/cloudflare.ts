import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { CloudflareZeroTrustApi } from '../../credentials/CloudflareZeroTrustApi.credentials';
import { CloudflareZeroTrust } from '../../nodes/CloudflareZeroTrust/CloudflareZeroTrust.node';
import type { CloudflareEmulator } from '../emulator';
import { fixtures } from '../emulator';
import type { RunResult } from './run-workflow';
import { runWorkflow } from './run-workflow';
import { ManualTrigger } from './stand-in-nodes';

export const NODE_TYPE = 'n8n-nodes-cloudflare-zero-trust.cloudflareZeroTrust';
export const CREDENTIAL_ID = 'cf-credential';
export const NODE_NAME = 'Cloudflare Zero Trust';

export function tokenCredential(emulator: CloudflareEmulator, extra: IDataObject = {}): ICredentialDataDecryptedObject {
	return { authType: 'apiToken', apiToken: fixtures.API_TOKEN, baseUrl: emulator.baseUrl, ...extra };
}

export function globalKeyCredential(emulator: CloudflareEmulator, extra: IDataObject = {}): ICredentialDataDecryptedObject {
	return {
		authType: 'globalApiKey',
		email: fixtures.GLOBAL_API_KEY_EMAIL,
		globalApiKey: fixtures.GLOBAL_API_KEY,
		baseUrl: emulator.baseUrl,
		...extra,
	};
}

/** A resource locator's value as n8n stores it in a workflow. */
export function locator(mode: 'list' | 'id' | 'email', value: unknown): INodeParameters[string] {
	return { __rl: true, mode, value } as INodeParameters[string];
}

export const byId = (value: unknown) => locator('id', value);
export const byEmail = (value: unknown) => locator('email', value);
export const fromList = (value: unknown) => locator('list', value);

export interface NodeRun extends RunResult {
	/** The Cloudflare node's output items. */
	items: ReturnType<RunResult['outputOf']>;
	/** Its error output's items, with "Continue (using error output)". */
	errorItems: ReturnType<RunResult['outputOf']>;
}

/**
 * Trigger (with `startItems`) → Cloudflare Zero Trust node with `parameters`, executed by n8n-core.
 * `continueOnFail` sets the node's "On Error" to "Continue (using regular output)", as n8n stores it.
 */
export async function runCloudflareNode(options: {
	parameters: INodeParameters;
	credential: ICredentialDataDecryptedObject;
	startItems?: IDataObject[];
	continueOnFail?: boolean;
	/** "Continue (using error output)": failed items go to the node's second output. */
	errorOutput?: boolean;
	cancelAfterMs?: number;
}): Promise<NodeRun> {
	const trigger: INode = {
		id: 'trigger',
		name: 'Trigger',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const cloudflare: INode = {
		id: 'cloudflare',
		name: NODE_NAME,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [200, 0],
		parameters: options.parameters,
		credentials: { cloudflareZeroTrustApi: { id: CREDENTIAL_ID, name: 'Cloudflare' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		...(options.errorOutput ? { onError: 'continueErrorOutput' as const } : {}),
	};
	const result = await runWorkflow({
		workflow: {
			nodes: [trigger, cloudflare],
			connections: { Trigger: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] } },
		},
		nodeTypes: {
			'n8n-nodes-base.manualTrigger': new ManualTrigger(),
			[NODE_TYPE]: new CloudflareZeroTrust(),
		},
		credentialTypes: [new CloudflareZeroTrustApi()],
		credentials: { [CREDENTIAL_ID]: options.credential },
		startItems: options.startItems,
		cancelAfterMs: options.cancelAfterMs,
	});
	return { ...result, items: result.outputOf(NODE_NAME), errorItems: result.outputOf(NODE_NAME, 1) };
}
