import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireId, UUID_ID, type IdRule } from '../shared/validate';

/** Audiobookshelf 2.3+ uses UUIDv4 for every id (the `li_…` ids of the public api-docs are pre-SQLite). */
export const LIBRARY_ID: IdRule = { label: 'Library ID', ...UUID_ID };
export const ITEM_ID: IdRule = { label: 'Library Item ID', ...UUID_ID };
export const EPISODE_ID: IdRule = { label: 'Episode ID', ...UUID_ID };

const UUID_IN_URL = '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';

function locator(options: {
	displayName: string;
	name: string;
	description: string;
	searchListMethod: string;
	urlSegment: string;
	urlPlaceholder: string;
}): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 864a63fd-c8ef-460e-8faf-6c9e555ad566',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `^${UUID_IN_URL}$`,
							errorMessage: 'Not a valid Audiobookshelf ID (a UUID)',
						},
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: options.urlPlaceholder,
				extractValue: { type: 'regex', regex: `/${options.urlSegment}/${UUID_IN_URL}` },
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `.*/${options.urlSegment}/${UUID_IN_URL}.*`,
							errorMessage: `Not an Audiobookshelf ${options.urlSegment} URL`,
						},
					},
				],
			},
		],
	};
}

export function libraryLocator(description = 'The library to use'): INodeProperties {
	return locator({
		displayName: 'Library',
		name: 'libraryId',
		description,
		searchListMethod: 'searchLibraries',
		urlSegment: 'library',
		urlPlaceholder: 'e.g. https://abs.example.com/library/864a63fd-c8ef-460e-8faf-6c9e555ad566',
	});
}

export function itemLocator(
	description = 'The book or podcast (library item) to use',
	searchListMethod = 'searchLibraryItems',
): INodeProperties {
	return locator({
		displayName: 'Library Item',
		name: 'libraryItemId',
		description,
		searchListMethod,
		urlSegment: 'item',
		urlPlaceholder: 'e.g. https://abs.example.com/item/5403d36b-cfe8-44cd-a491-4dcaaba99b4f',
	});
}

/** Reads a resource locator (or plain string) parameter and validates the id before any request. */
export function readId(
	context: IExecuteFunctions,
	name: string,
	rule: IdRule,
	itemIndex: number,
): string {
	const raw = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const value =
		raw && typeof raw === 'object' && 'value' in (raw as IDataObject)
			? (raw as IDataObject).value
			: raw;
	return requireId(context.getNode(), value, rule, itemIndex);
}

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
