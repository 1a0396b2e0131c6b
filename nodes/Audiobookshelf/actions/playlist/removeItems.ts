import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { fail, requireId, UUID_ID } from '../../../shared/validate';
import { readPlaylistItems } from '../../helpers';
import { PLAYLIST_ID_PROPERTY, PLAYLIST_ITEMS_DESCRIPTION } from './get';

export const playlistRemoveItems: Operation = {
	option: {
		name: 'Remove Items',
		value: 'removeItems',
		action: 'Remove items from a playlist',
		description:
			"Remove books or podcast episodes from one of the API key user's playlists (Audiobookshelf 2.2.6 or later). Audiobookshelf deletes a playlist left empty: playlistDeleted is then true.",
	},
	properties: [
		PLAYLIST_ID_PROPERTY,
		{
			displayName: 'Items',
			name: 'items',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 5403d36b-cfe8-44cd-a491-4dcaaba99b4f',
			description: PLAYLIST_ITEMS_DESCRIPTION,
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const playlistId = requireId(
			this.getNode(),
			this.getNodeParameter('playlistId', itemIndex, ''),
			{ label: 'Playlist ID', ...UUID_ID },
			itemIndex,
		);
		const items = readPlaylistItems(this, 'items', itemIndex);
		if (items.length === 0)
			fail(this.getNode(), 'Items is empty', itemIndex, 'Enter at least one library item ID.');
		const playlist = await client.request<IDataObject>({
			method: 'POST',
			path: `/playlists/${playlistId}/batch/remove`,
			body: { items },
			idempotent: true,
			availableSince: '2.2.6',
		});
		const remaining = Array.isArray(playlist.items) ? playlist.items : [];
		return { ...playlist, playlistDeleted: remaining.length === 0 };
	},
};
