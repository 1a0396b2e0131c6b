import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { requireId, UUID_ID } from '../../../shared/validate';

export const PLAYLIST_ID_PROPERTY = {
	displayName: 'Playlist ID',
	name: 'playlistId',
	type: 'string' as const,
	default: '',
	required: true,
	placeholder: 'e.g. 00464041-4ccb-45a6-88fe-216bc3734a4e',
	description:
		'ID of the playlist (from Playlist → Get Many); only your own playlists are accessible',
};

export const PLAYLIST_ITEMS_DESCRIPTION =
	'Entries separated by commas (or an array from an expression): a library item ID for a book, or itemId/episodeId for a podcast episode';

export const playlistGet: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a playlist',
		description: "Get one of the API key user's playlists by ID with its books or episodes",
	},
	properties: [PLAYLIST_ID_PROPERTY],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const playlistId = requireId(
			this.getNode(),
			this.getNodeParameter('playlistId', itemIndex, ''),
			{ label: 'Playlist ID', ...UUID_ID },
			itemIndex,
		);
		return await client.request({ method: 'GET', path: `/playlists/${playlistId}` });
	},
};
