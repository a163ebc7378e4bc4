import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { resultList } from '../helpers/output';

import type { CloudflareEnvelope, CloudflareMessage, RequestSpec } from './index';
import { cloudflareApiRequest } from './index';

type Context = ThisParameterType<typeof cloudflareApiRequest>;

/** The page size asked for; Cloudflare may answer with smaller pages, which `result_info.per_page` then tells. */
export const PAGE_SIZE = 50;

/**
 * The most pages one listing follows: 50,000 elements at PAGE_SIZE, more users than one workflow
 * step should hold, and already most of an API token's budget of 1,200 requests per 5 minutes,
 * which every client of the token shares. Whatever the server says, no listing goes further.
 */
export const MAX_PAGES = 1000;

/** A whole number of at least `minimum`, else undefined: `result_info` is the server's word, not ours. */
function countOf(value: unknown, minimum: number): number | undefined {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= minimum ? value : undefined;
}

/**
 * Whether the page just received is the last one. Cloudflare's `result_info` is read defensively:
 * it can only end a listing, never prolong it; `total_count` of some lists ignores the search
 * parameters, and not every list reports `total_pages`.
 */
export function isLastPage(envelope: CloudflareEnvelope<unknown>, page: number, perPage: number): boolean {
	const received = Array.isArray(envelope.result) ? envelope.result.length : 0;
	const info: IDataObject = envelope.result_info ?? {};
	const pageSize = countOf(info.per_page, 1) ?? perPage;

	if (received === 0 || received < pageSize) return true;
	// A server that ignores `page` would otherwise return page 1 forever.
	const reportedPage = countOf(info.page, 0);
	if (reportedPage !== undefined && reportedPage !== page) return true;
	const totalPages = countOf(info.total_pages, 0);
	if (totalPages !== undefined && page >= totalPages) return true;
	const totalCount = countOf(info.total_count, 0);
	return totalCount !== undefined && (page - 1) * pageSize + received >= totalCount;
}

/** What a page holds, to notice a server answering the same page again: the ids, in order. */
function pageIdentity(elements: IDataObject[]): string {
	return JSON.stringify(elements.map((element) => (typeof element.id === 'string' ? element.id : element)));
}

function tooManyPages(ctx: Context, spec: RequestSpec, received: number): NodeOperationError {
	return new NodeOperationError(
		ctx.getNode(),
		`Cloudflare's list ${spec.method} ${spec.path} did not end within ${MAX_PAGES} pages`,
		{
			itemIndex: spec.itemIndex,
			description:
				`${received} elements came in ${MAX_PAGES} pages and the list still went on; none is returned. ` +
				`A listing stops there rather than spend the API token's budget of 1,200 requests per 5 minutes. ` +
				'List fewer: a Limit, or Filters.',
		},
	);
}

/**
 * Requests page after page (`page`, `per_page`) until the list ends or `limit` elements are in.
 * Returns one envelope: every element collected (at most `limit`), the messages of every page,
 * and the `result_info` of the last page. A page that repeats the previous one ends the list
 * (and is not collected twice); a list longer than MAX_PAGES pages is an error, not a silent cut.
 */
export async function cloudflareApiRequestAllPages(
	this: Context,
	spec: RequestSpec,
	what: string,
	limit?: number,
): Promise<CloudflareEnvelope<IDataObject[]>> {
	const perPage = limit === undefined ? PAGE_SIZE : Math.min(limit, PAGE_SIZE);
	const elements: IDataObject[] = [];
	const messages: CloudflareMessage[] = [];
	let previousPage: string | undefined;
	for (let page = 1; page <= MAX_PAGES; page++) {
		const request = { ...spec, qs: { ...spec.qs, page, per_page: perPage } };
		const envelope = await cloudflareApiRequest.call(this, request);
		const received = resultList(this.getNode(), envelope.result, request, what);
		const done = (collected: IDataObject[]) => ({ ...envelope, messages, result: collected.slice(0, limit) });

		const thisPage = pageIdentity(received);
		if (thisPage === previousPage) return done(elements);
		previousPage = thisPage;

		elements.push(...received);
		messages.push(...(envelope.messages ?? []));
		const enough = limit !== undefined && elements.length >= limit;
		if (enough || isLastPage(envelope, page, perPage)) return done(elements);
	}
	throw tooManyPages(this, spec, elements.length);
}
