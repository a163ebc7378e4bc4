import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * Minimal stand-ins for the n8n-nodes-base nodes the example workflows use, so that the same
 * workflow JSON runs here and imports into n8n. They implement only the parameters those
 * workflows set; n8n-nodes-base itself is far too large to install for tests.
 */

function describe(
	name: string,
	displayName: string,
	inputs: INodeTypeDescription['inputs'],
	properties: INodeTypeDescription['properties'] = [],
): INodeTypeDescription {
	return {
		displayName,
		name,
		group: ['transform'],
		version: [1, 2, 3, 3.1, 3.2, 3.3, 3.4],
		description: `${displayName} (test stand-in)`,
		defaults: { name: displayName },
		inputs,
		outputs: [NodeConnectionTypes.Main],
		properties,
	};
}

/** Starts a run with the items it is given on the execution stack (one empty item by default). */
export class ManualTrigger implements INodeType {
	description = describe('n8n-nodes-base.manualTrigger', 'Manual Trigger', []);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		return [items.length ? items : [{ json: {} }]];
	}
}

interface Assignment {
	name: string;
	value: unknown;
}

/** "Edit Fields (Set)" in manual mode: each assignment's value (expressions resolved) becomes a field. */
export class Set implements INodeType {
	description = describe('n8n-nodes-base.set', 'Edit Fields', [NodeConnectionTypes.Main], [
		{ displayName: 'Fields to Set', name: 'assignments', type: 'assignmentCollection', default: {} },
		{ displayName: 'Include Other Input Fields', name: 'includeOtherFields', type: 'boolean', default: false },
	]);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((item, itemIndex) => {
				const { assignments } = this.getNodeParameter('assignments', itemIndex, { assignments: [] }) as {
					assignments: Assignment[];
				};
				const includeOtherFields = this.getNodeParameter('includeOtherFields', itemIndex, false) as boolean;
				const json: IDataObject = includeOtherFields ? { ...item.json } : {};
				for (const { name, value } of assignments) json[name] = value as IDataObject[string];
				return { json, pairedItem: { item: itemIndex } };
			}),
		];
	}
}

/** Sticky notes are documentation on the canvas; n8n never executes them. */
export class StickyNote implements INodeType {
	description = describe('n8n-nodes-base.stickyNote', 'Sticky Note', [], [
		{ displayName: 'Content', name: 'content', type: 'string', default: '' },
	]);
}
