import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const outputChoices: INodePropertyOptions[] = [
	{
		name: 'Full Envelope',
		value: 'envelope',
		description: "Cloudflare's whole answer as one item: success, errors, messages, result, result_info",
	},
	{
		name: 'Result',
		value: 'result',
		description: 'Only the result: one item per element (each user, behavior, integration)',
	},
];

const output: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	options: outputChoices,
	default: 'result',
	description: 'What each input item gives',
};

/**
 * The node's "Options" collection, shown for every resource and operation. Defaults suit
 * Cloudflare's real limit: 1,200 requests per 5 minutes per token, shared with every other
 * client of that token; going over blocks the token for up to 5 minutes.
 */
export const optionsDescription: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50, numberPrecision: 0 },
			default: 5,
			description:
				'How many items are sent to Cloudflare at the same time. 1 sends them strictly one after the other. Output order is always the input order.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
			default: 3,
			description:
				'How many times a request is repeated after a rate limit (429), a timeout, a lost connection or a Cloudflare server error (408, 409, 5xx). Errors such as 400, 401, 403 and 404 are never repeated.',
		},
		{
			displayName: 'Max Retry Wait (Seconds)',
			name: 'maxRetryWait',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 3600, numberPrecision: 1 },
			default: 60,
			description:
				'The longest single wait before a retry or before Cloudflare\'s rate-limit window opens again. When Cloudflare asks for a longer wait, the affected items fail with its answer instead of waiting. Set 300 to sit out a whole 5-minute window when other clients of the token have spent its budget.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 0.1, maxValue: 600, numberPrecision: 1 },
			default: 30,
			description: 'How long one request may wait for Cloudflare\'s answer before it counts as failed (and is retried)',
		},
		// Reset keeps Cloudflare's envelope unless told otherwise; every other operation gives the result.
		{ ...output, default: 'envelope', displayOptions: { show: { '/operation': ['reset'] } } },
		{ ...output, displayOptions: { hide: { '/operation': ['reset'] } } },
	],
};

export interface NodeOptions {
	concurrency: number;
	maxRetries: number;
	maxRetryWaitMs: number;
	timeoutMs: number;
}

export const DEFAULT_OPTIONS: NodeOptions = {
	concurrency: 5,
	maxRetries: 3,
	maxRetryWaitMs: 60_000,
	timeoutMs: 30_000,
};

/** The node's options as numbers the router and transport use; an impossible value stops the node before any request. */
export function readOptions(ctx: IExecuteFunctions): NodeOptions {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const read = (name: string, label: string, fallback: number, min: number, max: number, whole: boolean) => {
		const value = options[name] ?? fallback;
		if (
			typeof value !== 'number' ||
			!Number.isFinite(value) ||
			value < min ||
			value > max ||
			(whole && !Number.isInteger(value))
		) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Invalid option "${label}": expected ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}, got ${JSON.stringify(value)}`,
			);
		}
		return value;
	};
	// The same bounds as the editor's fields, which an expression would otherwise get around.
	return {
		concurrency: read('concurrency', 'Concurrency', DEFAULT_OPTIONS.concurrency, 1, 50, true),
		maxRetries: read('maxRetries', 'Max Retries', DEFAULT_OPTIONS.maxRetries, 0, 10, true),
		maxRetryWaitMs:
			read('maxRetryWait', 'Max Retry Wait (Seconds)', DEFAULT_OPTIONS.maxRetryWaitMs / 1000, 0, 3600, false) * 1000,
		timeoutMs: read('timeout', 'Timeout (Seconds)', DEFAULT_OPTIONS.timeoutMs / 1000, 0.1, 600, false) * 1000,
	};
}
