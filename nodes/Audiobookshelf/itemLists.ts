import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ServiceClient } from '../shared/transport';
import { fail, requireId, requireText, UUID_ID } from '../shared/validate';
import { ITEM_ID, readIdList, readPlaylistItems } from './helpers';
import { libraryLocator } from './locators';

/**
 * Collections and playlists work alike: a named list of one library's items, created with its first entries and
 * changed in batches (`POST /<kind>/:id/batch/add|remove`). Only their entries differ: a collection holds book
 * IDs, a playlist books or podcast episodes (`itemId/episodeId`).
 */
export class ItemList {
	readonly idProperty: INodeProperties;

	constructor(
		private readonly label: 'Collection' | 'Playlist',
		private readonly path: '/collections' | '/playlists',
		idProperty: { placeholder: string; description: string },
		/** The entries, from the node's parameters, as the API's body wants them; a batch needs at least one. */
		private readonly readEntries: (
			context: IExecuteFunctions,
			itemIndex: number,
			batch: boolean,
		) => IDataObject,
	) {
		this.idProperty = {
			displayName: `${label} ID`,
			name: this.idName,
			type: 'string',
			default: '',
			required: true,
			...idProperty,
		};
	}

	private get idName(): string {
		return `${this.label.toLowerCase()}Id`;
	}

	readId(context: IExecuteFunctions, itemIndex: number): string {
		const raw = context.getNodeParameter(this.idName, itemIndex, '');
		return requireId(context.getNode(), raw, { label: `${this.label} ID`, ...UUID_ID }, itemIndex);
	}

	/** Library, name, the entries field and description: the fields of Create. */
	createProperties(
		libraryDescription: string,
		namePlaceholder: string,
		entries: INodeProperties,
	): INodeProperties[] {
		return [
			libraryLocator.property({ description: libraryDescription }),
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				required: true,
				placeholder: namePlaceholder,
			},
			entries,
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				typeOptions: { rows: 2 },
			},
		];
	}

	async create(context: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const libraryId = libraryLocator.read(context, itemIndex);
		const raw = context.getNodeParameter('name', itemIndex, '');
		const name = requireText(context.getNode(), raw, 'Name', itemIndex);
		const entries = this.readEntries(context, itemIndex, false);
		const description = String(context.getNodeParameter('description', itemIndex, '') ?? '').trim();
		const body: IDataObject = { libraryId, name, ...entries };
		if (description) body.description = description;
		return await client.request({ method: 'POST', path: this.path, body });
	}

	get(context: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const id = this.readId(context, itemIndex);
		return client.request({ method: 'GET', path: `${this.path}/${id}` });
	}

	/** Adds or removes entries; an empty batch is refused before the request (Audiobookshelf answers it with a 500). */
	async change(
		context: IExecuteFunctions,
		client: ServiceClient,
		itemIndex: number,
		change: 'add' | 'remove',
		options: { idempotent?: boolean; availableSince?: string } = {},
	): Promise<IDataObject> {
		const id = this.readId(context, itemIndex);
		const body = this.readEntries(context, itemIndex, true);
		return await client.request<IDataObject>({
			method: 'POST',
			path: `${this.path}/${id}/batch/${change}`,
			body,
			...options,
		});
	}
}

export const PLAYLIST_ITEMS_DESCRIPTION =
	'Entries separated by commas (or an array from an expression): a library item ID for a book, or itemId/episodeId for a podcast episode';

/** Book IDs of a collection; at least one (readIdList refuses an empty list). */
function readBooks(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const rule = { ...ITEM_ID, label: 'Book IDs' };
	return { books: readIdList(context, 'libraryItemIds', rule, itemIndex) };
}

export const collections = new ItemList(
	'Collection',
	'/collections',
	{
		placeholder: 'e.g. bcc52d2a-4458-438a-b5e7-ef2d21792bd2',
		description: 'ID of the collection (from Collection → Get Many)',
	},
	readBooks,
);

/** Book IDs to add to or remove from a collection. */
export function bookIdsProperty(verb: 'add' | 'remove'): INodeProperties {
	return {
		displayName: 'Book IDs',
		name: 'libraryItemIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 5403d36b-cfe8-44cd-a491-4dcaaba99b4f',
		description: `Library item IDs of the books to ${verb}, separated by commas (or an array from an expression)`,
	};
}

export const playlists = new ItemList(
	'Playlist',
	'/playlists',
	{
		placeholder: 'e.g. 00464041-4ccb-45a6-88fe-216bc3734a4e',
		description:
			'ID of the playlist (from Playlist → Get Many); only your own playlists are accessible',
	},
	(context, itemIndex, batch) => {
		const items = readPlaylistItems(context, 'items', itemIndex);
		if (batch && items.length === 0)
			fail(context.getNode(), 'Items is empty', itemIndex, 'Enter at least one library item ID.');
		return { items };
	},
);

/** The playlist entries of Add Items and Remove Items: at least one. */
export const playlistEntriesProperty: INodeProperties = {
	displayName: 'Items',
	name: 'items',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 5403d36b-cfe8-44cd-a491-4dcaaba99b4f',
	description: PLAYLIST_ITEMS_DESCRIPTION,
};
