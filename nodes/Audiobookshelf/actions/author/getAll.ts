import type { Operation } from '../../../shared/operation';
import { PAGE_SIZE, readAuthorsPage } from '../../helpers';
import { libraryListOperation, readSort, sortCollection } from '../../listOperation';

export const authorGetAll: Operation = libraryListOperation({
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many authors',
		description:
			'List the authors of a book library with their number of books, sorted by name, last name, date added or number of books',
	},
	list: 'authors',
	pageSize: PAGE_SIZE.authors,
	read: readAuthorsPage,
	extraProperties: [
		sortCollection(
			[
				{ name: 'Added At', value: 'addedAt' },
				{ name: 'Last Name, First Name', value: 'lastFirst' },
				{ name: 'Name', value: 'name' },
				{ name: 'Number of Books', value: 'numBooks' },
				{ name: 'Updated At', value: 'updatedAt' },
			],
			'name',
		),
	],
	query: readSort,
});
