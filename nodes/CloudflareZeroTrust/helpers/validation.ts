import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RiskLevel } from './riskLevels';
import { isRiskLevel } from './riskLevels';

const ACCOUNT_ID = /^[0-9a-f]{32}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
/** A reference id is the one free-text value that goes into a path: no control characters, not "." or "..". */
const REFERENCE_ID = /^(?!\.{1,2}$)\P{Cc}{1,256}$/u;

export interface FieldCheck {
	/** What the value is, as the message names it: "User ID". */
	what: string;
	/** The field as the node shows it: "User". */
	field: string;
	expected: string;
}

export function describeValue(value: unknown): string {
	if (value === undefined || value === null) return 'nothing';
	if (typeof value === 'string') {
		if (value.trim() === '') return 'an empty value';
		const shown = value.length > 80 ? `"${value.slice(0, 80)}…"` : `"${value}"`;
		if (value.isWellFormed()) return shown;
		return `${shown.toWellFormed()} (text with a lone UTF-16 surrogate, shown as \uFFFD: not valid Unicode)`;
	}
	if (typeof value === 'object') return Array.isArray(value) ? 'a list' : 'an object';
	return `${typeof value} ${String(value)}`;
}

export function invalidValue(node: INode, check: FieldCheck, value: unknown, itemIndex: number): NodeOperationError {
	return new NodeOperationError(
		node,
		`Invalid ${check.what} for item ${itemIndex}: expected ${check.expected}, got ${describeValue(value)}`,
		{ itemIndex, description: `Check the "${check.field}" field of item ${itemIndex}.` },
	);
}

/**
 * Ids end up inside the request path, so anything but the exact expected shape is refused before a
 * request exists: "../../user/tokens" must never become a different endpoint. Returns the trimmed text.
 */
function requireShape(node: INode, value: unknown, pattern: RegExp, check: FieldCheck, itemIndex: number): string {
	const text = requireText(node, value, check, itemIndex);
	if (!pattern.test(text)) throw invalidValue(node, check, value, itemIndex);
	return text;
}

/**
 * Text that goes into a path or a query, trimmed. A lone surrogate (`{{ "ab\uD800" }}`) cannot be
 * URL-encoded, so it is refused here, with the field and the item, rather than as "URI malformed" later.
 */
export function requireText(node: INode, value: unknown, check: FieldCheck, itemIndex: number): string {
	if (typeof value !== 'string' || !value.isWellFormed()) throw invalidValue(node, check, value, itemIndex);
	return value.trim();
}

export function isAccountId(text: string): boolean {
	return ACCOUNT_ID.test(text);
}

export const ACCOUNT_ID_CHECK: FieldCheck = {
	what: 'Account ID',
	field: 'Account',
	expected: 'a Cloudflare account ID of 32 hexadecimal characters',
};

export function validateAccountId(node: INode, value: unknown, itemIndex: number, check = ACCOUNT_ID_CHECK): string {
	return requireShape(node, value, ACCOUNT_ID, check, itemIndex).toLowerCase();
}

export function validateUserId(node: INode, value: unknown, itemIndex: number): string {
	const check = {
		what: 'User ID',
		field: 'User',
		expected: 'a Zero Trust user ID (a UUID such as 3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b)',
	};
	return requireShape(node, value, UUID, check, itemIndex).toLowerCase();
}

export function validateEmail(node: INode, value: unknown, itemIndex: number): string {
	const check = { what: 'email', field: 'User', expected: 'an email address such as ada@example.com' };
	return requireShape(node, value, EMAIL, check, itemIndex);
}

export function validateIntegrationId(node: INode, value: unknown, itemIndex: number): string {
	const check = {
		what: 'Integration ID',
		field: 'Integration ID',
		expected: 'a risk integration ID (a UUID such as 3f98e277-4cbd-47ad-9c90-a9587403e430)',
	};
	return requireShape(node, value, UUID, check, itemIndex).toLowerCase();
}

export function validateReferenceId(node: INode, value: unknown, itemIndex: number): string {
	const check = {
		what: 'Reference ID',
		field: 'Reference ID',
		expected: 'the reference ID given to the integration (up to 256 characters, not "." or "..")',
	};
	return requireShape(node, value, REFERENCE_ID, check, itemIndex);
}

export function validateTenantUrl(node: INode, value: unknown, itemIndex: number): string {
	const check = {
		what: 'Tenant URL',
		field: 'Tenant URL',
		expected: 'the https URL of the Okta tenant, such as https://acme.okta.com',
	};
	const text = requireShape(node, value, /^https:\/\/\S+$/i, check, itemIndex);
	if (!URL.canParse(text)) throw invalidValue(node, check, value, itemIndex);
	return text;
}

export function validateLimit(node: INode, value: unknown, itemIndex: number): number {
	if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
	throw invalidValue(node, { what: 'Limit', field: 'Limit', expected: 'a whole number of 1 or more' }, value, itemIndex);
}

export function validateRiskLevel(node: INode, value: unknown, itemIndex: number, field: string): RiskLevel {
	if (isRiskLevel(value)) return value;
	throw invalidValue(node, { what: 'Risk Level', field, expected: 'low, medium or high' }, value, itemIndex);
}

export function validateBoolean(node: INode, value: unknown, itemIndex: number, field: string): boolean {
	if (typeof value === 'boolean') return value;
	throw invalidValue(node, { what: field.split(' → ').at(-1)!, field, expected: 'true or false' }, value, itemIndex);
}
