import type { Resource } from '../../../shared/operation';
import { libraryItemGetChapters } from './getChapters';
import { libraryItemGet } from './get';
import { libraryItemGetAll } from './getAll';
import { libraryItemSearch } from './search';
import { libraryItemUpdateProgress } from './updateProgress';

export const libraryItemResource: Resource = {
	option: {
		name: 'Library Item',
		value: 'libraryItem',
		description: 'Books and podcasts of a library',
	},
	defaultOperation: 'getAll',
	operations: [
		libraryItemGetAll,
		libraryItemGet,
		libraryItemSearch,
		libraryItemUpdateProgress,
		libraryItemGetChapters,
	],
};
