import type { IDataObject } from 'n8n-workflow';

import type { CloudflareEnvelope, CloudflareMessage, RequestSpec } from './index';
import { cloudflareApiRequest } from './index';

type Context = ThisParameterType<typeof cloudflareApiRequest>;

/** The page size asked for; Cloudflare may answer with smaller pages, which `result_info.per_page` then tells. */
export const PAGE_SIZE = 50;

/**
 * Whether the page just received is the last one. Cloudflare's `result_info` is read defensively:
 * `total_count` of some lists ignores the search parameters, and not every list reports `total_pages`.
 */
export function isLastPage(envelope: CloudflareEnvelope<unknown>, page: number, perPage: number): boolean {
	const received = Array.isArray(envelope.result) ? envelope.result.length : 0;
	const info: IDataObject = envelope.result_info ?? {};
	const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
	const pageSize = number(info.per_page) ?? perPage;

	if (received === 0 || received < pageSize) return true;
	// A server that ignores `page` would otherwise return page 1 forever.
	if (number(info.page) !== undefined && info.page !== page) return true;
	const totalPages = number(info.total_pages);
	if (totalPages !== undefined && page >= totalPages) return true;
	const totalCount = number(info.total_count);
	return totalCount !== undefined && (page - 1) * pageSize + received >= totalCount;
}

/**
 * Requests page after page (`page`, `per_page`) until the list ends or `limit` elements are in.
 * Returns one envelope: every element collected (at most `limit`), the messages of every page,
 * and the `result_info` of the last page.
 */
export async function cloudflareApiRequestAllPages(
	this: Context,
	spec: RequestSpec,
	limit?: number,
): Promise<CloudflareEnvelope<IDataObject[]>> {
	const perPage = limit === undefined ? PAGE_SIZE : Math.min(limit, PAGE_SIZE);
	const elements: IDataObject[] = [];
	const messages: CloudflareMessage[] = [];
	for (let page = 1; ; page++) {
		const envelope = (await cloudflareApiRequest.call(this, {
			...spec,
			qs: { ...spec.qs, page, per_page: perPage },
		})) as CloudflareEnvelope<IDataObject[]>;
		if (Array.isArray(envelope.result)) elements.push(...envelope.result);
		messages.push(...(envelope.messages ?? []));
		const enough = limit !== undefined && elements.length >= limit;
		if (enough || isLastPage(envelope, page, perPage)) {
			return { ...envelope, messages, result: elements.slice(0, limit) };
		}
	}
}
