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
	redirects: [
		{
			// main.py's ProwlarrMisconfigured handler, e.g. for Start Auto-Download without a Prowlarr setup.
			location: /\/settings\/invalid\?(.*&)?prowlarr_misconfigured=true/,
			message:
				'AudioBookRequest cannot search for sources: Prowlarr is not configured in AudioBookRequest',
			hint: 'An AudioBookRequest admin must set the Prowlarr base URL and API key under Settings → Prowlarr (AudioBookRequest answered with a redirect to its "invalid settings" page).',
		},
		{
			// Before the first user exists every page redirects to the setup page.
			location: /\/init(\?|$)/,
			message: 'AudioBookRequest is not set up yet (it redirected to its first-run page /init)',
			hint: 'Open AudioBookRequest in a browser, create the first admin user, then create an API key under Settings → Account.',
		},
	],
	credentialCheck: { path: '/users/me', fields: ['username', 'group'] },
	defaultMaxPageSize: 100,
	// Every request costs the server an argon2 key check (hundreds of ms): few at once.
	pageConcurrency: 2,
};
