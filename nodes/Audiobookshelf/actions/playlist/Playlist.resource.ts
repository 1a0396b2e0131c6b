import type { Resource } from '../../../shared/operation';
import { playlistRemoveItems } from './removeItems';
import { playlistAddItems } from './addItems';
import { playlistCreate } from './create';
import { playlistGet } from './get';
import { playlistGetAll } from './getAll';

export const playlistResource: Resource = {
	option: {
		name: 'Playlist',
		value: 'playlist',
		description: 'Personal playlists of books and podcast episodes',
	},
	defaultOperation: 'getAll',
	operations: [playlistGetAll, playlistGet, playlistCreate, playlistAddItems, playlistRemoveItems],
};
