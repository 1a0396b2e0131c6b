import { commonErrorMessage } from '../shared/errors';
import type { ServiceProfile } from '../shared/service';

/** Lowest group each operation needs, as told in 401 hints and the README. */
export const GROUP_NEEDS =
	'Any user: search, suggestions, recommendations, create/list/delete own requests, list/update own manual requests, Get Current user. ' +
	'Trusted: Start Auto-Download. Admin: users, Mark Downloaded, Get Sources, Download Source, manual-request Delete/Mark Downloaded, and the trigger (notifications).';

/** AudioBookRequest's differences, as data (see the AudioBookRequest section of the README). */
export const audioBookRequestProfile: ServiceProfile = {
	displayName: 'AudioBookRequest',
	credentialType: 'audioBookRequestApi',
	apiPath: '/api',
	// FastAPI: {"detail": "…"} or a 422 list, flattened to "loc: msg"; a 500 is plain text.
	errorMessage: commonErrorMessage,
	hints: {
		401: `The API key is invalid or deleted, OR its user's group is too low for this operation (AudioBookRequest answers 401 for both). ${GROUP_NEEDS}`,
		403: `The user may not change this record (only its owner or an admin may). ${GROUP_NEEDS}`,
		404: 'Check the ASIN, ID or username. If AudioBookRequest said "Not Found" (no other detail), the path does not exist: check the Base URL in the credential (include the sub-path if ABR runs under one, without /api).',
		409: 'The record already exists (for a request: this user already requested the book).',
		422: 'AudioBookRequest rejected the values sent; see the field names in the message.',
		500: 'AudioBookRequest failed while handling the request (its answer is shown above). Check its logs.',
	},
	defaultMaxPageSize: 100,
	// Every request costs the server an argon2 key check (hundreds of ms): few at once.
	pageConcurrency: 2,
};
