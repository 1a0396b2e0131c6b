import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import {
	recordArray,
	requestAs,
	unexpectedShape,
	type ListEndpoint,
	type ListPage,
} from '../shared/endpoint';
import { paginate } from '../shared/paginate';
import type { ServiceClient } from '../shared/transport';

/**
 * Audiobookshelf's lists, described once: operations, list-search pickers and the trigger read them through these.
 * Page sizes per endpoint (the API states no maximum; see the Audiobookshelf section of the README for why these
 * values). Items are minified (~1.2 KB each): 500 per page keeps each response near 0.6 MB and each query short.
 */
export const PAGE_SIZE = {
	items: 500,
	series: 100,
	authors: 500,
	collections: 100,
	playlists: 100,
	sessions: 500,
	recentEpisodes: 100,
} as const;

/** 0-based `page` and `limit` (always sent, > 0: `limit` 0 or absent means "everything" to the server). */
const PAGED = { style: 'page', pageParam: 'page', sizeParam: 'limit', firstPage: 0 } as const;

/**
 * Some `/api/libraries*` answers come from the server's response cache, which progress writes do not clear
 * (ApiCacheManager). A changing, ignored parameter makes the URL unique and forces a fresh answer.
 */
export function cacheBuster(): IDataObject {
	return { _ts: Date.now() };
}

const envelope = z.object({ results: recordArray, total: z.number() });
const librariesShape = z.object({ libraries: recordArray });
const authorsShape = z.object({ authors: recordArray });
const sessionsShape = z.object({ sessions: recordArray, total: z.number(), numPages: z.number() });
const episodesShape = z.object({ episodes: recordArray });
const progressShape = z.object({ mediaProgress: recordArray });

/** `{results, total, limit, page, …}` of items, series, collections, playlists and paginated authors. */
export function readResultsPage(body: unknown): ListPage | undefined {
	const parsed = envelope.safeParse(body);
	if (!parsed.success) return undefined;
	return { items: parsed.data.results, total: parsed.data.total };
}

/** Authors paginate only with both `limit` and `page`; accept the unpaginated `{authors}` shape defensively. */
export function readAuthorsPage(body: unknown): ListPage | undefined {
	const page = readResultsPage(body);
	if (page) return page;
	const parsed = authorsShape.safeParse(body);
	if (!parsed.success) return undefined;
	return { items: parsed.data.authors, total: parsed.data.authors.length, hasNext: false };
}

export function readSessionsPage(body: unknown): ListPage | undefined {
	const parsed = sessionsShape.safeParse(body);
	if (!parsed.success) return undefined;
	return {
		items: parsed.data.sessions,
		total: parsed.data.total,
		totalPages: parsed.data.numPages,
	};
}

/** `{episodes, limit, page}`: no total, so paging continues until a short page. */
export function readEpisodesPage(body: unknown): ListPage | undefined {
	const parsed = episodesShape.safeParse(body);
	if (!parsed.success) return undefined;
	return { items: parsed.data.episodes };
}

function readLibraries(body: unknown): ListPage | undefined {
	const parsed = librariesShape.safeParse(body);
	return parsed.success ? { items: parsed.data.libraries } : undefined;
}

/** `GET /libraries`: every library the key's user can access, in one answer. */
export const librariesEndpoint = (qs: IDataObject = {}): ListEndpoint => ({
	path: '/libraries',
	qs,
	paging: { style: 'none' },
	read: readLibraries,
	idField: 'id',
});

export async function listLibraries(client: ServiceClient): Promise<IDataObject[]> {
	return await paginate(client, librariesEndpoint(), { returnAll: true });
}

/** A library's items; `qs` carries filter, sort, minified and the like. */
export const libraryItemsEndpoint = (libraryId: string, qs: IDataObject = {}): ListEndpoint => ({
	path: `/libraries/${libraryId}/items`,
	qs,
	paging: PAGED,
	maxPageSize: PAGE_SIZE.items,
	read: readResultsPage,
	idField: 'id',
});

/** A library's items, newest first, never from the response cache (what the trigger and pickers read). */
export const newestItemsEndpoint = (libraryId: string): ListEndpoint =>
	libraryItemsEndpoint(libraryId, { sort: 'addedAt', desc: 1, ...cacheBuster() });

/** Another sub-list of a library (`series`, `authors`, `collections`, `playlists`). */
export const librarySubListEndpoint = (
	libraryId: string,
	list: string,
	pageSize: number,
	read: ListEndpoint['read'] = readResultsPage,
	qs: IDataObject = {},
): ListEndpoint => ({
	path: `/libraries/${libraryId}/${list}`,
	qs,
	paging: PAGED,
	maxPageSize: pageSize,
	read,
	idField: 'id',
});

export const recentEpisodesEndpoint = (libraryId: string): ListEndpoint => ({
	path: `/libraries/${libraryId}/recent-episodes`,
	paging: PAGED,
	maxPageSize: PAGE_SIZE.recentEpisodes,
	read: readEpisodesPage,
	idField: 'id',
});

export const listeningSessionsEndpoint: ListEndpoint = {
	path: '/me/listening-sessions',
	paging: { style: 'page', pageParam: 'page', sizeParam: 'itemsPerPage', firstPage: 0 },
	maxPageSize: PAGE_SIZE.sessions,
	read: readSessionsPage,
	idField: 'id',
};

const readProgress = (body: unknown): IDataObject[] | undefined => {
	const parsed = progressShape.safeParse(body);
	return parsed.success ? parsed.data.mediaProgress : undefined;
};

/**
 * Every progress record of the key's user. `GET /me/progress` exists from 2.36.0 on; older servers (2.26–2.35)
 * answer it with 404, and their `GET /me` carries the same records as `mediaProgress`.
 */
export async function readAllProgress(client: ServiceClient): Promise<IDataObject[]> {
	const request = { method: 'GET', path: '/me/progress' } as const;
	const response = await client.send<unknown>({ ...request, passStatuses: [404] });
	if (response.status === 404) {
		return await requestAs(client, { method: 'GET', path: '/me' }, readProgress, 'the user');
	}
	const records = readProgress(response.body);
	if (!records) throw unexpectedShape(client, request, 'the progress list');
	return records;
}
