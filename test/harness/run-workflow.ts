import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';

import { TestCredentialsHelper } from './credentials-helper';

export interface WorkflowDefinition {
	name?: string;
	nodes: INode[];
	connections: IConnections;
}

export interface RunOptions {
	workflow: WorkflowDefinition;
	/** Node type implementations by type name, e.g. `n8n-nodes-cloudflare-zero-trust.cloudflareZeroTrust`. */
	nodeTypes: Record<string, INodeType>;
	credentialTypes: ICredentialType[];
	/** Credential data by the id the workflow's nodes refer to. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** The items the first node (the trigger) starts with; one empty item when left out. */
	startItems?: IDataObject[];
	/** Cancels the execution after this many ms, as the editor's stop button does. */
	cancelAfterMs?: number;
}

export interface RunResult {
	run: IRun;
	/** The items a node put out on an output (the first by default) in its last run; [] when it did not run. */
	outputOf(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** The error the execution ended with, if it failed. */
	error: IRun['data']['resultData']['error'];
}

const LOCAL_N8N = 'http://127.0.0.1:5678';

export function nodeTypeRegistry(types: Record<string, INodeType>): INodeTypes {
	const byName = (name: string) => {
		const type = types[name];
		if (!type) throw new Error(`Unknown node type ${name} in the test run`);
		return type;
	};
	return {
		getByName: byName,
		getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(byName(name), version),
		getKnownTypes: () => ({}),
	};
}

/** What n8n's server hands an execution; only the parts nodes of this package can reach are real. */
export function createAdditionalData(
	credentialsHelper: TestCredentialsHelper,
	executionId: string,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		variables: {},
		// n8n-core builds $execution.resumeUrl and friends from these, so they must be valid URLs.
		restApiUrl: `${LOCAL_N8N}/rest`,
		instanceBaseUrl: `${LOCAL_N8N}/`,
		formBaseUrl: `${LOCAL_N8N}/form`,
		formWaitingBaseUrl: `${LOCAL_N8N}/form-waiting`,
		formTestBaseUrl: `${LOCAL_N8N}/form-test`,
		webhookBaseUrl: `${LOCAL_N8N}/webhook`,
		webhookWaitingBaseUrl: `${LOCAL_N8N}/webhook-waiting`,
		webhookTestBaseUrl: `${LOCAL_N8N}/webhook-test`,
		mcpBaseUrl: `${LOCAL_N8N}/mcp`,
		mcpTestBaseUrl: `${LOCAL_N8N}/mcp-test`,
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not part of these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Executes a workflow through n8n-core's WorkflowExecute, from its first node, as n8n runs a manual execution. */
export async function runWorkflow(options: RunOptions): Promise<RunResult> {
	const { workflow: definition } = options;
	const workflow = new Workflow({
		id: 'test-workflow',
		name: definition.name ?? 'Test workflow',
		nodes: definition.nodes,
		connections: definition.connections,
		active: false,
		nodeTypes: nodeTypeRegistry(options.nodeTypes),
	});

	const workflowData: IWorkflowBase = {
		id: 'test-workflow',
		name: workflow.name ?? 'Test workflow',
		active: false,
		isArchived: false,
		nodes: definition.nodes,
		connections: definition.connections,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as IWorkflowBase;
	const executionId = `test-${Date.now()}`;
	const additionalData = createAdditionalData(
		new TestCredentialsHelper(
			Object.fromEntries(options.credentialTypes.map((type) => [type.name, type])),
			options.credentials,
		),
		executionId,
		new ExecutionLifecycleHooks('manual', executionId, workflowData),
	);

	const startNode = definition.nodes[0];
	const startItems = (options.startItems ?? [{}]).map((json) => ({ json }));
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: startNode, data: { main: [startItems] }, source: null }],
		},
	});

	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	const cancel = options.cancelAfterMs === undefined ? undefined : setTimeout(() => execution.cancel(), options.cancelAfterMs);
	const run = await execution;
	clearTimeout(cancel);

	return {
		run,
		error: run.data.resultData.error,
		outputOf(nodeName, outputIndex = 0) {
			const runs = run.data.resultData.runData[nodeName];
			return runs?.[runs.length - 1]?.data?.main?.[outputIndex] ?? [];
		},
	};
}
