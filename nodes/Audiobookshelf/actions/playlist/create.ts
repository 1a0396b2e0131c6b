import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { PLAYLIST_ITEMS_DESCRIPTION, playlists } from '../../itemLists';

export const playlistCreate: Operation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a playlist',
		description:
			'Create a playlist of the API key user in a library, optionally with books or podcast episodes',
	},
	properties: playlists.createProperties('The library the playlist belongs to', 'e.g. Commute', {
		displayName: 'Items',
		name: 'items',
		type: 'string',
		default: '',
		placeholder: 'e.g. 5403d36b-cfe8-44cd-a491-4dcaaba99b4f',
		description: PLAYLIST_ITEMS_DESCRIPTION,
	}),
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		return await playlists.create(this, client, itemIndex);
	},
};
