import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RequestSpec } from '../transport';
import { CREDENTIAL_TYPE } from '../transport';
import { cloudflareApiRequestAllPages } from '../transport/pagination';
import type { UserChoice } from './parameters';
import { readAccount, readUser } from './parameters';
import { once } from './perExecution';
import { isAccountId, validateUserId } from './validation';

/** The user an item acts on. `email` is set when the user was found by email, so the output can show who it was. */
export interface ResolvedUser {
	id: string;
	email?: string;
}

/** The chosen account, or the credential's Account ID when the Account field was left empty. */
export async function resolveAccountId(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	chosen: string | undefined,
	itemIndex?: number,
): Promise<string> {
	if (chosen) return chosen;
	const credentialAccountId = await once(this, 'credential account id', async () => {
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		return credentials.accountId;
	});
	const text = typeof credentialAccountId === 'string' ? credentialAccountId.trim() : '';
	const forItem = itemIndex === undefined ? '' : ` for item ${itemIndex}`;
	if (text === '') {
		throw new NodeOperationError(
			this.getNode(),
			`No account${forItem}: the "Account" field is empty and the credential has no Account ID`,
			{
				itemIndex,
				description:
					'Choose the account in the "Account" field, or set the Account ID of the Cloudflare Zero Trust API credential.',
			},
		);
	}
	if (!isAccountId(text)) {
		throw new NodeOperationError(
			this.getNode(),
			// Not echoed: a secret pasted into the wrong credential field must not end up in the run data.
			`Invalid Account ID in the Cloudflare Zero Trust API credential: expected 32 hexadecimal characters, got ${text.length} characters that are not one`,
			{ itemIndex, description: 'Correct the credential\'s Account ID, or choose the account in the "Account" field.' },
		);
	}
	return text.toLowerCase();
}

/**
 * By ID: the id itself. By Email: the one Zero Trust user of the account whose email is exactly that
 * address, letter case aside (Cloudflare's `email` filter also finds partial matches). Items asking
 * for the same email in the same execution share one look-up.
 */
export async function resolveUser(
	this: IExecuteFunctions,
	accountId: string,
	choice: UserChoice,
	itemIndex: number,
): Promise<ResolvedUser> {
	if (choice.by === 'id') return { id: choice.id };

	const wanted = choice.email.toLowerCase();
	const found = await once(this, `users by email ${accountId} ${wanted}`, async () => {
		const path = `/accounts/${accountId}/access/users`;
		const request: RequestSpec = { method: 'GET', path, qs: { email: choice.email }, itemIndex };
		const envelope = await cloudflareApiRequestAllPages.call(this, request, 'users');
		return envelope.result;
	});
	const matches = found.filter((user) => String(user.email ?? '').toLowerCase() === wanted);

	if (matches.length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			`No Zero Trust user with the email "${choice.email}" for item ${itemIndex}`,
			{
				itemIndex,
				description: `Cloudflare lists no user of account ${accountId} with exactly this email. Check the "User" field of item ${itemIndex}, and the account.`,
			},
		);
	}
	if (matches.length > 1) {
		throw new NodeOperationError(
			this.getNode(),
			`Several Zero Trust users have the email "${choice.email}" (item ${itemIndex}): ${matches.map((user) => user.id).join(', ')}`,
			{
				itemIndex,
				description: `Choose the user By ID or From List in the "User" field of item ${itemIndex}.`,
			},
		);
	}
	// The id comes from Cloudflare, but it still goes into a path: it must be a UUID like any other.
	return { id: validateUserId(this.getNode(), matches[0].id, itemIndex), email: String(matches[0].email) };
}

/**
 * Reads and checks the item's Account now, before any request; the returned function resolves it
 * (the credential's Account ID when the field is empty) when the item runs.
 */
export function prepareAccount(ctx: IExecuteFunctions, itemIndex: number): () => Promise<string> {
	const account = readAccount(ctx, itemIndex);
	return async () => await resolveAccountId.call(ctx, account, itemIndex);
}

/** The same for an operation on one user: Account and User checked now, the email looked up when the item runs. */
export function prepareAccountAndUser(
	ctx: IExecuteFunctions,
	itemIndex: number,
): () => Promise<{ accountId: string; user: ResolvedUser }> {
	const resolveAccount = prepareAccount(ctx, itemIndex);
	const choice = readUser(ctx, itemIndex);
	return async () => {
		const accountId = await resolveAccount();
		return { accountId, user: await resolveUser.call(ctx, accountId, choice, itemIndex) };
	};
}
