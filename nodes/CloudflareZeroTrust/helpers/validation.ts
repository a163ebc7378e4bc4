import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const ACCOUNT_ID = /^[0-9a-f]{32}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function describe(value: unknown): string {
	if (value === undefined || value === null) return 'nothing';
	if (typeof value === 'string') {
		if (value.trim() === '') return 'an empty value';
		return value.length > 80 ? `"${value.slice(0, 80)}…"` : `"${value}"`;
	}
	if (typeof value === 'object') return Array.isArray(value) ? 'a list' : 'an object';
	return `${typeof value} ${String(value)}`;
}

/**
 * Both ids end up inside the request path, so anything but the exact expected shape is refused
 * before a request exists: "../../user/tokens" must never become a different endpoint.
 */
function requireShape(
	node: INode,
	value: unknown,
	pattern: RegExp,
	field: string,
	expected: string,
	itemIndex: number,
): string {
	const text = typeof value === 'string' ? value.trim() : undefined;
	if (text === undefined || !pattern.test(text)) {
		throw new NodeOperationError(
			node,
			`Invalid ${field} for item ${itemIndex}: expected ${expected}, got ${describe(value)}`,
			{ itemIndex, description: `Check the "${field}" field of item ${itemIndex}.` },
		);
	}
	return text.toLowerCase();
}

export function validateAccountId(node: INode, value: unknown, itemIndex: number): string {
	return requireShape(
		node,
		value,
		ACCOUNT_ID,
		'Account ID',
		'a Cloudflare account ID of 32 hexadecimal characters',
		itemIndex,
	);
}

export function validateUserId(node: INode, value: unknown, itemIndex: number): string {
	return requireShape(
		node,
		value,
		UUID,
		'User ID',
		'a Zero Trust user ID (a UUID such as 3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b)',
		itemIndex,
	);
}
