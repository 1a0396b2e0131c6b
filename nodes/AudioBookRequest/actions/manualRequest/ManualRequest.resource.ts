import type { Resource } from '../../../shared/operation';
import { manualRequestDelete } from './delete';
import { manualRequestGetAll } from './getAll';
import { manualRequestMarkDownloaded } from './markDownloaded';
import { manualRequestUpdate } from './update';

export const manualRequestResource: Resource = {
	option: {
		name: 'Manual Request',
		value: 'manualRequest',
		description:
			'Books requested by hand (title and author, not from Audible). Creating one is only possible in the AudioBookRequest web UI: the API route is unreachable in AudioBookRequest 1.10 (it answers "Book not found").',
	},
	defaultOperation: 'getAll',
	operations: [
		manualRequestGetAll,
		manualRequestUpdate,
		manualRequestMarkDownloaded,
		manualRequestDelete,
	],
};
