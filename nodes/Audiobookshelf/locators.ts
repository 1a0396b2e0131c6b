import { defineLocator } from '../shared/locator';
import { ITEM_ID, LIBRARY_ID } from './helpers';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const EXAMPLE_ID = 'e.g. 864a63fd-c8ef-460e-8faf-6c9e555ad566';

/** Pages of the web app (`…/library/<id>`, `…/item/<id>`) carry the id: "By URL" takes it from there. */
function pageUrl(segment: string, example: string) {
	return {
		placeholder: `e.g. https://abs.example.com/${segment}/${example}`,
		regex: `.*/${segment}/(${UUID}).*`,
		errorMessage: `Not an Audiobookshelf ${segment} URL`,
	};
}

export const libraryLocator = defineLocator({
	displayName: 'Library',
	name: 'libraryId',
	description: 'The library to use',
	searchListMethod: 'searchLibraries',
	rule: LIBRARY_ID,
	id: { placeholder: EXAMPLE_ID },
	url: pageUrl('library', '864a63fd-c8ef-460e-8faf-6c9e555ad566'),
});

export const libraryItemLocator = defineLocator({
	displayName: 'Library Item',
	name: 'libraryItemId',
	description: 'The book or podcast (library item) to use',
	searchListMethod: 'searchLibraryItems',
	rule: ITEM_ID,
	id: { placeholder: EXAMPLE_ID },
	url: pageUrl('item', '5403d36b-cfe8-44cd-a491-4dcaaba99b4f'),
});
