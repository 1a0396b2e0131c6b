import type { IDataObject } from 'n8n-workflow';

import { requestAs, type ListEndpoint, type ListPage, type Paging } from './endpoint';
import type { ServiceClient } from './transport';

export interface PageOptions {
	/** Records per page; defaults to the largest the endpoint accepts. */
	pageSize?: number;
	/** First page to read, counted from 0 (a trigger resuming deep in a list). */
	startIndex?: number;
	/** Most records the caller reads: no page beyond them is fetched ahead. */
	wanted?: number;
	/** Pages fetched ahead at once when the page count is known; 1 reads one page after the other. */
	prefetch?: number;
	/** Ends the walk with an error after this many pages (guard against endless paging). */
	maxPages?: number;
}

/** A page and its position (0-based page index) in the list. */
export interface Page extends ListPage {
	index: number;
}

const DEFAULT_MAX_PAGES = 10_000;

/** Largest page size of an endpoint: its own ceiling, else the service's. */
export function largestPage(client: ServiceClient, endpoint: ListEndpoint): number {
	return endpoint.maxPageSize ?? client.profile.defaultMaxPageSize;
}

/**
 * Walks a list page by page, in order, for `for await … break`: stop whenever you have enough, nothing more is
 * requested. Follows `next` links when the service gives them, else counts pages; fetches ahead concurrently
 * (bounded, in order) when asked and the page count is known. Never loops forever: a page seen before (a server
 * that ignores the page parameter), a link back to a page already read (a cycle of any length) or the page cap
 * end the walk with an error.
 */
export async function* pages(
	client: ServiceClient,
	endpoint: ListEndpoint,
	options: PageOptions = {},
): AsyncGenerator<Page, void, undefined> {
	const label = `GET ${client.profile.apiPath}${endpoint.path.split('?')[0]}`;
	const guard = new PageGuard(client, label, endpoint.idField, options.maxPages);
	let pageSize = options.pageSize ?? largestPage(client, endpoint);
	const start = options.startIndex ?? 0;
	const fetch = async (qs: IDataObject) =>
		await requestAs(client, { method: 'GET', path: endpoint.path, qs }, endpoint.read, 'a list');
	const fetchIndex = async (index: number) =>
		await fetch({ ...endpoint.qs, ...pageQuery(endpoint.paging, index, pageSize) });

	guard.count(1);
	const first = await fetchIndex(start);
	yield guard.checked(first, start);
	if (endpoint.paging.style === 'none') return;

	if (first.nextQuery !== undefined) {
		// The service links its pages: follow the links.
		let page = first;
		for (let index = start + 1; page.nextQuery !== undefined && page.items.length > 0; index++) {
			guard.link(page.nextQuery);
			guard.count(1);
			page = await fetch({ ...endpoint.qs, ...page.nextQuery });
			yield guard.checked(page, index);
		}
		return;
	}

	// A total larger than a short first page: the service capped the page size; count pages with its size.
	const capped = first.items.length > 0 && first.items.length < pageSize;
	if (start === 0 && capped && first.total !== undefined && first.total > first.items.length) {
		pageSize = first.items.length;
	}
	const knownPages =
		first.totalPages ?? (first.total !== undefined ? Math.ceil(first.total / pageSize) : undefined);
	let index = start + 1;
	let last = first;

	const prefetch = options.prefetch ?? 1;
	if (prefetch > 1 && knownPages !== undefined && first.items.length > 0) {
		const wantedPages =
			options.wanted === undefined ? knownPages : start + Math.ceil(options.wanted / pageSize);
		const end = Math.min(knownPages, wantedPages);
		if (end > index) {
			guard.count(end - index);
			for await (const page of inOrder(client, index, end, prefetch, fetchIndex)) {
				yield guard.checked(page, index);
				last = page;
				index++;
			}
		}
	}

	// One page after the other: no total was given, or the list grew while it was read.
	while (hasMore(last, pageSize, index, knownPages)) {
		guard.count(1);
		const page = await fetchIndex(index);
		yield guard.checked(page, index);
		last = page;
		index++;
		if (page.items.length === 0) return;
	}
}

/**
 * Pages `from`..`to - 1`, yielded in order. `limit` requests stay in flight whatever order they finish in (a slow
 * page does not hold the others up), and at most twice that many pages are read ahead of the consumer. The first
 * failure ends the walk at once.
 */
async function* inOrder(
	client: ServiceClient,
	from: number,
	to: number,
	limit: number,
	fetch: (index: number) => Promise<ListPage>,
): AsyncGenerator<ListPage, void, undefined> {
	const done = new Map<number, ListPage>();
	let next = from;
	let consumed = from;
	let pending = 0;
	let failure: { error: unknown } | undefined;
	let stopped = false;
	let wake: () => void = () => undefined;
	const fill = () => {
		while (!failure && !stopped && next < to && pending < limit && next - consumed < limit * 2) {
			const index = next++;
			pending++;
			let request: Promise<ListPage>;
			try {
				client.throwIfCancelled();
				request = fetch(index);
			} catch (error) {
				request = Promise.reject(error);
			}
			request
				.then(
					(page) => void done.set(index, page),
					(error: unknown) => void (failure ??= { error }),
				)
				.finally(() => {
					pending--;
					fill();
					wake();
				});
		}
	};
	try {
		while (consumed < to) {
			fill();
			while (!done.has(consumed) && !failure)
				await new Promise<void>((resolve) => (wake = resolve));
			if (failure) throw failure.error;
			const page = done.get(consumed) as ListPage;
			done.delete(consumed);
			consumed++;
			yield page;
		}
	} finally {
		stopped = true;
	}
}

/** The walk's guards: the page cap, pages seen before (same content) and links back to a page already read. */
class PageGuard {
	private readonly signatures = new Map<string, number>();

	private readonly links = new Set<string>();

	private read = 0;

	constructor(
		private readonly client: ServiceClient,
		private readonly label: string,
		private readonly idField: string | undefined,
		private readonly cap = DEFAULT_MAX_PAGES,
	) {}

	/** Called before `pages` more pages are requested. */
	count(pages: number): void {
		this.client.throwIfCancelled();
		this.read += pages;
		if (this.read > this.cap) {
			throw this.client.error({
				message: `Listing would need more than ${this.cap} pages; stopped`,
				hint: 'Narrow the list with filters, or use Limit instead of Return All.',
				request: this.label,
			});
		}
	}

	link(query: IDataObject): void {
		const key = JSON.stringify(Object.entries(query).sort(([a], [b]) => a.localeCompare(b)));
		if (this.links.has(key)) {
			throw this.client.error({
				message: `${this.client.profile.displayName}'s next-page links lead back to a page already read; stopped rather than loop or return duplicates`,
				hint: 'The server pages in a circle. Use Limit instead of Return All, and report it with the server version.',
				request: this.label,
			});
		}
		this.links.add(key);
	}

	checked(page: ListPage, index: number): Page {
		const signature = this.signature(page.items);
		const seenAt = signature === '' ? undefined : this.signatures.get(signature);
		if (seenAt !== undefined) {
			throw this.client.error({
				message: `${this.client.profile.displayName} returned the same page twice while listing (pages ${seenAt + 1} and ${index + 1}); stopped rather than return duplicates`,
				hint: 'The server may ignore the page parameter. Use Limit instead of Return All, and report it with the server version.',
				request: this.label,
			});
		}
		if (signature !== '') this.signatures.set(signature, index);
		return { ...page, index };
	}

	private signature(items: IDataObject[]): string {
		if (items.length === 0) return '';
		const key = (item: IDataObject) =>
			this.idField && item[this.idField] !== undefined
				? String(item[this.idField])
				: JSON.stringify(item);
		return `${items.length}:${key(items[0])}:${key(items[items.length - 1])}`;
	}
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
