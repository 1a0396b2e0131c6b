import { commonErrorMessage } from '../shared/errors';
import type { ServiceProfile } from '../shared/service';

/** Speakr's differences, as data (see the Speakr section of the README). */
export const speakrProfile: ServiceProfile = {
	displayName: 'Speakr',
	credentialType: 'speakrApi',
	apiPath: '/api/v1',
	errorMessage: commonErrorMessage,
	hints: {
		403: 'The token is valid but its user may not do this (owner-only action, admin-only scope, or the Folders feature is disabled by the admin).',
		404: 'Check the ID: Speakr lists only recordings you own, and shared ones only when internal sharing is on.',
		413: 'The file is larger than the server allows (see max_size_mb in the details).',
	},
	// A bad, expired or revoked token is answered with 302 → /login?next=…, never 401.
	isLoginRedirect: (location) => /\/login(\?|$|\/)/.test(location),
	defaultMaxPageSize: 100,
	// Pages of 100 small rows; n8n spends ~3 ms of CPU per request, so 16 in flight keep the latency hidden.
	pageConcurrency: 16,
};
