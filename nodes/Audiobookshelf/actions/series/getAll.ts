import type { Operation } from '../../../shared/operation';
import { PAGE_SIZE } from '../../helpers';
import { libraryListOperation, readSort, sortCollection } from '../../listOperation';

export const seriesGetAll: Operation = libraryListOperation({
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many series',
		description:
			'List the series of a book library with their books, sorted by name, number of books, date added or duration',
	},
	list: 'series',
	pageSize: PAGE_SIZE.series,
	extraProperties: [
		sortCollection(
			[
				{ name: 'Added At', value: 'addedAt' },
				{ name: 'Last Book Added', value: 'lastBookAdded' },
				{ name: 'Last Book Updated', value: 'lastBookUpdated' },
				{ name: 'Name', value: 'name' },
				{ name: 'Number of Books', value: 'numBooks' },
				{ name: 'Total Duration', value: 'totalDuration' },
			],
			'name',
		),
	],
	query: readSort,
});
