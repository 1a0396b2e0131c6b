import { commonErrorMessage } from '../shared/errors';
import type { ServiceProfile } from '../shared/service';

/** Status texts Audiobookshelf sends as the whole body (`res.sendStatus`): they add nothing to the status. */
const BARE_STATUS_TEXTS = new Set([
	'unauthorized',
	'forbidden',
	'not found',
	'bad request',
	'internal server error',
	'ok',
]);

/**
 * Audiobookshelf answers errors as plain text (`text/html` or `text/plain`, and `Unauthorized` with no content type
 * at all), never JSON, except the auth rate limit. The transport hands us the raw text; keep the sentence.
 */
export function audiobookshelfErrorMessage(body: unknown): string | undefined {
	const message = commonErrorMessage(body);
	if (!message) return undefined;
	if (BARE_STATUS_TEXTS.has(message.trim().toLowerCase())) return undefined;
	return message;
}

/** Audiobookshelf's differences, as data (see the Audiobookshelf section of the README). */
export const audiobookshelfProfile: ServiceProfile = {
	displayName: 'Audiobookshelf',
	credentialType: 'audiobookshelfApi',
	apiPath: '/api',
	errorMessage: audiobookshelfErrorMessage,
	hints: {
		401: 'API key invalid, expired, deleted or inactive (a key created with isActive false never works). An admin can check it under Settings → API Keys; create a new active key and paste it in the credential.',
		403: "The API key's user lacks permission: this needs an admin (or root) user, or access to this library (Settings → Users → library access). The key acts as the user it is assigned to.",
		404: 'Check the ID, and that the Base URL points at the right Audiobookshelf server.',
	},
	// Express answers a route it does not have with its own page: "Cannot GET /api/…" (a missing record is "Not Found").
	isUnknownRoute: (status, body) =>
		status === 404 &&
		typeof body === 'string' &&
		/Cannot (GET|POST|PUT|PATCH|DELETE) \//.test(body),
	credentialCheck: { path: '/me', fields: ['username', 'type'] },
	defaultMaxPageSize: 100,
	// Pages of 500 items: 8 at once keeps at most 4,000 items in flight (see the README's paging note).
	pageConcurrency: 8,
};
