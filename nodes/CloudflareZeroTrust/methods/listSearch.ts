import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { resultList } from '../helpers/output';
import { readEditorAccount } from '../helpers/parameters';
import { resolveAccountId } from '../helpers/resolution';
import { describeValue } from '../helpers/validation';
import type { RequestSpec } from '../transport';
import { cloudflareApiRequest } from '../transport';
import { isLastPage, MAX_PAGES, PAGE_SIZE } from '../transport/pagination';

/** One page of a Cloudflare list; the pagination token is the number of the next page, up to MAX_PAGES. */
async function listPage(
	ctx: ILoadOptionsFunctions,
	spec: RequestSpec,
	what: string,
	paginationToken: string | undefined,
): Promise<{ elements: IDataObject[]; paginationToken?: string }> {
	const page = Number(paginationToken ?? 1) || 1;
	const request = { ...spec, qs: { ...spec.qs, page, per_page: PAGE_SIZE } };
	const envelope = await cloudflareApiRequest.call(ctx, request);
	return {
		elements: resultList(ctx.getNode(), envelope.result, request, what),
		paginationToken: isLastPage(envelope, page, PAGE_SIZE) || page >= MAX_PAGES ? undefined : String(page + 1),
	};
}

/** The search box's text as a query value, or undefined when empty; text that cannot be URL-encoded is refused. */
function searchText(ctx: ILoadOptionsFunctions, filter: string | undefined): string | undefined {
	if (filter !== undefined && !filter.isWellFormed()) {
		throw new NodeOperationError(ctx.getNode(), `Invalid search text: expected text, got ${describeValue(filter)}`);
	}
	return filter?.trim() || undefined;
}

/** The accounts the credential can reach, searched by name on Cloudflare's side. */
export async function searchAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const name = searchText(this, filter);
	const qs = name ? { name } : {};
	const spec: RequestSpec = { method: 'GET', path: '/accounts', qs };
	const { elements, paginationToken: next } = await listPage(this, spec, 'accounts', paginationToken);
	return {
		results: elements.map((account) => ({
			name: String(account.name),
			value: String(account.id),
			url: `https://dash.cloudflare.com/${String(account.id)}`,
		})),
		paginationToken: next,
	};
}

/** The Zero Trust users of the node's account: "name (email)", the UUID as value, searched on Cloudflare's side. */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const accountId = await resolveAccountId.call(this, readEditorAccount(this));
	const search = searchText(this, filter);
	const qs = search ? { search } : {};
	const { elements, paginationToken: next } = await listPage(
		this,
		{ method: 'GET', path: `/accounts/${accountId}/access/users`, qs },
		'users',
		paginationToken,
	);
	return {
		results: elements.map((user) => ({ name: `${String(user.name)} (${String(user.email)})`, value: String(user.id) })),
		paginationToken: next,
	};
}
