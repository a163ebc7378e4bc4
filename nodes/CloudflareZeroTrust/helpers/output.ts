import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { CloudflareEnvelope, RequestSpec } from '../transport';
import type { OutputMode } from './parameters';
import type { ResolvedUser } from './resolution';

export type ItemOutput = IDataObject | IDataObject[];

/** Full Envelope: Cloudflare's answer as one item. Result: `result`, one item per element. */
export function shapeOutput(mode: OutputMode, envelope: CloudflareEnvelope, result: ItemOutput): ItemOutput {
	return mode === 'envelope' ? envelope : result;
}

/** A user found by email is named in every item of the output: `user: { id, email }`. */
export function showResolvedUser(output: ItemOutput, user: ResolvedUser): ItemOutput {
	if (user.email === undefined) return output;
	const identified = (json: IDataObject) => ({ ...json, user: { id: user.id, email: user.email } });
	return Array.isArray(output) ? output.map(identified) : identified(output);
}

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** What a value is, for a message; never its content, which is whatever the server sent. */
function kindOf(value: unknown): string {
	if (value === undefined) return 'missing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'string') return 'a text';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * A successful answer without what the operation returns is the item's error (Continue On Fail
 * makes it an error item), never a crash, an item that vanishes or a string spread into keys.
 */
function missingResult(node: INode, request: RequestSpec, what: string, problem: string): NodeApiError {
	return new NodeApiError(node, { errors: [] } as JsonObject, {
		message: `Cloudflare answered success but without the ${what} this operation returns`,
		description: `${request.method} ${request.path} answered success, but ${problem}`,
		itemIndex: request.itemIndex,
	});
}

/** The answer's `result` as the one object an operation such as Get or Create returns. */
export function resultObject(node: INode, envelope: CloudflareEnvelope, request: RequestSpec, what: string): IDataObject {
	if (isObject(envelope.result)) return envelope.result;
	throw missingResult(node, request, what, `its result is ${kindOf(envelope.result)}`);
}

/**
 * A list of objects in the answer: its `result` or a field of it, named by `where`. Null or
 * missing is an empty list, as Cloudflare's SDKs type lists.
 */
export function resultList(
	node: INode,
	list: unknown,
	request: RequestSpec,
	what: string,
	where = 'its result',
): IDataObject[] {
	if (list === null || list === undefined) return [];
	if (!Array.isArray(list)) throw missingResult(node, request, what, `${where} is ${kindOf(list)}`);
	const wrong = list.findIndex((element) => !isObject(element));
	if (wrong !== -1) throw missingResult(node, request, what, `element ${wrong} of ${where} is ${kindOf(list[wrong])}`);
	return list as IDataObject[];
}

/** A map of objects in the answer (`{ <key>: {...} }`), named by `where`; null or missing is empty. */
export function resultMap(
	node: INode,
	map: unknown,
	request: RequestSpec,
	what: string,
	where: string,
): Record<string, IDataObject> {
	if (map === null || map === undefined) return {};
	if (!isObject(map)) throw missingResult(node, request, what, `${where} is ${kindOf(map)}`);
	const entries = Object.values(map);
	const wrong = entries.findIndex((entry) => !isObject(entry));
	if (wrong !== -1) throw missingResult(node, request, what, `an entry of ${where} is ${kindOf(entries[wrong])}`);
	return map as Record<string, IDataObject>;
}
