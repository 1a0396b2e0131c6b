import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { recordArray, type ListPage } from '../shared/paginate';
import { requireId, UUID_ID, type IdRule } from '../shared/validate';

/** Audiobookshelf 2.3+ uses UUIDv4 for every id (the `li_…` ids of the public api-docs are pre-SQLite). */
export const LIBRARY_ID: IdRule = { label: 'Library ID', ...UUID_ID };
export const ITEM_ID: IdRule = { label: 'Library Item ID', ...UUID_ID };
export const EPISODE_ID: IdRule = { label: 'Episode ID', ...UUID_ID };

/**
 * Page sizes, per endpoint (the API states no maximum; see the Audiobookshelf section of the README for why these values).
 * Items are minified (~1.2 KB each): 500 per page keeps each response near 0.6 MB and each server query short.
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

/** Status-only endpoints answer the text `OK` (the transport hands back `{message: "OK"}`) or nothing. */
export function okOutput(body: unknown, extra: IDataObject = {}): IDataObject {
	return {
		success: true,
		...extra,
		...(body && typeof body === 'object' && !('message' in (body as IDataObject))
			? (body as IDataObject)
			: {}),
	};
}

/**
 * Some `/api/libraries*` answers come from the server's response cache, which progress writes do not clear
 * (ApiCacheManager). A changing, ignored parameter makes the URL unique and forces a fresh answer.
 */
export function cacheBuster(): IDataObject {
	return { _ts: Date.now() };
}

const envelope = z.object({ results: recordArray, total: z.number() });
const authorsShape = z.object({ authors: recordArray });
const sessionsShape = z.object({ sessions: recordArray, total: z.number(), numPages: z.number() });
const episodesShape = z.object({ episodes: recordArray });

/** `{results, total, limit, page, …}` of items, series, collections, playlists and paginated authors. */
export function readResultsPage(body: unknown): ListPage | undefined {
	const parsed = envelope.safeParse(body);
	if (!parsed.success) return undefined;
	return { items: parsed.data.results as IDataObject[], total: parsed.data.total };
}

/** Authors paginate only with both `limit` and `page`; accept the unpaginated `{authors}` shape defensively. */
export function readAuthorsPage(body: unknown): ListPage | undefined {
	const page = readResultsPage(body);
	if (page) return page;
	const parsed = authorsShape.safeParse(body);
	if (!parsed.success) return undefined;
	const items = parsed.data.authors as IDataObject[];
	return { items, total: items.length, hasNext: false };
}

export function readSessionsPage(body: unknown): ListPage | undefined {
	const parsed = sessionsShape.safeParse(body);
	if (!parsed.success) return undefined;
	return {
		items: parsed.data.sessions as IDataObject[],
		total: parsed.data.total,
		totalPages: parsed.data.numPages,
	};
}

/** `{episodes, limit, page}`: no total, so paging continues until a short page. */
export function readEpisodesPage(body: unknown): ListPage | undefined {
	const parsed = episodesShape.safeParse(body);
	if (!parsed.success) return undefined;
	return { items: parsed.data.episodes as IDataObject[] };
}

export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return only the main fields of each item (title, authors, series, duration…) instead of the full media object',
};

function names(list: unknown): string | undefined {
	if (!Array.isArray(list)) return undefined;
	return list
		.map((entry) =>
			entry && typeof entry === 'object'
				? String((entry as IDataObject).name ?? '')
				: String(entry),
		)
		.filter(Boolean)
		.join(', ');
}

function isoOf(value: unknown): string | null {
	return typeof value === 'number' && Number.isFinite(value) ? new Date(value).toISOString() : null;
}

/** Main fields of a library item, from the default, expanded or minified shape. */
export function simplifyItem(item: IDataObject): IDataObject {
	const media = (item.media ?? {}) as IDataObject;
	const metadata = (media.metadata ?? {}) as IDataObject;
	const simple: IDataObject = {
		id: item.id,
		libraryId: item.libraryId,
		mediaType: item.mediaType,
		title: metadata.title ?? null,
		subtitle: metadata.subtitle ?? null,
		author: metadata.authorName ?? names(metadata.authors) ?? metadata.author ?? null,
		narrator: metadata.narratorName ?? names(metadata.narrators) ?? null,
		series: metadata.seriesName ?? names(metadata.series) ?? null,
		genres: metadata.genres ?? [],
		tags: media.tags ?? [],
		publishedYear: metadata.publishedYear ?? null,
		language: metadata.language ?? null,
		duration: media.duration ?? null,
		size: item.size ?? media.size ?? null,
		addedAt: isoOf(item.addedAt),
		updatedAt: isoOf(item.updatedAt),
		isMissing: item.isMissing,
	};
	if (media.numEpisodes !== undefined) simple.numEpisodes = media.numEpisodes;
	if (item.collapsedSeries !== undefined) simple.collapsedSeries = item.collapsedSeries;
	if (item.userMediaProgress !== undefined) simple.progress = item.userMediaProgress;
	if (item.progressLastUpdate !== undefined)
		simple.progressLastUpdate = isoOf(item.progressLastUpdate);
	return simple;
}

/** A list of IDs given as an array or as text separated by commas, spaces or new lines; each one validated. */
export function readIdList(
	context: IExecuteFunctions,
	name: string,
	rule: IdRule,
	itemIndex: number,
): string[] {
	const raw = context.getNodeParameter(name, itemIndex, '') as unknown;
	const parts = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[\s,]+/))
		.map((part) => part.trim())
		.filter(Boolean);
	if (parts.length === 0) requireId(context.getNode(), '', rule, itemIndex);
	return [...new Set(parts.map((part) => requireId(context.getNode(), part, rule, itemIndex)))];
}

/** Playlist entries: `<itemId>` for a book, `<itemId>/<episodeId>` for a podcast episode. */
export function readPlaylistItems(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
): IDataObject[] {
	const raw = context.getNodeParameter(name, itemIndex, '') as unknown;
	const parts = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[\s,]+/))
		.map((part) => part.trim())
		.filter(Boolean);
	return parts.map((part) => {
		const [itemId, episodeId, extra] = part.split('/');
		if (extra !== undefined)
			requireId(
				context.getNode(),
				part,
				{
					...ITEM_ID,
					label: 'Playlist item',
					expected: 'a library item ID, or itemId/episodeId for a podcast episode',
				},
				itemIndex,
			);
		const entry: IDataObject = {
			libraryItemId: requireId(context.getNode(), itemId, ITEM_ID, itemIndex),
		};
		if (episodeId !== undefined)
			entry.episodeId = requireId(context.getNode(), episodeId, EPISODE_ID, itemIndex);
		return entry;
	});
}
