import type { IDataObject } from 'n8n-workflow';

import type { ListEndpoint } from './endpoint';
import { largestPage, pages } from './pages';
import type { ServiceClient } from './transport';

export { recordArray, type ListEndpoint, type ListPage, type Paging } from './endpoint';
export { largestPage, pages, type Page, type PageOptions } from './pages';

export interface ListOptions {
	returnAll: boolean;
	/** Used when returnAll is false. */
	limit?: number;
	maxPages?: number;
}

/**
 * Return All / Limit over any paging style: the largest page the API allows (or just Limit, when smaller), pages
 * fetched concurrently once their number is known, stops at Limit, and a Return All is complete or an error.
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
	const keep = endpoint.keep;
	const collected: IDataObject[][] = [];
	let count = 0;
	let received = 0;
	let expectedTotal: number | undefined;
	const walk = pages(client, endpoint, {
		pageSize: Math.min(largestPage(client, endpoint), want),
		maxPages: options.maxPages,
		wanted: options.returnAll ? undefined : want,
		// With a `keep` filter, Limit may need fewer pages than it seems: fetch ahead only for Return All.
		prefetch: !keep || options.returnAll ? client.settings.concurrency : 1,
	});
	for await (const page of walk) {
		if (collected.length === 0) expectedTotal = page.total;
		const items = keep ? page.items.filter(keep) : page.items;
		collected.push(items);
		count += items.length;
		received += page.items.length;
		if (count >= want) break;
	}
	let items = collected.flat();
	if (endpoint.idField) items = dropRepeated(items, endpoint.idField);
	const read = keep ? received : items.length;
	if (options.returnAll && expectedTotal !== undefined && read < expectedTotal) {
		throw client.error({
			message: `${client.profile.displayName} reported ${expectedTotal} records but only ${read} could be read`,
			hint: 'Records were probably deleted while the list was read. Run the node again.',
			request: `GET ${client.profile.apiPath}${endpoint.path.split('?')[0]}`,
		});
	}
	return options.returnAll ? items : items.slice(0, want);
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
