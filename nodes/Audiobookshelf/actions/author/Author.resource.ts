import type { Resource } from '../../../shared/operation';
import { authorGet } from './get';
import { authorGetAll } from './getAll';

export const authorResource: Resource = {
	option: { name: 'Author', value: 'author', description: 'Authors of a book library' },
	defaultOperation: 'getAll',
	operations: [authorGetAll, authorGet],
};
