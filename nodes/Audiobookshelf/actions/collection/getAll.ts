import type { Operation } from '../../../shared/operation';
import { PAGE_SIZE } from '../../helpers';
import { libraryListOperation } from '../../listOperation';

export const collectionGetAll: Operation = libraryListOperation({
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many collections',
		description: 'List the collections of a book library, each with its books',
	},
	list: 'collections',
	pageSize: PAGE_SIZE.collections,
});
