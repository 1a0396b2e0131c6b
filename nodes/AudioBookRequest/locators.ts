import { defineLocator, type LocatorSpec } from '../shared/locator';
import { UUID_ID, type IdRule } from '../shared/validate';

const ASIN_SOURCE = '[A-Za-z0-9]{10}';

/** An Audible ASIN: 10 letters or digits (e.g. B002V1OF70). AudioBookRequest stores them upper case. */
export const ASIN_ID: IdRule = {
	label: 'Book ASIN',
	pattern: new RegExp(`^${ASIN_SOURCE}$`),
	expected: 'an ASIN: 10 letters or digits, e.g. B002V1OF70 (the last part of an Audible book URL)',
	canonical: (value) => value.toUpperCase(),
};

const AUDIBLE_URL_REGEX = `^https?://(?:www\\.)?audible\\.[a-z.]+/pd/(?:[^/?#]+/)?(${ASIN_SOURCE})(?:[/?#].*)?$`;

const audibleUrl: LocatorSpec['url'] = {
	displayName: 'By Audible URL',
	placeholder: 'e.g. https://www.audible.com/pd/Dune-Audiobook/B002V1OF70',
	regex: AUDIBLE_URL_REGEX,
	errorMessage: 'Not an Audible book URL (…/pd/<title>/<ASIN>)',
};

/** Book picker: requested books or catalogue search in "From List", an ASIN, or an Audible URL. */
export const bookLocator = defineLocator({
	displayName: 'Book',
	name: 'asin',
	description: 'The book',
	searchListMethod: 'searchCatalog',
	listPlaceholder: 'Select a book…',
	rule: ASIN_ID,
	id: { displayName: 'By ASIN', placeholder: 'e.g. B002V1OF70' },
	url: audibleUrl,
});

/** A book that was requested: the picker lists the requests. */
export const requestedBookLocator = defineLocator({
	...bookLocator.spec,
	description: 'The requested book, by its ASIN',
	searchListMethod: 'searchRequestedBooks',
});

/** Requests of books entered by hand have a UUID where other requests have an ASIN. */
export const bookOrManualRequestLocator = defineLocator({
	...requestedBookLocator.spec,
	description: 'The requested book (ASIN) or manual request (UUID)',
	displayName: 'Book (ASIN or Manual Request ID)',
	rule: {
		...ASIN_ID,
		pattern: new RegExp(`^(?:${ASIN_SOURCE}|${UUID_ID.pattern!.source.slice(1, -1)})$`),
		expected: `${ASIN_ID.expected}, or the UUID of a manual request`,
		canonical: (value) =>
			UUID_ID.pattern!.test(value) ? value.toLowerCase() : value.toUpperCase(),
	},
	id: { displayName: 'By ASIN or ID', placeholder: 'e.g. B002V1OF70 or a manual request UUID' },
});

export const manualRequestLocator = defineLocator({
	displayName: 'Manual Request',
	name: 'manualRequestId',
	description:
		'The manual request (a book entered by hand in AudioBookRequest, identified by a UUID)',
	searchListMethod: 'searchManualRequests',
	listPlaceholder: 'Select a manual request…',
	rule: { label: 'Manual Request ID', ...UUID_ID },
	id: { placeholder: 'e.g. 3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f' },
});

/** Usernames are path segments: any text up to 100 characters without a character that changes the URL. */
export const userLocator = defineLocator({
	displayName: 'User',
	name: 'username',
	description: 'The AudioBookRequest user',
	searchListMethod: 'searchUsers',
	listPlaceholder: 'Select a user…',
	rule: {
		label: 'Username',
		// Printable characters except / \ ? # (a control character would split the request line).
		pattern: /^[ -"$-.0->@-[\]-~\u00A0-\uFFFF]{1,100}$/,
		expected: 'at most 100 characters, without /, \\, ?, # or control characters',
	},
	id: { displayName: 'By Username', placeholder: 'e.g. alice' },
});
