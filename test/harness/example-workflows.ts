import { readFileSync } from 'node:fs';
import type { INode, INodeType } from 'n8n-workflow';

import type { WorkflowDefinition } from './run-workflow';
import { ManualTrigger, Set, StickyNote } from './stand-in-nodes';

export interface ExampleWorkflow extends WorkflowDefinition {
	nodes: INode[];
}

/** An exported n8n workflow file (as in examples/), ready for runWorkflow. */
export function loadWorkflow(file: string): ExampleWorkflow {
	const workflow = JSON.parse(readFileSync(file, 'utf8')) as ExampleWorkflow;
	return { name: workflow.name, nodes: workflow.nodes, connections: workflow.connections };
}

export function standInNodeTypes(): Record<string, INodeType> {
	return {
		'n8n-nodes-base.manualTrigger': new ManualTrigger(),
		'n8n-nodes-base.set': new Set(),
		'n8n-nodes-base.stickyNote': new StickyNote(),
	};
}

/** Sets a field of the example's sample-data Set node: where a user's own trigger data would come in. */
export function setSampleField(workflow: ExampleWorkflow, name: string, value: string, nodeName = 'Sample user'): void {
	const sample = workflow.nodes.find((node) => node.name === nodeName);
	const assignments = (sample?.parameters.assignments as { assignments: Array<{ name: string; value: string }> })
		?.assignments;
	const field = assignments?.find((assignment) => assignment.name === name);
	if (!field) throw new Error(`The example workflow has no "${nodeName}" field ${name}`);
	field.value = value;
}
