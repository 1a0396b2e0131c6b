import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireId, UUID_ID, type IdRule } from '../shared/validate';

/** Audiobookshelf 2.3+ uses UUIDv4 for every id (the `li_…` ids of the public api-docs are pre-SQLite). */
export const LIBRARY_ID: IdRule = { label: 'Library ID', ...UUID_ID };
export const ITEM_ID: IdRule = { label: 'Library Item ID', ...UUID_ID };
export const EPISODE_ID: IdRule = { label: 'Episode ID', ...UUID_ID };

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

/** The optional Episode ID of an operation on a book or a podcast episode. */
export function episodeIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Episode ID',
		name: 'episodeId',
		type: 'string',
		default: '',
		placeholder: 'e.g. fc98e87b-d649-424c-8c62-629eec909e74',
		description,
	};
}

/** Episode ID when given (a podcast), undefined for a book. */
export function readEpisodeId(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const raw = String(context.getNodeParameter('episodeId', itemIndex, '') ?? '').trim();
	return raw ? requireId(context.getNode(), raw, EPISODE_ID, itemIndex) : undefined;
}
