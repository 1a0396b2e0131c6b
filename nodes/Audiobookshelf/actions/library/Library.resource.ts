import type { Resource } from '../../../shared/operation';
import { getLibrary } from './get';
import { getLibraryFilterData } from './getFilterData';
import { getManyLibraries } from './getMany';
import { getLibraryStats } from './getStats';
import { scanLibrary } from './scan';

export const libraryResource: Resource = {
	option: { name: 'Library', value: 'library', description: 'Book and podcast libraries' },
	defaultOperation: 'getAll',
	operations: [getManyLibraries, getLibrary, scanLibrary, getLibraryStats, getLibraryFilterData],
};
