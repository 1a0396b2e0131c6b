import type { Operation } from '../../../shared/operation';
import { PAGE_SIZE } from '../../helpers';
import { libraryListOperation } from '../../listOperation';

export const playlistGetAll: Operation = libraryListOperation({
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many playlists',
		description:
			"List the API key user's own playlists in a library, each with its books or podcast episodes",
	},
	list: 'playlists',
	pageSize: PAGE_SIZE.playlists,
});
