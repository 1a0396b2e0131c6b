import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { playlistEntriesProperty, playlists } from '../../itemLists';

export const playlistAddItems: Operation = {
	option: {
		name: 'Add Items',
		value: 'addItems',
		action: 'Add items to a playlist',
		description:
			"Add books or podcast episodes to one of the API key user's playlists. Returns the updated playlist.",
	},
	properties: [playlists.idProperty, playlistEntriesProperty],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		return await playlists.change(this, client, itemIndex, 'add');
	},
};
