import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { readOptions } from './options';
import * as riskBehavior from './riskBehavior/RiskBehavior.resource';
import * as riskIntegration from './riskIntegration/RiskIntegration.resource';
import type { ItemCall, Operation } from './types';
import * as user from './user/User.resource';
import * as userRiskScore from './userRiskScore/UserRiskScore.resource';

const operationsByResource: Record<string, Record<string, Operation>> = {
	riskBehavior: riskBehavior.operations,
	riskIntegration: riskIntegration.operations,
	user: user.operations,
	userRiskScore: userRiskScore.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operations = Object.hasOwn(operationsByResource, resource) ? operationsByResource[resource] : undefined;
	const operation = operations && Object.hasOwn(operations, operationName) ? operations[operationName] : undefined;
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of resource "${resource}" is not supported`,
		);
	}

	const { concurrency } = readOptions(this);

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

	const outcomes = await runAll(calls, concurrency, !this.continueOnFail());

	const toErrorOutput = this.getNode().onError === 'continueErrorOutput';
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < outcomes.length; itemIndex++) {
		const outcome = outcomes[itemIndex];
		const pairedItem = { item: itemIndex };
		if ('error' in outcome) {
			if (!this.continueOnFail()) throw asNodeError(this.getNode(), outcome.error, itemIndex);
			const { error, ...details } = errorItem(asNodeError(this.getNode(), outcome.error, itemIndex));
			// n8n sends an item to the error output only when its JSON holds nothing but error, message
			// and details; with the regular output the details stay at the top, where they are easier to map.
			output.push({ json: toErrorOutput ? { error, details } : { error, ...details }, pairedItem });
			continue;
		}
		const results = Array.isArray(outcome.result) ? outcome.result : [outcome.result];
		for (const json of results) output.push({ json, pairedItem });
	}
	return [output];
}

type Outcome = { result: IDataObject | IDataObject[] } | { error: Error };

/**
 * Runs the calls at most `concurrency` at a time and returns their outcomes in input order,
 * whatever order the answers came in. With `stopOnError`, no call starts after one has failed
 * and the ones under way finish (nothing is left running when the node stops); the outcomes
 * then end after the last call started, and the lowest failing index comes before any gap.
 */
async function runAll(
	calls: Array<ItemCall | Error>,
	concurrency: number,
	stopOnError: boolean,
): Promise<Outcome[]> {
	const outcomes: Outcome[] = [];
	let next = 0;
	let failed = false;
	const worker = async () => {
		while (next < calls.length && !(stopOnError && failed)) {
			const itemIndex = next++;
			const call = calls[itemIndex];
			try {
				if (call instanceof Error) throw call;
				outcomes[itemIndex] = { result: await call() };
			} catch (error) {
				outcomes[itemIndex] = { error: error as Error };
				failed = true;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, calls.length) }, worker));
	return outcomes;
}

/**
 * What the node throws is always one of n8n's node errors, naming its item ("Item Index" in the
 * editor). Validation and transport build those already and pass through; anything else (an
 * expression that failed to resolve, say) is wrapped, keeping its message.
 */
function asNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
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
