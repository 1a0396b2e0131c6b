import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { playlistEntriesProperty, playlists } from '../../itemLists';

export const playlistRemoveItems: Operation = {
	option: {
		name: 'Remove Items',
		value: 'removeItems',
		action: 'Remove items from a playlist',
		description:
			"Remove books or podcast episodes from one of the API key user's playlists (Audiobookshelf 2.2.6 or later). Audiobookshelf deletes a playlist left empty: playlistDeleted is then true.",
	},
	properties: [playlists.idProperty, playlistEntriesProperty],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const playlist = await playlists.change(this, client, itemIndex, 'remove', {
			idempotent: true,
			availableSince: '2.2.6',
		});
		const remaining = Array.isArray(playlist.items) ? playlist.items : [];
		return { ...playlist, playlistDeleted: remaining.length === 0 };
	},
};
