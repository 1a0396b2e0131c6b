import type { IDataObject } from 'n8n-workflow';

/**
 * Everything that differs between services, as data. The transport, the paginator and the router
 * read a profile; no shared code names a service.
 */
export interface ServiceProfile {
	/** Display name used in messages, e.g. "Speakr". */
	displayName: string;
	/** n8n credential type name, e.g. "speakrApi". */
	credentialType: string;
	/** Path appended to the credential's base URL before every request path, e.g. "/api/v1". */
	apiPath: string;
	/** Extracts the service's own error sentence from a parsed or text error body. */
	errorMessage: (body: unknown) => string | undefined;
	/** How to fix it, by HTTP status; `default` is used for other 4xx. */
	hints: Partial<Record<number | 'default', string>>;
	/**
	 * Whether a redirect answer means "not authenticated" (Speakr answers a bad token with 302 → /login).
	 * Redirects are never followed; one that is not a login redirect is reported as such.
	 */
	isLoginRedirect?: (location: string) => boolean;
	/**
	 * The credential logs in through `preAuthentication`: let n8n see a 401 so it logs in again once
	 * and retries (AutoPi's email + password mode). A function decides per credential (a credential
	 * with a login mode and a static-token mode): a static token is not retried, and its 401 body is read.
	 */
	reauthenticatesOn401?: boolean | ((credentials: BaseCredentials) => boolean);
	/**
	 * Whether an error answer means "no such route" (the server is older than the endpoint) rather than "no such
	 * record". Used with a request's `availableSince` to name the version a user needs.
	 */
	isUnknownRoute?: (status: number, body: unknown) => boolean;
	/** Page-size ceiling of the service, used when an endpoint states none. */
	defaultMaxPageSize: number;
	/**
	 * Pages fetched at once once a list's page count is known, unless the user sets Max Concurrent Pages.
	 * Sized to what one request costs the server (small pages of cheap rows: more; argon2 per request: fewer).
	 */
	pageConcurrency: number;
}

/** Values every credential of this package has. */
export interface BaseCredentials extends IDataObject {
	baseUrl: string;
	allowUnauthorizedCerts?: boolean;
}

/** Names of credential fields that hold secrets, redacted from every message and output. */
export const SECRET_CREDENTIAL_FIELDS = ['apiToken', 'password', 'sessionToken'] as const;
