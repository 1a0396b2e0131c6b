import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readLimit, limitProperty } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { requireText } from '../../../shared/validate';
import { simplifyItem } from '../../helpers';
import { libraryLocator } from '../../locators';

/** Result kinds of `GET /libraries/:id/search`, book and podcast libraries together. */
const KINDS = [
	'book',
	'podcast',
	'authors',
	'series',
	'narrators',
	'tags',
	'genres',
	'episodes',
] as const;

export const libraryItemSearch: Operation = {
	option: {
		name: 'Search',
		value: 'search',
		action: 'Search a library',
		description:
			'Search a library by text in one call: books or podcasts (title, subtitle, ASIN, ISBN), authors, series, narrators, tags, genres and podcast episodes',
	},
	properties: [
		libraryLocator.property({ description: 'The library to search in' }),
		{
			displayName: 'Query',
			name: 'query',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. Sanderson',
			description: 'Text to search for. Author names match only in the Authors results.',
		},
		{
			displayName: 'Return',
			name: 'kind',
			type: 'options',
			default: 'all',
			options: [
				{
					name: 'All Kinds (One Item)',
					value: 'all',
					description: 'One output item with every kind of result',
				},
				{ name: 'Authors', value: 'authors' },
				{ name: 'Books', value: 'book' },
				{ name: 'Genres', value: 'genres' },
				{ name: 'Narrators', value: 'narrators' },
				{ name: 'Podcast Episodes', value: 'episodes' },
				{ name: 'Podcasts', value: 'podcast' },
				{ name: 'Series', value: 'series' },
				{ name: 'Tags', value: 'tags' },
			],
			description: 'What to return; a single kind gives one output item per result',
		},
		limitProperty(),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const libraryId = libraryLocator.read(this, itemIndex);
		const query = requireText(
			this.getNode(),
			this.getNodeParameter('query', itemIndex, ''),
			'Query',
			itemIndex,
		);
		const kind = this.getNodeParameter('kind', itemIndex, 'all') as string;
		const limit = readLimit(this, itemIndex);
		const body = await client.request<IDataObject>({
			method: 'GET',
			path: `/libraries/${libraryId}/search`,
			qs: { q: query, limit },
		});
		if (kind === 'all') {
			const all: IDataObject = {};
			for (const key of KINDS) if (key in body) all[key] = body[key];
			return all;
		}
		const list = Array.isArray(body[kind]) ? (body[kind] as unknown[]) : [];
		return list.slice(0, limit).map((entry) => {
			if (kind === 'book' || kind === 'podcast') {
				const libraryItem = (entry as IDataObject).libraryItem as IDataObject | undefined;
				// Audiobookshelf 2.x answers `{libraryItem}` only (older `matchKey`/`matchText` are gone).
				return libraryItem ? simplifyItem(libraryItem) : (entry as IDataObject);
			}
			return entry && typeof entry === 'object' ? (entry as IDataObject) : { name: String(entry) };
		});
	},
};
