import type { Resource } from '../../../shared/operation';
import { libraryGetPersonalized } from './getPersonalized';
import { libraryGet } from './get';
import { libraryGetFilterData } from './getFilterData';
import { libraryGetAll } from './getAll';
import { libraryGetStats } from './getStats';
import { libraryScan } from './scan';

export const libraryResource: Resource = {
	option: { name: 'Library', value: 'library', description: 'Book and podcast libraries' },
	defaultOperation: 'getAll',
	operations: [
		libraryGetAll,
		libraryGet,
		libraryScan,
		libraryGetStats,
		libraryGetFilterData,
		libraryGetPersonalized,
	],
};
