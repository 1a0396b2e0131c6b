import type { Resource } from '../../../shared/operation';
import { getLibraryItem } from './get';
import { getManyLibraryItems } from './getMany';
import { searchLibraryItems } from './search';
import { updateLibraryItemProgress } from './updateProgress';

export const libraryItemResource: Resource = {
	option: {
		name: 'Library Item',
		value: 'libraryItem',
		description: 'Books and podcasts of a library',
	},
	defaultOperation: 'getAll',
	operations: [getManyLibraryItems, getLibraryItem, searchLibraryItems, updateLibraryItemProgress],
};
