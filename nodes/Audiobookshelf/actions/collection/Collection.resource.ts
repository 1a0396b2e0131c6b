import type { Resource } from '../../../shared/operation';
import { collectionRemoveItems } from './removeItems';
import { collectionAddItems } from './addItems';
import { collectionCreate } from './create';
import { collectionGet } from './get';
import { collectionGetAll } from './getAll';

export const collectionResource: Resource = {
	option: {
		name: 'Collection',
		value: 'collection',
		description: 'Collections of books, shared by the users of a library',
	},
	defaultOperation: 'getAll',
	operations: [
		collectionGetAll,
		collectionGet,
		collectionCreate,
		collectionAddItems,
		collectionRemoveItems,
	],
};
