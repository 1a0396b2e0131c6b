import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import type { ServiceClient } from './transport';

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

const isRecord = (value: unknown): boolean =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Schema of a page's record array for a `read` function: an array of JSON objects, checked in place.
 * (`z.array(z.record(z.unknown()))` would rebuild every record of every page: ~4-8 ms per 1,000 records,
 * and a second copy of the page in memory.)
 */
export const recordArray = z.custom<IDataObject[]>(
	(value) => Array.isArray(value) && value.every(isRecord),
	{
		message: 'Expected an array of objects',
	},
);

export type Paging =
	/** `page` numbers (0- or 1-based) with a page-size parameter (Django REST Framework and most JSON APIs). */
	| { style: 'page'; pageParam: string; sizeParam: string; firstPage: 0 | 1 }
	/** `offset` + page size. */
	| { style: 'offset'; offsetParam: string; sizeParam: string }
	/** One response holds everything: Limit is applied in the node. */
	| { style: 'none' };

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

export interface ListOptions {
	returnAll: boolean;
	/** Used when returnAll is false. */
	limit?: number;
	/** Ends a Return All with an error after this many pages (guard against endless paging). */
	maxPages?: number;
}

const DEFAULT_MAX_PAGES = 10_000;

/**
 * Return All / Limit over any paging style.
 * - asks for the largest page the API allows (or just Limit, when smaller), so Limit ≤ page size is one request;
 * - once a total is known, fetches the remaining pages concurrently (bounded) and keeps their order;
 * - never loops forever: a repeated page or the page cap ends in an error;
 * - a Return All is complete or an error, never silently shorter.
 */
export async function paginate(
	client: ServiceClient,
	endpoint: ListEndpoint,
	options: ListOptions,
): Promise<IDataObject[]> {
	const want = options.returnAll
		? Number.POSITIVE_INFINITY
		: Math.max(0, Math.floor(options.limit ?? 50));
	if (want === 0) return [];
	const maxPageSize = endpoint.maxPageSize ?? client.profile.defaultMaxPageSize;
	const label = `GET ${client.profile.apiPath}${endpoint.path}`;

	const readQuery = async (qs: IDataObject): Promise<ListPage> => {
		const body = await client.request<unknown>({ method: 'GET', path: endpoint.path, qs });
		const page = endpoint.read(body);
		if (!page) {
			throw client.error({
				message: `${client.profile.displayName} returned a list in an unexpected shape`,
				hint: 'The server version may not be supported. Please report it with the server version.',
				request: label,
			});
		}
		return page;
	};
	const readPage = async (index: number, pageSize: number): Promise<ListPage> =>
		await readQuery({ ...endpoint.qs, ...pageQuery(endpoint.paging, index, pageSize) });
	const kept = (items: IDataObject[]) => (endpoint.keep ? items.filter(endpoint.keep) : items);

	if (endpoint.paging.style === 'none') {
		const page = await readPage(0, 0);
		const items = kept(page.items);
		return options.returnAll ? items : items.slice(0, want);
	}

	let pageSize = Math.min(maxPageSize, want);
	const first = await readPage(0, pageSize);
	const collected: IDataObject[][] = [];
	let count = 0;
	let received = 0;
	const collect = (page: ListPage) => {
		const items = kept(page.items);
		collected.push(items);
		count += items.length;
		received += page.items.length;
	};
	// Pages read one after the other must move on: the same page twice means the server ignores our paging.
	let previousSignature = signature(first.items, endpoint.idField);
	const collectNext = (page: ListPage) => {
		const pageSignature = signature(page.items, endpoint.idField);
		if (page.items.length > 0 && pageSignature === previousSignature) {
			throw client.error({
				message: `${client.profile.displayName} returned the same page twice while listing; stopped to avoid an endless loop`,
				hint: 'The server may ignore the page parameter. Please report it with the server version.',
				request: label,
			});
		}
		previousSignature = pageSignature;
		collect(page);
	};
	collect(first);
	const expectedTotal = first.total;

	if (first.nextQuery !== undefined) {
		// The service links its pages: follow the links.
		let page = first;
		let pages = 1;
		while (count < want && page.nextQuery !== undefined && page.items.length > 0) {
			assertPageCap(client, pages + 1, options, label);
			client.throwIfCancelled();
			page = await readQuery({ ...endpoint.qs, ...page.nextQuery });
			collectNext(page);
			pages++;
		}
		return finish(client, endpoint, options, collected, received, expectedTotal, want, label);
	}

	// A full total with a shorter first page: the service capped the page size; count pages with its size.
	if (
		first.items.length > 0 &&
		first.items.length < pageSize &&
		first.total !== undefined &&
		first.total > first.items.length
	) {
		pageSize = first.items.length;
	}

	const knownPages =
		first.totalPages ?? (first.total !== undefined ? Math.ceil(first.total / pageSize) : undefined);
	let nextIndex = 1;
	let last = first;

	// Concurrent pages once the count is known; with a `keep` filter only for Return All (Limit may end early).
	if (
		count < want &&
		knownPages !== undefined &&
		knownPages > 1 &&
		first.items.length > 0 &&
		(!endpoint.keep || options.returnAll)
	) {
		const neededPages = Math.min(knownPages, Math.ceil(want / pageSize));
		assertPageCap(client, neededPages, options, label);
		const indexes = range(1, neededPages);
		const pages = await mapConcurrent(
			indexes,
			client.settings.concurrency,
			async (index) => await readPage(index, pageSize),
			() => client.throwIfCancelled(),
		);
		pages.forEach(collect);
		nextIndex = neededPages;
		last = pages[pages.length - 1] ?? first;
		previousSignature = signature(last.items, endpoint.idField);
	}

	// Sequential continuation: no total was given, or the list grew while it was read.
	while (count < want && hasMore(last, pageSize, nextIndex, knownPages)) {
		assertPageCap(client, nextIndex + 1, options, label);
		client.throwIfCancelled();
		const page = await readPage(nextIndex, pageSize);
		collectNext(page);
		nextIndex++;
		last = page;
		if (page.items.length === 0) break;
	}

	return finish(client, endpoint, options, collected, received, expectedTotal, want, label);
}

/** Flattens, drops repeats, and makes sure a Return All is complete. */
function finish(
	client: ServiceClient,
	endpoint: ListEndpoint,
	options: ListOptions,
	collected: IDataObject[][],
	received: number,
	expectedTotal: number | undefined,
	want: number,
	label: string,
): IDataObject[] {
	let items = collected.flat();
	if (endpoint.idField) items = dropRepeated(items, endpoint.idField);
	const read = endpoint.keep ? received : items.length;
	if (options.returnAll && expectedTotal !== undefined && read < expectedTotal) {
		throw client.error({
			message: `${client.profile.displayName} reported ${expectedTotal} records but only ${read} could be read`,
			hint: 'Records were probably deleted while the list was read. Run the node again.',
			request: label,
		});
	}
	return options.returnAll ? items : items.slice(0, want);
}

function pageQuery(paging: Paging, index: number, pageSize: number): IDataObject {
	switch (paging.style) {
		case 'page':
			return { [paging.pageParam]: paging.firstPage + index, [paging.sizeParam]: pageSize };
		case 'offset':
			return { [paging.offsetParam]: index * pageSize, [paging.sizeParam]: pageSize };
		default:
			return {};
	}
}

function hasMore(
	page: ListPage,
	pageSize: number,
	nextIndex: number,
	knownPages: number | undefined,
): boolean {
	if (page.items.length === 0) return false;
	if (page.hasNext !== undefined) return page.hasNext;
	if (page.totalPages !== undefined) return nextIndex < page.totalPages;
	if (knownPages !== undefined && page.total !== undefined)
		return nextIndex * pageSize < page.total;
	// No hint at all: a full page may be followed by another.
	return page.items.length >= pageSize;
}

function assertPageCap(
	client: ServiceClient,
	pages: number,
	options: ListOptions,
	label: string,
): void {
	const cap = options.maxPages ?? DEFAULT_MAX_PAGES;
	if (pages > cap) {
		throw client.error({
			message: `Listing would need more than ${cap} pages; stopped`,
			hint: 'Narrow the list with filters, or use Limit instead of Return All.',
			request: label,
		});
	}
}

function signature(items: IDataObject[], idField?: string): string {
	if (items.length === 0) return '';
	const key = (item: IDataObject) =>
		idField && item[idField] !== undefined ? String(item[idField]) : JSON.stringify(item);
	return `${items.length}:${key(items[0])}:${key(items[items.length - 1])}`;
}

/** The same record can appear twice when one was added at the top of the list while it was read. */
function dropRepeated(items: IDataObject[], idField: string): IDataObject[] {
	const seen = new Set<string>();
	return items.filter((item) => {
		const id = item[idField];
		if (id === undefined || id === null) return true;
		const key = String(id);
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

function range(from: number, to: number): number[] {
	const result: number[] = [];
	for (let i = from; i < to; i++) result.push(i);
	return result;
}

/** Runs `task` over `inputs` with at most `limit` in flight; results keep the input order. */
export async function mapConcurrent<T, R>(
	inputs: T[],
	limit: number,
	task: (input: T) => Promise<R>,
	beforeEach?: () => void,
): Promise<R[]> {
	const results: R[] = new Array(inputs.length);
	let next = 0;
	let failed = false;
	const worker = async () => {
		while (!failed && next < inputs.length) {
			const index = next++;
			beforeEach?.();
			let succeeded = false;
			try {
				results[index] = await task(inputs[index]);
				succeeded = true;
			} finally {
				// Stop starting new tasks after the first failure; Promise.all reports it.
				if (!succeeded) failed = true;
			}
		}
	};
	const workers = Array.from({ length: Math.max(1, Math.min(limit, inputs.length)) }, worker);
	await Promise.all(workers);
	return results;
}
