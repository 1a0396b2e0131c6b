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
	 * Redirects that are the service's way of saying something (Speakr answers a bad token with 302 → /login;
	 * AudioBookRequest answers a missing Prowlarr setup with 302 → /settings/invalid…): the first rule whose
	 * `location` matches the Location header decides the error. Other redirects are reported as redirects.
	 */
	redirects?: RedirectRule[];
	/**
	 * Credential token schemes (`authScheme` values) the service accepts for reads only: any other method is
	 * refused before it is sent, with this name and hint.
	 */
	readOnlyAuthSchemes?: Partial<Record<string, { name: string; hint: string }>>;
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

export interface RedirectRule {
	/** Matched against the Location header as sent. */
	location: RegExp;
	/** Status reported in the error; default: the redirect's own. */
	status?: number;
	/** What happened, in one sentence. */
	message: string;
	/** How to fix it. */
	hint: string;
}

/** Values every credential of this package has. */
export interface BaseCredentials extends IDataObject {
	baseUrl: string;
	allowUnauthorizedCerts?: boolean;
}

/** Names of credential fields that hold secrets, redacted from every message and output. */
export const SECRET_CREDENTIAL_FIELDS = ['apiToken', 'password', 'sessionToken'] as const;
