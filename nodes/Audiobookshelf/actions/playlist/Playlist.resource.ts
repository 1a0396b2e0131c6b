import type { Resource } from '../../../shared/operation';
import { addItemsToPlaylist } from './addItems';
import { createPlaylist } from './create';
import { getPlaylist } from './get';
import { getManyPlaylists } from './getMany';

export const playlistResource: Resource = {
	option: {
		name: 'Playlist',
		value: 'playlist',
		description: 'Personal playlists of books and podcast episodes',
	},
	defaultOperation: 'getAll',
	operations: [getManyPlaylists, getPlaylist, createPlaylist, addItemsToPlaylist],
};
