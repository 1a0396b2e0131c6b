import type { Resource } from '../../../shared/operation';
import { getSuggestions } from './getSuggestions';
import { searchBooks } from './search';

export const bookResource: Resource = {
	option: {
		name: 'Book',
		value: 'book',
		description: 'Audiobooks of the Audible catalogue, found through AudioBookRequest',
	},
	defaultOperation: 'search',
	operations: [searchBooks, getSuggestions],
};
