import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { pages } from '../../shared/paginate';
import { ServiceClient } from '../../shared/transport';
import { listLibraries as libraries, newestItemsEndpoint } from '../endpoints';
import { audiobookshelfProfile } from '../profile';

const MAX_RESULTS = 100;
/** Items shown per library without a search text: the newest. */
const NEWEST_PER_LIBRARY = 50;

function matches(text: unknown, filter?: string): boolean {
	return (
		!filter ||
		String(text ?? '')
			.toLowerCase()
			.includes(filter.toLowerCase())
	);
}

function webUrl(client: ServiceClient, path: string): string {
	return client.url('').replace(/\/api\/?$/, '') + path;
}

export async function searchLibraries(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const client = new ServiceClient(this, audiobookshelfProfile);
	const results: INodeListSearchItems[] = (await libraries(client))
		.filter((library) => matches(library.name, filter))
		.map((library) => ({
			name: `${String(library.name)} (${library.mediaType === 'podcast' ? 'podcasts' : 'books'})`,
			value: String(library.id),
			url: webUrl(client, `/library/${String(library.id)}`),
		}));
	return { results };
}

async function searchItems(
	context: ILoadOptionsFunctions,
	filter: string | undefined,
	mediaType?: 'podcast',
): Promise<INodeListSearchResult> {
	const client = new ServiceClient(context, audiobookshelfProfile);
	const results: INodeListSearchItems[] = [];
	for (const library of await libraries(client)) {
		if (mediaType && library.mediaType !== mediaType) continue;
		if (results.length >= MAX_RESULTS) break;
		const libraryId = String(library.id);
		let items: IDataObject[];
		if (filter) {
			const body = await client.request<IDataObject>({
				method: 'GET',
				path: `/libraries/${libraryId}/search`,
				qs: { q: filter, limit: 25 },
			});
			const found = [
				...((body.book as IDataObject[]) ?? []),
				...((body.podcast as IDataObject[]) ?? []),
			];
			items = found.map((entry) => entry.libraryItem as IDataObject).filter(Boolean);
		} else {
			items = [];
			for await (const page of pages(client, newestItemsEndpoint(libraryId), {
				pageSize: NEWEST_PER_LIBRARY,
			})) {
				items = page.items;
				break;
			}
		}
		for (const item of items) {
			const metadata = ((item.media as IDataObject)?.metadata ?? {}) as IDataObject;
			const author = metadata.authorName ?? metadata.author;
			results.push({
				name: `${String(metadata.title ?? item.id)}${author ? ` — ${String(author)}` : ''} (${String(library.name)})`,
				value: String(item.id),
				url: webUrl(client, `/item/${String(item.id)}`),
			});
		}
	}
	return { results: results.slice(0, MAX_RESULTS) };
}

export async function searchLibraryItems(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchItems(this, filter);
}

export async function searchPodcasts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchItems(this, filter, 'podcast');
}
