import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { requireId, UUID_ID } from '../../../shared/validate';
import { readPlaylistItems } from '../../helpers';
import { PLAYLIST_ID_PROPERTY, PLAYLIST_ITEMS_DESCRIPTION } from './get';
import { inputError } from '../../../shared/inputError';

export const playlistAddItems: Operation = {
	option: {
		name: 'Add Items',
		value: 'addItems',
		action: 'Add items to a playlist',
		description:
			"Add books or podcast episodes to one of the API key user's playlists. Returns the updated playlist.",
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
		if (items.length === 0) {
			throw inputError(this.getNode(), `Items is empty`, {
				itemIndex,
				description: 'Enter at least one library item ID.',
			});
		}
		return await client.request({
			method: 'POST',
			path: `/playlists/${playlistId}/batch/add`,
			body: { items },
		});
	},
};
