import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ItemCall, Operation } from './types';
import * as userRiskScore from './userRiskScore/UserRiskScore.resource';

const operationsByResource: Record<string, Record<string, Operation>> = {
	userRiskScore: userRiskScore.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operationsByResource[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of resource "${resource}" is not supported`,
		);
	}

	// Every item is validated before the first request goes out, so a bad item 7 cannot leave
	// items 0–6 half done.
	const calls: Array<ItemCall | Error> = items.map((_, itemIndex) => {
		try {
			return operation.prepare.call(this, itemIndex);
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, itemIndex);
			return error as Error;
		}
	});

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < calls.length; itemIndex++) {
		const call = calls[itemIndex];
		const pairedItem = { item: itemIndex };
		try {
			if (call instanceof Error) throw call;
			const result = await call();
			for (const json of Array.isArray(result) ? result : [result]) {
				output.push({ json, pairedItem });
			}
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, itemIndex);
			output.push({ json: errorItem(error as Error), pairedItem });
		}
	}
	return [output];
}

/**
 * What the node throws is always one of n8n's node errors, so the editor can show it with its item.
 * Validation and transport build those already and pass through unchanged; anything else (an
 * expression that failed to resolve, say) is wrapped, keeping its message.
 */
function asNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}

function errorItem(error: Error): IDataObject {
	const item: IDataObject = { error: error.message };
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.description) item.description = error.description;
	}
	if (error instanceof NodeApiError) {
		if (error.httpCode) item.httpCode = error.httpCode;
		const response = error.errorResponse as JsonObject | undefined;
		item.errors = (response?.errors as IDataObject[] | undefined) ?? [];
	}
	return item;
}
