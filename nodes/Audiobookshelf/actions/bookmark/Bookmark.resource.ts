import type { Resource } from '../../../shared/operation';
import { bookmarkCreate } from './create';
import { bookmarkDelete } from './delete';
import { bookmarkGetAll } from './getAll';
import { bookmarkUpdate } from './update';

export const bookmarkResource: Resource = {
	option: {
		name: 'Bookmark',
		value: 'bookmark',
		description: "The API key user's bookmarks: titled positions in books and podcasts",
	},
	defaultOperation: 'getAll',
	operations: [bookmarkCreate, bookmarkDelete, bookmarkGetAll, bookmarkUpdate],
};
