import { commonErrorMessage } from '../shared/errors';
import type { ServiceProfile } from '../shared/service';

/** Speakr's answer to a change that arrived without a valid token in a header (its CSRF check). */
export const CSRF_REFUSAL = /The CSRF token is missing/i;

const HEADER_SCHEME_HINT =
	'In the credential, set Send Token As to "Authorization: Bearer Header" (or the X-API-Token / API-Token header).';

/** Speakr's differences, as data (see the Speakr section of the README). */
export const speakrProfile: ServiceProfile = {
	displayName: 'Speakr',
	credentialType: 'speakrApi',
	apiPath: '/api/v1',
	errorMessage: (body) => {
		const said = commonErrorMessage(body);
		// Speakr's CSRF check lets a change through only with a valid token in a header.
		return said && CSRF_REFUSAL.test(said)
			? `The CSRF token is missing. (Speakr accepts a change only with a valid API token in a header: the token is wrong, expired or revoked, or not sent in a header. ${HEADER_SCHEME_HINT})`
			: said;
	},
	hints: {
		403: 'The token is valid but its user may not do this (owner-only action, admin-only scope, or the Folders feature is disabled by the admin).',
		404: 'Check the ID: Speakr lists only recordings you own, and shared ones only when internal sharing is on.',
		413: 'The file is larger than the server allows (see max_size_mb in the details).',
	},
	// A bad, expired or revoked token is answered with 302 → /login?next=…, never 401.
	redirects: [
		{
			location: /\/login(\?|$|\/)/,
			status: 401,
			message: 'Speakr rejected the API token (it redirected to its login page)',
			hint: 'Check the token in the credential, its expiry, and that it was not deleted. Create a new one if needed.',
		},
	],
	// Speakr's CSRF check accepts only a header token for POST/PUT/PATCH/DELETE (observed on v0.9.4, /api/v1 too).
	readOnlyAuthSchemes: {
		query: {
			name: 'the ?token= query parameter (Speakr accepts it for reads only)',
			hint: HEADER_SCHEME_HINT,
		},
	},
	credentialCheck: { path: '/users/me', fields: ['username', 'preferences'] },
	defaultMaxPageSize: 100,
	// Pages of 100 small rows; n8n spends ~3 ms of CPU per request, so 16 in flight keep the latency hidden.
	pageConcurrency: 16,
};
