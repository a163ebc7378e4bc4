import type { ICredentialDataDecryptedObject, ICredentialType, INode, INodeType } from 'n8n-workflow';
import { createRunExecutionData, NodeConnectionTypes, Workflow } from 'n8n-workflow';
import { ExecuteContext, RoutingNode } from 'n8n-core';

import { TestCredentialsHelper } from './credentials-helper';
import { createAdditionalData } from './run-workflow';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * Runs a credential type's `test` request the way n8n's credentials tester does when a user
 * clicks "Test" in the editor: a temporary node whose only property routes the test request,
 * executed by n8n-core's RoutingNode, and n8n's rules to turn the outcome into OK or Error.
 */
export async function testCredential(
	type: ICredentialType,
	data: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	if (!type.test) throw new Error(`${type.name} has no test request`);
	const credentialId = 'credential-under-test';
	const nodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'n8n-nodes-base.noOp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: type.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: type.test.request },
					default: '',
				},
			],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: nodeType.description.name,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [type.name]: { id: credentialId, name: 'Under test' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
	});
	const helper = new TestCredentialsHelper({ [type.name]: type }, { [credentialId]: data });
	const additionalData = createAdditionalData(helper, 'credential-test');
	const decrypted = await helper.getDecrypted(additionalData, { id: credentialId, name: '' }, type.name);
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, nodeType, {
		id: credentialId,
		name: 'Under test',
		type: type.name,
		data: decrypted,
	});

	try {
		await routingNode.runNode();
	} catch (error) {
		const response = error.cause?.response as { status: number; statusText?: string } | undefined;
		if (response) {
			for (const rule of type.test.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === response.status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			return { status: 'Error', message: response.statusText || `Received HTTP status code: ${response.status}` };
		}
		return { status: 'Error', message: String(error.cause?.code ?? error.message) };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
