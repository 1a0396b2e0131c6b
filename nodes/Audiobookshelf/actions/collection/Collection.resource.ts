import type { Resource } from '../../../shared/operation';
import { addItemsToCollection } from './addItems';
import { createCollection } from './create';
import { getCollection } from './get';
import { getManyCollections } from './getMany';

export const collectionResource: Resource = {
	option: {
		name: 'Collection',
		value: 'collection',
		description: 'Collections of books, shared by the users of a library',
	},
	defaultOperation: 'getAll',
	operations: [getManyCollections, getCollection, createCollection, addItemsToCollection],
};
