import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { requestAs } from '../../shared/endpoint';
import { ServiceClient } from '../../shared/transport';
import { users } from '../endpoints';
import { audioBookRequestProfile } from '../profile';

function client(context: ILoadOptionsFunctions): ServiceClient {
	return new ServiceClient(context, audioBookRequestProfile);
}

function matches(filter: string | undefined, ...texts: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return texts.some((text) => typeof text === 'string' && text.toLowerCase().includes(needle));
}

function bookName(book: IDataObject): string {
	const authors = Array.isArray(book.authors) ? (book.authors as string[]).join(', ') : '';
	return `${String(book.title ?? book.asin)}${authors ? ` — ${authors}` : ''} (${String(book.asin)})`;
}

/** Catalogue search (Audible through ABR). Needs a search text: an empty one would cost a request for nothing. */
export async function searchCatalog(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const q = (filter ?? '').trim();
	if (!q) return { results: [] };
	const page = paginationToken ? Number(paginationToken) : 0;
	const body = await client(this).request<unknown>({
		method: 'GET',
		path: '/search',
		qs: { q, num_results: 20, page },
	});
	const list = Array.isArray(body) ? (body as IDataObject[]) : [];
	const results: INodeListSearchItems[] = list
		.map((entry) => entry.book as IDataObject | undefined)
		.filter((book): book is IDataObject => !!book && typeof book.asin === 'string')
		.map((book) => ({ name: bookName(book), value: book.asin as string }));
	return { results, paginationToken: list.length >= 20 ? String(page + 1) : undefined };
}

/** Requested books (one call, no paging in the API); filtered by title, author or ASIN here. */
export async function searchRequestedBooks(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const body = await client(this).request<unknown>({
		method: 'GET',
		path: '/requests',
		qs: { filter: 'all' },
	});
	const list = Array.isArray(body) ? (body as IDataObject[]) : [];
	const results = list
		.map((entry) => entry.book as IDataObject | undefined)
		.filter((book): book is IDataObject => !!book && typeof book.asin === 'string')
		.filter((book) =>
			matches(filter, book.title, book.asin, ...(Array.isArray(book.authors) ? book.authors : [])),
		)
		.map((book) => ({ name: bookName(book), value: book.asin as string }));
	return { results };
}

export async function searchManualRequests(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const body = await client(this).request<unknown>({ method: 'GET', path: '/requests/manual' });
	const list = Array.isArray(body) ? (body as IDataObject[]) : [];
	const results = list
		.filter((request) =>
			matches(
				filter,
				request.title,
				request.user_username,
				request.id,
				...(Array.isArray(request.authors) ? request.authors : []),
			),
		)
		.map((request) => ({
			name: `${String(request.title)}${Array.isArray(request.authors) && request.authors.length ? ` — ${(request.authors as string[]).join(', ')}` : ''} (by ${String(request.user_username)})`,
			value: String(request.id),
		}));
	return { results };
}

/** Users, one page of the user list per call; the filter applies to the page read. */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = paginationToken ? Number(paginationToken) : 0;
	const qs = { limit: users.maxPageSize, offset };
	const request = { method: 'GET' as const, path: users.path, qs };
	const page = await requestAs(client(this), request, users.read, 'the user list');
	const found = page.items;
	const total = page.total ?? 0;
	const results = found
		.filter((user) => matches(filter, user.username))
		.map((user) => ({
			name: `${String(user.username)} (${String(user.group)})`,
			value: String(user.username),
		}));
	return {
		results,
		paginationToken:
			offset + found.length < total && found.length > 0 ? String(offset + found.length) : undefined,
	};
}
