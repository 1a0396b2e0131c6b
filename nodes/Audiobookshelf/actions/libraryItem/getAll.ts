import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readReturnAll, returnAllAndLimit, fieldGroup } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import { paginate } from '../../../shared/paginate';
import type { ServiceClient } from '../../../shared/transport';
import { requireId, UUID_ID } from '../../../shared/validate';
import { readSort, sortCollection } from '../../listOperation';
import { cacheBuster, libraryItemsEndpoint } from '../../endpoints';
import { simplifyItem, simplifyProperty } from '../../helpers';
import { libraryLocator } from '../../locators';
import { inputError } from '../../../shared/inputError';

/** Filter groups that take a free-text value (base64-encoded by the node). */
const TEXT_GROUPS = ['genres', 'tags', 'narrators', 'publishers', 'publishedDecades', 'languages'];
const ID_GROUPS = ['authors', 'series'];
/** Groups that are sent without a value. */
const VALUELESS_GROUPS = ['issues', 'feed-open', 'share-open', 'recent', 'abridged', 'explicit'];

const properties: INodeProperties[] = [
	libraryLocator.property({ description: 'The library to list items of' }),
	...returnAllAndLimit(),
	simplifyProperty,
	{
		displayName: 'Filter By',
		name: 'filterGroup',
		type: 'options',
		default: 'none',
		description: 'Only items matching one condition (Audiobookshelf filters one group at a time)',
		options: [
			{ name: 'Abridged', value: 'abridged', description: 'Only abridged books' },
			{ name: 'Author', value: 'authors', description: 'Books by one author (by author ID)' },
			{ name: 'Ebook', value: 'ebooks', description: 'Books with or without an ebook' },
			{ name: 'Explicit', value: 'explicit', description: 'Only explicit items' },
			{ name: 'Genre', value: 'genres' },
			{ name: 'Has Issues', value: 'issues', description: 'Items with missing or invalid files' },
			{ name: 'Language', value: 'languages' },
			{
				name: 'Missing Field',
				value: 'missing',
				description: 'Books where a metadata field is empty',
			},
			{ name: 'Narrator', value: 'narrators' },
			{ name: 'No Filter', value: 'none' },
			{
				name: 'Progress',
				value: 'progress',
				description: "By the listening progress of the API key's user",
			},
			{
				name: 'Published Decade',
				value: 'publishedDecades',
				description: 'Decade given as its first year, like 1990',
			},
			{ name: 'Publisher', value: 'publishers' },
			{ name: 'Recently Added', value: 'recent', description: 'Added in the last 60 days' },
			{ name: 'RSS Feed Open', value: 'feed-open' },
			{
				name: 'Series',
				value: 'series',
				description: 'Books of one series (by series ID), or books in no series',
			},
			{ name: 'Share Open (Admin)', value: 'share-open' },
			{ name: 'Tag', value: 'tags' },
			{ name: 'Tracks', value: 'tracks', description: 'Books with no audio track or several' },
		],
	},
	{
		displayName: 'Value',
		name: 'filterValue',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Fiction',
		description:
			'The exact value to match (case-sensitive), as listed by Library → Get Filter Data',
		displayOptions: { show: { filterGroup: TEXT_GROUPS } },
	},
	{
		displayName: 'Author ID',
		name: 'filterAuthorId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 25fab5b5-e1cd-4354-86a9-30ab7f4082c3',
		description: 'ID of the author (from Author → Get Many or Library → Get Filter Data)',
		displayOptions: { show: { filterGroup: ['authors'] } },
	},
	{
		displayName: 'Series ID',
		name: 'filterSeriesId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. e321b48b-92ff-46aa-8838-b9c8bd781310, or no-series',
		description: 'ID of the series (from Series → Get Many), or "no-series" for books in no series',
		displayOptions: { show: { filterGroup: ['series'] } },
	},
	{
		displayName: 'Progress',
		name: 'filterProgress',
		type: 'options',
		default: 'finished',
		options: [
			{ name: 'Audio in Progress', value: 'audio-in-progress' },
			{ name: 'Ebook Finished', value: 'ebook-finished' },
			{ name: 'Ebook in Progress', value: 'ebook-in-progress' },
			{ name: 'Finished', value: 'finished' },
			{ name: 'In Progress', value: 'in-progress' },
			{ name: 'Not Finished', value: 'not-finished' },
			{ name: 'Not Started', value: 'not-started' },
		],
		displayOptions: { show: { filterGroup: ['progress'] } },
	},
	{
		displayName: 'Missing Field',
		name: 'filterMissing',
		type: 'options',
		default: 'asin',
		options: [
			{ name: 'ASIN', value: 'asin' },
			{ name: 'Authors', value: 'authors' },
			{ name: 'Chapters', value: 'chapters' },
			{ name: 'Cover', value: 'cover' },
			{ name: 'Description', value: 'description' },
			{ name: 'Genres', value: 'genres' },
			{ name: 'ISBN', value: 'isbn' },
			{ name: 'Language', value: 'language' },
			{ name: 'Narrators', value: 'narrators' },
			{ name: 'Published Year', value: 'publishedYear' },
			{ name: 'Publisher', value: 'publisher' },
			{ name: 'Series', value: 'series' },
			{ name: 'Subtitle', value: 'subtitle' },
			{ name: 'Tags', value: 'tags' },
		],
		displayOptions: { show: { filterGroup: ['missing'] } },
	},
	{
		displayName: 'Tracks',
		name: 'filterTracks',
		type: 'options',
		default: 'none',
		options: [
			{ name: 'No Audio Track', value: 'none' },
			{ name: 'Several Tracks', value: 'multi' },
		],
		displayOptions: { show: { filterGroup: ['tracks'] } },
	},
	{
		displayName: 'Ebook',
		name: 'filterEbooks',
		type: 'options',
		default: 'ebook',
		options: [
			{ name: 'Has Ebook', value: 'ebook' },
			{ name: 'Has No Ebook', value: 'no-ebook' },
			{ name: 'Has No Supplementary Ebook', value: 'no-supplementary' },
			{ name: 'Has Supplementary Ebook', value: 'supplementary' },
		],
		displayOptions: { show: { filterGroup: ['ebooks'] } },
	},
	sortCollection(
		[
			{ name: 'Added At', value: 'addedAt' },
			{ name: 'Author (First Last)', value: 'media.metadata.authorName' },
			{ name: 'Author (Last, First)', value: 'media.metadata.authorNameLF' },
			{ name: 'Duration', value: 'media.duration' },
			{ name: 'File Birth Time', value: 'birthtimeMs' },
			{ name: 'File Modified Time', value: 'mtimeMs' },
			{ name: 'Podcast Author', value: 'media.metadata.author' },
			{ name: 'Progress Finished At', value: 'progress.finishedAt' },
			{ name: 'Progress Started At', value: 'progress.createdAt' },
			{ name: 'Progress Updated At', value: 'progress' },
			{ name: 'Published Year', value: 'media.metadata.publishedYear' },
			{ name: 'Random', value: 'random' },
			{ name: 'Sequence in Series', value: 'sequence', description: 'Only with a Series filter' },
			{ name: 'Size', value: 'size' },
			{ name: 'Title', value: 'media.metadata.title' },
		],
		'media.metadata.title',
	),
	fieldGroup(
		'options',
		[
			{
				displayName: 'Collapse Series',
				name: 'collapseSeries',
				type: 'boolean',
				default: false,
				description:
					'Whether to return each series as one entry (with collapsedSeries) instead of its books',
			},
		],
		{ name: 'listOptions', placeholder: 'Add option' },
	),
];

/** `group.` + base64 of the raw (UTF-8) value; the query encoder then percent-encodes `+`, `/` and `=`. */
export function encodeFilter(group: string, value: string): string {
	return `${group}.${Buffer.from(value, 'utf8').toString('base64')}`;
}

function readFilter(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const node = context.getNode();
	const group = context.getNodeParameter('filterGroup', itemIndex, 'none') as string;
	if (group === 'none') return undefined;
	if (VALUELESS_GROUPS.includes(group)) return group;
	if (TEXT_GROUPS.includes(group)) {
		const value = String(context.getNodeParameter('filterValue', itemIndex, '') ?? '');
		if (!value.trim()) {
			throw inputError(node, `Value is empty`, {
				itemIndex,
				description: 'Enter the value to filter by, exactly as Library → Get Filter Data lists it.',
			});
		}
		return encodeFilter(group, value);
	}
	if (ID_GROUPS.includes(group)) {
		const raw = context.getNodeParameter(
			group === 'authors' ? 'filterAuthorId' : 'filterSeriesId',
			itemIndex,
			'',
		) as string;
		if (group === 'series' && String(raw).trim() === 'no-series')
			return encodeFilter(group, 'no-series');
		const id = requireId(
			node,
			raw,
			{ label: group === 'authors' ? 'Author ID' : 'Series ID', ...UUID_ID },
			itemIndex,
		);
		return encodeFilter(group, id);
	}
	const fixedParameter: Record<string, string> = {
		progress: 'filterProgress',
		missing: 'filterMissing',
		tracks: 'filterTracks',
		ebooks: 'filterEbooks',
	};
	const parameter = fixedParameter[group];
	if (!parameter) {
		throw inputError(node, `Filter By "${group}" is not supported`, { itemIndex });
	}
	return encodeFilter(group, String(context.getNodeParameter(parameter, itemIndex)));
}

export const libraryItemGetAll: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many library items',
		description:
			'List the books or podcasts of a library, with an optional filter (author, series, genre, tag, narrator, progress, missing field…) and sort',
	},
	properties,
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const libraryId = libraryLocator.read(this, itemIndex);
		const { returnAll, limit } = readReturnAll(this, itemIndex);
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		const sort = this.getNodeParameter('sort', itemIndex, {}) as IDataObject;
		const listOptions = this.getNodeParameter('listOptions', itemIndex, {}) as IDataObject;
		const filter = readFilter(this, itemIndex);
		const qs: IDataObject = {};
		if (filter) qs.filter = filter;
		Object.assign(qs, readSort(this, itemIndex));
		if (listOptions.collapseSeries === true) qs.collapseseries = 1;
		// Progress filters and sorts are served from a response cache that progress writes do not clear.
		const progressBased =
			filter?.startsWith('progress.') || String(sort.sortBy ?? '').startsWith('progress');
		if (progressBased) Object.assign(qs, cacheBuster());
		// A random order differs on every request, so pages of it would overlap: one request instead.
		const random = sort.sortBy === 'random';
		const endpoint = libraryItemsEndpoint(libraryId, qs);
		if (random && returnAll) endpoint.paging = { style: 'none' };
		if (random) endpoint.maxPageSize = limit;
		const items = await paginate(client, endpoint, { returnAll, limit });
		return simplify ? items.map(simplifyItem) : items;
	},
};
