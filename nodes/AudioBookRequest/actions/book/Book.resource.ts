import type { Resource } from '../../../shared/operation';
import { bookGetSuggestions } from './getSuggestions';
import { bookSearch } from './search';

export const bookResource: Resource = {
	option: {
		name: 'Book',
		value: 'book',
		description: 'Audiobooks of the Audible catalogue, found through AudioBookRequest',
	},
	defaultOperation: 'search',
	operations: [bookSearch, bookGetSuggestions],
};
