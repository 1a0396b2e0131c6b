import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { libraryLocator } from '../../locators';
import { simplifyItem, simplifyProperty } from '../../helpers';

/** Shelf ids of LibraryItem.getPersonalizedShelves (books and podcasts). */
const SHELVES = [
	{ name: 'Continue Listening', value: 'continue-listening' },
	{ name: 'Continue Reading', value: 'continue-reading' },
	{ name: 'Continue Series', value: 'continue-series' },
	{ name: 'Discover', value: 'discover' },
	{ name: 'Listen Again', value: 'listen-again' },
	{ name: 'Newest Authors', value: 'newest-authors' },
	{ name: 'Newest Episodes (Podcasts)', value: 'newest-episodes' },
	{ name: 'Read Again', value: 'read-again' },
	{ name: 'Recent Series', value: 'recent-series' },
	{ name: 'Recently Added', value: 'recently-added' },
];

export const libraryGetPersonalized: Operation = {
	option: {
		name: 'Get Personalized Shelves',
		value: 'getPersonalized',
		action: 'Get the personalized shelves of a library',
		description:
			"Get the home-page shelves of a library for the API key's user — Continue Listening, Continue Series, Recently Added, Discover, Listen Again, Newest Authors, Newest Episodes… — one item per shelf with its entries and total",
	},
	properties: [
		libraryLocator.property(),
		{
			displayName: 'Shelves',
			name: 'shelves',
			type: 'multiOptions',
			default: [],
			options: SHELVES,
			description: 'Only these shelves; none selected returns every shelf that has entries',
		},
		{
			displayName: 'Entries per Shelf',
			name: 'entriesPerShelf',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 10,
			description: 'Max number of entries on each shelf (the total is still given)',
		},
		simplifyProperty,
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const libraryId = libraryLocator.read(this, itemIndex);
		const wanted = this.getNodeParameter('shelves', itemIndex, []) as string[];
		const limit = Math.max(
			1,
			Math.floor(Number(this.getNodeParameter('entriesPerShelf', itemIndex, 10))),
		);
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		const body = await client.request<unknown>({
			method: 'GET',
			path: `/libraries/${libraryId}/personalized`,
			qs: { limit },
		});
		const shelves = Array.isArray(body) ? (body as IDataObject[]) : [];
		// The server leaves out empty shelves.
		return shelves
			.filter((shelf) => wanted.length === 0 || wanted.includes(String(shelf.id)))
			.map((shelf) => {
				const entities = Array.isArray(shelf.entities) ? (shelf.entities as IDataObject[]) : [];
				const isItems = ['book', 'podcast', 'episode'].includes(String(shelf.type));
				return {
					libraryId,
					id: shelf.id,
					label: shelf.label,
					type: shelf.type,
					total: shelf.total,
					entities:
						simplify && isItems
							? entities.map((entity) => {
									const simple = simplifyItem(entity);
									if (entity.recentEpisode) {
										const episode = entity.recentEpisode as IDataObject;
										simple.episode = {
											id: episode.id,
											title: episode.title,
											publishedAt: episode.publishedAt,
										};
									}
									return simple;
								})
							: entities,
				};
			});
	},
};
