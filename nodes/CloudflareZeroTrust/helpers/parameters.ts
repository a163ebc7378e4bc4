import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	describeValue,
	isAccountId,
	validateAccountId,
	validateEmail,
	validateLimit,
	validateUserId,
} from './validation';

/** How a user was chosen: By ID and From List give the id, By Email an address still to be looked up. */
export type UserChoice = { by: 'id'; id: string } | { by: 'email'; email: string };

export type OutputMode = 'result' | 'envelope';

interface Locator {
	mode: string;
	value: unknown;
}

/** A resource locator's mode and value; a plain value (an older workflow, an expression for the whole field) counts as By ID. */
function locatorOf(parameter: unknown): Locator {
	if (typeof parameter === 'object' && parameter !== null && Object.hasOwn(parameter, 'mode')) {
		const { mode, value } = parameter as { mode: unknown; value?: unknown };
		return { mode: String(mode), value };
	}
	return { mode: 'id', value: parameter };
}

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function unknownMode(ctx: IExecuteFunctions, field: string, mode: string, expected: string, itemIndex: number) {
	return new NodeOperationError(
		ctx.getNode(),
		`Invalid ${field} mode for item ${itemIndex}: expected ${expected}, got ${describeValue(mode)}`,
		{ itemIndex, description: `Check the "${field}" field of item ${itemIndex}.` },
	);
}

/** The account id chosen for the item, validated; undefined when the field is empty (the credential's Account ID applies). */
export function readAccount(ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	const { mode, value } = locatorOf(ctx.getNodeParameter('account', itemIndex, ''));
	if (isBlank(value)) return undefined;
	if (mode !== 'list' && mode !== 'id') throw unknownMode(ctx, 'Account', mode, 'From List or By ID', itemIndex);
	return validateAccountId(ctx.getNode(), value, itemIndex);
}

export function readUser(ctx: IExecuteFunctions, itemIndex: number): UserChoice {
	const { mode, value } = locatorOf(ctx.getNodeParameter('user', itemIndex));
	const node = ctx.getNode();
	if (mode === 'list' || mode === 'id') return { by: 'id', id: validateUserId(node, value, itemIndex) };
	if (mode === 'email') return { by: 'email', email: validateEmail(node, value, itemIndex) };
	throw unknownMode(ctx, 'User', mode, 'From List, By ID or By Email', itemIndex);
}

/** The "Limit", or undefined when "Return All" is on. */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', itemIndex, false) === true) return undefined;
	return validateLimit(ctx.getNode(), ctx.getNodeParameter('limit', itemIndex), itemIndex);
}

/** Options → Output; `fallback` when the option is not set: Full Envelope for Reset, Result for the others. */
export function readOutputMode(ctx: IExecuteFunctions, itemIndex: number, fallback: OutputMode): OutputMode {
	const mode = ctx.getNodeParameter('options.output', itemIndex, fallback);
	if (mode === 'result' || mode === 'envelope') return mode;
	throw new NodeOperationError(
		ctx.getNode(),
		`Invalid Output for item ${itemIndex}: expected "result" or "envelope", got ${describeValue(mode)}`,
		{ itemIndex, description: `Check Options → Output of item ${itemIndex}.` },
	);
}

/**
 * The account a list in the editor is loaded from: the node's Account field as it stands, or
 * undefined when it is empty (the credential's Account ID applies).
 */
export function readEditorAccount(ctx: ILoadOptionsFunctions): string | undefined {
	const { value } = locatorOf(ctx.getCurrentNodeParameter('account'));
	if (isBlank(value)) return undefined;
	const text = String(value).trim();
	if (isAccountId(text)) return text.toLowerCase();
	throw new NodeOperationError(
		ctx.getNode(),
		`This list is loaded from the account in the "Account" field, which holds ${describeValue(value)}`,
		{
			description:
				'Choose the account From List or By ID (an expression cannot be resolved here), or leave it empty to use the credential\'s Account ID.',
		},
	);
}
