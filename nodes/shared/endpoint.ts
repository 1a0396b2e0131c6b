import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import type { ApiRequest, ServiceClient } from './transport';

/** One page as the paginator needs it; `read` of an endpoint produces it from the raw body. */
export interface ListPage {
	items: IDataObject[];
	/** Total number of records, when the service tells. */
	total?: number;
	/** Total number of pages, when the service tells. */
	totalPages?: number;
	/** Whether another page follows, when the service tells. */
	hasNext?: boolean;
	/**
	 * Query of the next page as the service announced it (e.g. the query string of a DRF `next` link).
	 * When the first page has one, the list is read link by link: exact even when the service caps the
	 * page size or pages with other parameters than the ones sent.
	 */
	nextQuery?: IDataObject;
}

export type Paging =
	/** `page` numbers (0- or 1-based) with a page-size parameter. */
	| { style: 'page'; pageParam: string; sizeParam: string; firstPage: 0 | 1 }
	/** `offset` + page size. */
	| { style: 'offset'; offsetParam: string; sizeParam: string }
	/** One response holds everything: Limit is applied in the node. */
	| { style: 'none' };

/** A list endpoint, described once and used by operations, list-search pickers and triggers. */
export interface ListEndpoint {
	path: string;
	qs?: IDataObject;
	paging: Paging;
	/** Largest page size the endpoint accepts. */
	maxPageSize?: number;
	/** Turns a body into a page, or returns undefined when the shape is not the expected one. */
	read: (body: unknown) => ListPage | undefined;
	/** Record field that identifies an item (duplicate detection across pages). */
	idField?: string;
	/**
	 * Drops records the query should have excluded (a filter the service may ignore). Limit counts kept
	 * records only, so paging goes on until Limit kept records are read or the list ends.
	 */
	keep?: (item: IDataObject) => boolean;
}

export const isRecord = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Schema of a page's record array for a `read` function: an array of JSON objects, checked in place.
 * (`z.array(z.record(z.unknown()))` would rebuild every record of every page: ~4-8 ms per 1,000 records,
 * and a second copy of the page in memory.)
 */
export const recordArray = z.custom<IDataObject[]>(
	(value) => Array.isArray(value) && value.every(isRecord),
	{ message: 'Expected an array of objects' },
);

/** Reads one answer and checks its shape: `read` returns undefined for a body that is not the expected one. */
export async function requestAs<T>(
	client: ServiceClient,
	request: ApiRequest,
	read: (body: unknown) => T | undefined,
	what: string,
): Promise<T> {
	const body = await client.request<unknown>(request);
	const value = read(body);
	if (value === undefined) throw unexpectedShape(client, request, what);
	return value;
}

export function unexpectedShape(client: ServiceClient, request: ApiRequest, what: string) {
	return client.error({
		message: `${client.profile.displayName} returned ${what} in an unexpected shape`,
		hint: 'The server version may not be supported. Please report it with the server version.',
		request: `${request.method} ${client.profile.apiPath}${request.path.split('?')[0]}`,
	});
}

/** Query parameters of a `next` link; the link's host is ignored (behind proxies it is often http://…). */
export function queryOfLink(link: unknown): IDataObject | undefined {
	if (typeof link !== 'string' || link === '') return undefined;
	let url: URL;
	try {
		url = new URL(link, 'http://placeholder.invalid');
	} catch {
		return undefined;
	}
	const query: IDataObject = {};
	url.searchParams.forEach((value, key) => {
		query[key] = value;
	});
	return query;
}

/**
 * Django REST framework lists: a plain array (one page, everything) or an envelope `{count, next, previous,
 * results}`. Envelopes without `next` (e.g. `{count, results}`) are paged by number; the count tells when to stop.
 */
export function readDrfList(body: unknown): ListPage | undefined {
	if (Array.isArray(body)) return { items: body.filter(isRecord), hasNext: false };
	if (!isRecord(body) || !Array.isArray(body.results)) return undefined;
	const items = (body.results as unknown[]).filter(isRecord);
	const total = typeof body.count === 'number' ? body.count : undefined;
	const page: ListPage = { items, total };
	if ('next' in body) {
		page.hasNext = body.next !== null && body.next !== undefined && body.next !== '';
		if (page.hasNext) page.nextQuery = queryOfLink(body.next);
	}
	return page;
}
