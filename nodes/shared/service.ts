import type { IDataObject } from 'n8n-workflow';

/**
 * Everything that differs between services, as data. The transport, the paginator and the router
 * read a profile; no shared code names a service.
 */
export interface ServiceProfile {
	/** Display name used in messages. */
	displayName: string;
	/** n8n credential type name. */
	credentialType: string;
	/** Path appended to the credential's base URL before every request path, e.g. "/api/v1". */
	apiPath: string;
	/** Extracts the service's own error sentence from a parsed or text error body. */
	errorMessage: (body: unknown) => string | undefined;
	/** How to fix it, by HTTP status; `default` is used for other 4xx. */
	hints: Partial<Record<number | 'default', string>>;
	/**
	 * Redirects that are the service's way of saying something (a bad token answered with 302 → /login; a missing
	 * setup answered with 302 → a settings page): the first rule whose `location` matches the Location header
	 * decides the error. Other redirects are followed only below the Base URL, or reported as redirects.
	 */
	redirects?: RedirectRule[];
	/**
	 * Credential token schemes (`authScheme` values) the service accepts for reads only: any other method is
	 * refused before it is sent, with this name and hint.
	 */
	readOnlyAuthSchemes?: Partial<Record<string, { name: string; hint: string }>>;
	/**
	 * The credential logs in through `preAuthentication`: let n8n see a 401 so it logs in again once
	 * and retries (a sign-in mode with a session token). A function decides per credential (a credential
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
	/** Which credential fields are secrets and which must reach the server as typed. Default: one API token. */
	credential?: CredentialRules;
	/**
	 * What the credential Test asks: the service's "current user" path (below `apiPath`) and fields every answer of
	 * the service has there, so a 200 from another app at the Base URL fails the Test.
	 */
	credentialCheck: { path: string; fields: readonly string[] };
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

/** What the transport checks and redacts in a service's credential. */
export interface CredentialRules {
	/**
	 * Fields holding secrets, redacted from everything a run produces. Read again after every request, so a
	 * session token a sign-in step stores in the credential is redacted too.
	 */
	secretFields: readonly string[];
	/** Fields sent in a header or the URL, which must reach the server exactly as typed, with their label. */
	verbatimFields: (credentials: BaseCredentials) => Array<{ field: string; label: string }>;
}

/** A credential with one API token sent in a header or the query. */
export const API_TOKEN_CREDENTIAL: CredentialRules = {
	secretFields: ['apiToken'],
	verbatimFields: () => [{ field: 'apiToken', label: 'API token' }],
};

/** Values every credential of this package has. */
export interface BaseCredentials extends IDataObject {
	baseUrl: string;
	allowUnauthorizedCerts?: boolean;
}
