import type { Resource } from '../../../shared/operation';
import { getAuthor } from './get';
import { getManyAuthors } from './getMany';

export const authorResource: Resource = {
	option: { name: 'Author', value: 'author', description: 'Authors of a book library' },
	defaultOperation: 'getAll',
	operations: [getManyAuthors, getAuthor],
};
