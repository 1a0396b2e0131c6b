import { commonErrorMessage } from '../shared/errors';
import type { ServiceProfile } from '../shared/service';

/** AutoPi's differences, as data (see the AutoPi section of the README). */
export const autoPiProfile: ServiceProfile = {
	displayName: 'AutoPi',
	credentialType: 'autoPiApi',
	// Paths start at the host root and always end in "/" (Django would redirect only GETs).
	apiPath: '',
	// Django REST Framework: {"detail": "…"}, {"field": ["…"]} or {"non_field_errors": ["…"]}.
	errorMessage: commonErrorMessage,
	hints: {
		400: 'AutoPi rejected a value (see the field named in the details). Check IDs, field names and dates.',
		401: 'Check the credential: an API token must be valid, not expired and not deleted (Account → API Tokens in the AutoPi Cloud); with email and password, check both — accounts with two-factor login (MFA) cannot use this mode, use an API token instead.',
		403: 'The credential is valid but its user may not access this device, vehicle or feature.',
		404: 'Check the ID: device endpoints take the device ID (primary key), not the unit ID; AutoPi also answers 404 for things your account cannot see. For a dedicated environment, check the Base URL.',
		405: 'This AutoPi environment does not offer this action. Check the Base URL.',
	},
	// Email + password: a refused session token (401) makes n8n log in again once and retry.
	// An API token has no refresh: its 401 is reported at once, with AutoPi's reason.
	reauthenticatesOn401: (credentials) => credentials.authType === 'emailPassword',
	// The session token a sign-in stores in the credential is a secret too, and each new one after a re-login.
	credential: {
		secretFields: ['apiToken', 'password', 'sessionToken'],
		// Email and password travel in the sign-in's JSON body, where any character is fine; the session token is
		// the server's own.
		verbatimFields: (credentials) =>
			credentials.authType === 'emailPassword' ? [] : [{ field: 'apiToken', label: 'API token' }],
	},
	credentialCheck: { path: '/auth/user/', fields: ['email'] },
	defaultMaxPageSize: 500,
	// A cloud API with undocumented rate limits: a few at once.
	pageConcurrency: 4,
};
