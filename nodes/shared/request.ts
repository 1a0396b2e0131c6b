import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { requestBodyOptions, type ResponseKind } from './body';
import type { RequestSettings } from './settings';

/** One call of an operation to its service, as the transport takes it. */
export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path below the profile's apiPath, starting with "/". */
	path: string;
	qs?: IDataObject;
	body?: unknown;
	headers?: IDataObject;
	/** What a successful body must be. Default "json". */
	expect?: ResponseKind;
	/**
	 * Whether sending the request twice is harmless. Defaults to true for GET/HEAD/PUT/DELETE and false
	 * for POST/PATCH: those are retried only on 429 and refused connections, where the server never acted.
	 */
	idempotent?: boolean;
	/** Statuses handed back to the caller instead of raising (e.g. 404 in a webhook's checkExists). */
	passStatuses?: number[];
	/** Follow redirects of a GET that stay below the credential's Base URL (never elsewhere). Default true. */
	followSameOriginRedirects?: boolean;
	/**
	 * A GET's redirect that leaves the Base URL: `refuse` (default) ends in an error; `followWithoutCredential` follows
	 * it with a plain request that carries no credential, no headers of ours and not our query (a presigned
	 * object-storage link signs its own query). For downloads a server hands off to object storage.
	 */
	crossOriginRedirects?: 'refuse' | 'followWithoutCredential';
	/**
	 * Server version that introduced this endpoint (e.g. "2.7.0"). When the server answers as if the route did not
	 * exist (`profile.isUnknownRoute`), the error names the version to update to instead of a bare 404.
	 */
	availableSince?: string;
}

export interface ApiResponse<T = unknown> {
	status: number;
	headers: IDataObject;
	body: T;
}

/** How one attempt is sent: the n8n request options for `url`. */
export function httpOptions(
	request: ApiRequest,
	url: string,
	how: {
		settings: RequestSettings;
		allowUnauthorizedCerts: boolean;
		/** n8n re-runs a credential's login on a thrown 401: let 401 through for login-based credentials. */
		reauthenticatesOn401: boolean;
		/** Off the server: only the target's own URL (a presigned link signs its query), nothing of ours. */
		withoutCredential: boolean;
	},
): IHttpRequestOptions {
	const expect = request.expect ?? 'json';
	const accept = expect === 'json' ? 'application/json' : '*/*';
	const { body, headers } = requestBodyOptions(request.body);
	const off = how.withoutCredential;
	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		qs: off ? undefined : request.qs,
		...(body === undefined || off ? {} : { body }),
		headers: off ? { Accept: accept } : { Accept: accept, ...headers, ...request.headers },
		encoding: expect === 'binary' ? 'arraybuffer' : 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: how.reauthenticatesOn401 ? { ignore: true, except: [401] } : true,
		disableFollowRedirect: true,
		skipSslCertificateValidation: how.allowUnauthorizedCerts,
		timeout: how.settings.timeoutMs,
	};
	if (options.qs && Object.keys(options.qs).length === 0) delete options.qs;
	return options;
}
