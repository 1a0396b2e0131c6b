import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IAdditionalCredentialOptions,
	type IAllExecuteFunctions,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
} from 'n8n-workflow';

import { apiError, bodyExcerpt, type ApiFailure } from './errors';
import type { BaseCredentials, ServiceProfile } from './service';
import { SECRET_CREDENTIAL_FIELDS } from './service';
import { assertCleanSecret, normalizeBaseUrl } from './validate';

export type ResponseKind = 'json' | 'text' | 'binary';

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
	/** Follow same-origin redirects of a GET (never cross-origin: credentials would leak). Default true. */
	followSameOriginRedirects?: boolean;
	/**
	 * A GET's redirect to another origin: `refuse` (default) ends in an error; `followWithoutCredential` follows it
	 * with a plain request that carries no credential, no headers of ours and not our query (a presigned
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

export interface RequestSettings {
	/** Per-request timeout. */
	timeoutMs: number;
	/** Retries after the first attempt for retryable failures. */
	maxRetries: number;
	/** Pages fetched at once once the page count is known. */
	concurrency: number;
	/** Longest Retry-After the node waits; longer asks end in an error instead of a stalled workflow. */
	maxRetryAfterMs: number;
	/** First backoff step; doubled each retry, with jitter. */
	backoffBaseMs: number;
}

export const DEFAULT_REQUEST_SETTINGS: RequestSettings = {
	timeoutMs: 30_000,
	maxRetries: 3,
	concurrency: 8,
	maxRetryAfterMs: 60_000,
	backoffBaseMs: 300,
};

/** Settings used when the user set none: the defaults, with the service's own page concurrency. */
export function defaultRequestSettings(profile: ServiceProfile): RequestSettings {
	return { ...DEFAULT_REQUEST_SETTINGS, concurrency: profile.pageConcurrency };
}

const RETRYABLE_STATUSES = new Set([502, 503, 504]);
const NETWORK_CODES_NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const NETWORK_CODES_MAYBE_SENT = new Set([
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
]);
const MAX_SAME_ORIGIN_REDIRECTS = 3;
// Plain words: n8n rewrites messages that contain raw codes such as ECONNRESET into its own generic text.
const NETWORK_REASONS: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be resolved',
	ECONNRESET: 'the connection was dropped',
	EPIPE: 'the connection was dropped',
	UND_ERR_SOCKET: 'the connection was dropped',
};
/** Messages of a connection cut mid-answer when no error code survives the wrapping. */
const DROPPED_CONNECTION =
	/stream has been aborted|socket hang up|premature close|aborted|ECONNRESET/i;

function isEmptyJsonObject(body: unknown): boolean {
	return (
		typeof body === 'object' &&
		body !== null &&
		Object.getPrototypeOf(body) === Object.prototype &&
		Object.keys(body).length === 0
	);
}

/**
 * n8n's request helper drops an empty object body (no body, no Content-Type), but servers that read the body with
 * Flask's get_json() refuse a POST without one: an empty object is sent as the JSON text `{}`.
 */
function jsonBodyOptions(request: ApiRequest): Pick<IHttpRequestOptions, 'body'> {
	if (request.body === undefined) return {};
	if (isEmptyJsonObject(request.body)) return { body: '{}' };
	return { body: request.body as IHttpRequestOptions['body'] };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface AttemptOutcome {
	response?: IN8nHttpFullResponse;
	/** A failure that may succeed when tried again. */
	retryable?: ApiFailure & { retryAfterMs?: number };
}

/**
 * The one request layer of the package: every operation of every node calls a ServiceClient.
 * It resolves the base URL, lets the credential authenticate (httpRequestWithAuthentication),
 * never follows redirects blindly, retries what is safe to retry, and maps failures to NodeApiError
 * without ever including a secret.
 */
export class ServiceClient {
	private credentials?: BaseCredentials;

	private secrets: string[] = [];

	private baseUrl = '';

	constructor(
		readonly context: IAllExecuteFunctions,
		readonly profile: ServiceProfile,
		readonly itemIndex?: number,
		readonly settings: RequestSettings = defaultRequestSettings(profile),
	) {}

	get node() {
		return this.context.getNode();
	}

	/** Loads and checks the credential once per client: base URL and secrets are validated before any request. */
	async prepare(): Promise<void> {
		if (this.credentials) return;
		const credentials = (await this.context.getCredentials(
			this.profile.credentialType,
			this.itemIndex,
		)) as BaseCredentials;
		this.baseUrl = normalizeBaseUrl(this.node, credentials.baseUrl, this.itemIndex);
		const usesLogin = credentials.authType === 'emailPassword';
		if (usesLogin) {
			assertCleanSecret(this.node, credentials.email, 'email', this.itemIndex);
		} else {
			assertCleanSecret(this.node, credentials.apiToken, 'API token', this.itemIndex);
		}
		this.secrets = SECRET_CREDENTIAL_FIELDS.map((field) => credentials[field]).filter(
			(value): value is string => typeof value === 'string' && value.length > 0,
		);
		this.credentials = credentials;
	}

	/** Absolute URL of a path below the service's API root. */
	url(path: string): string {
		return `${this.baseUrl}${this.profile.apiPath}${path.startsWith('/') ? path : `/${path}`}`;
	}

	/** Secrets of the loaded credential, for redacting texts that did not come from this client. */
	secretsForRedaction(): readonly string[] {
		return this.secrets;
	}

	/** Builds an error for this client's item, with secrets redacted. */
	error(failure: ApiFailure): NodeApiError {
		return apiError(this.node, this.profile, failure, this.secrets, this.itemIndex);
	}

	/** Returns only the body. */
	async request<T = IDataObject>(request: ApiRequest): Promise<T> {
		const response = await this.send<T>(request);
		return response.body;
	}

	/** Returns status, headers and parsed body. Statuses in `passStatuses` come back instead of raising. */
	async send<T = unknown>(request: ApiRequest): Promise<ApiResponse<T>> {
		await this.prepare();
		const method = request.method;
		const idempotent =
			request.idempotent ?? ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'].includes(method);
		this.assertSchemeCanSend(method, `${method} ${this.profile.apiPath}${request.path}`);
		let url = this.url(request.path);
		let label = `${method} ${this.profile.apiPath}${request.path}`;
		let redirects = 0;
		// Once a redirect has left the server, every further request is sent without the credential.
		let credentialFree = false;

		for (let attempt = 0; ; attempt++) {
			this.throwIfCancelled();
			const outcome = await this.attempt(request, url, label, idempotent, credentialFree);
			if (outcome.response) {
				const response = outcome.response;
				const status = response.statusCode;
				if (status >= 300 && status < 400) {
					const next = this.redirectTarget(response, url, label, request, credentialFree);
					if (next && redirects < MAX_SAME_ORIGIN_REDIRECTS) {
						redirects++;
						if (next.crossOrigin && !credentialFree) {
							credentialFree = true;
							label = `${label} → ${new URL(next.url).origin}`;
						}
						url = next.url;
						attempt--;
						continue;
					}
					throw this.error({
						status,
						message: `${this.profile.displayName} answered with too many redirects`,
						request: label,
					});
				}
				if (status >= 200 && status < 300) {
					const parsed = this.parseSuccess(response, request, label, idempotent);
					if ('retryable' in parsed) {
						if (attempt < this.settings.maxRetries) {
							await this.backoff(attempt);
							continue;
						}
						throw this.error(parsed.retryable);
					}
					return { status, headers: response.headers as IDataObject, body: parsed.body as T };
				}
				if (request.passStatuses?.includes(status)) {
					return {
						status,
						headers: response.headers as IDataObject,
						body: this.parseLoose(response) as T,
					};
				}
				const retry = this.retryableStatus(response, idempotent, label);
				if (retry && attempt < this.settings.maxRetries) {
					await this.wait(retry.retryAfterMs, attempt);
					continue;
				}
				if (
					request.availableSince &&
					this.profile.isUnknownRoute?.(status, this.parseLoose(response))
				) {
					throw this.error({
						status,
						message: `${this.profile.displayName} does not know ${label}: this needs ${this.profile.displayName} ${request.availableSince} or later`,
						hint: `Update ${this.profile.displayName} to ${request.availableSince} or later; older servers do not have this operation.`,
						request: label,
					});
				}
				throw this.error(this.statusFailure(response, label));
			}
			const failure = outcome.retryable!;
			if (attempt < this.settings.maxRetries) {
				await this.wait(failure.retryAfterMs, attempt);
				continue;
			}
			throw this.error(failure);
		}
	}

	private async attempt(
		request: ApiRequest,
		url: string,
		label: string,
		idempotent: boolean,
		credentialFree = false,
	): Promise<AttemptOutcome> {
		const expect = request.expect ?? 'json';
		const accept = expect === 'json' ? 'application/json' : '*/*';
		const options: IHttpRequestOptions = {
			method: request.method,
			url,
			qs: credentialFree ? undefined : request.qs,
			...(credentialFree ? {} : jsonBodyOptions(request)),
			headers: credentialFree
				? { Accept: accept }
				: {
						Accept: accept,
						...(isEmptyJsonObject(request.body) ? { 'Content-Type': 'application/json' } : {}),
						...request.headers,
					},
			encoding: expect === 'binary' ? 'arraybuffer' : 'text',
			returnFullResponse: true,
			// n8n re-runs a credential's login on a thrown 401: let 401 through for login-based credentials.
			ignoreHttpStatusErrors: this.reauthenticatesOn401() ? { ignore: true, except: [401] } : true,
			disableFollowRedirect: true,
			skipSslCertificateValidation: this.credentials?.allowUnauthorizedCerts === true,
			timeout: this.settings.timeoutMs,
		};
		if (options.qs && Object.keys(options.qs).length === 0) delete options.qs;
		try {
			const response = (
				credentialFree
					? await this.context.helpers.httpRequest({ ...options, ignoreHttpStatusErrors: true })
					: await this.context.helpers.httpRequestWithAuthentication.call(
							this.context,
							this.profile.credentialType,
							options,
							this.credentialOptions(),
						)
			) as IN8nHttpFullResponse;
			return { response };
		} catch (error) {
			if (this.isCancelled()) throw this.cancelledError();
			const status = httpStatusOf(error);
			if (status === 401) {
				throw this.error({
					status,
					message: `${this.profile.displayName} rejected the credential (401 Unauthorized)`,
					request: label,
				});
			}
			if (status !== undefined && status >= 400) {
				// Error statuses of our own request are never thrown here: this one came from the credential's
				// sign-in step. (A 2xx here is a connection cut mid-body, handled below.)
				const serviceMessage = this.profile.errorMessage(httpBodyOf(error));
				if (status === 429 || RETRYABLE_STATUSES.has(status)) {
					// Busy or unavailable, not a refusal: our request was never sent, and the next attempt signs in again.
					const retryAfterMs =
						status === 429 ? parseRetryAfter(httpHeaderOf(error, 'retry-after')) : undefined;
					if (retryAfterMs !== undefined && retryAfterMs > this.settings.maxRetryAfterMs) {
						throw this.error({
							status,
							message: `${this.profile.displayName} is rate limiting its sign-in and asked to wait ${Math.ceil(retryAfterMs / 1000)} s, longer than the ${Math.round(this.settings.maxRetryAfterMs / 1000)} s the node waits`,
							request: label,
						});
					}
					return {
						retryable: {
							status,
							message: `${this.profile.displayName} could not sign in: its sign-in answered ${status} ${STATUS_TEXT[status] ?? 'Error'}`,
							hint: 'The server is busy or unavailable; the sign-in details were not refused. Try again later, or raise Max Retries in Request Options.',
							request: label,
							retryAfterMs,
						},
					};
				}
				throw this.error({
					status,
					message: `${this.profile.displayName} refused the sign-in (${status} ${STATUS_TEXT[status] ?? 'Error'})${serviceMessage ? `: ${truncate(serviceMessage, 160)}` : ''}`,
					hint: this.profile.hints[401] ?? 'Check the sign-in details in the credential.',
					request: label,
				});
			}
			const code =
				networkCodeOf(error) ??
				(DROPPED_CONNECTION.test(messageOf(error)) ? 'ECONNRESET' : undefined);
			if (code === 'CERT') {
				throw this.error({
					message: `The TLS certificate of ${this.profile.displayName} could not be verified`,
					hint: 'For a self-signed certificate, turn on "Ignore SSL Issues (Insecure)" in the credential.',
					request: label,
				});
			}
			const timedOut =
				code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(messageOf(error));
			const failure: ApiFailure = timedOut
				? {
						message: `${this.profile.displayName} did not answer within ${this.settings.timeoutMs} ms`,
						hint: 'Check that the server is reachable, or raise Timeout in Request Options.',
						request: label,
					}
				: {
						message: `Could not reach ${this.profile.displayName}: ${NETWORK_REASONS[code ?? ''] ?? 'network error'}`,
						hint: `Check the Base URL in the credential and that the server is running and reachable from n8n${code ? ` (network code ${code})` : ''}.`,
						request: label,
					};
			const neverSent = code !== undefined && NETWORK_CODES_NEVER_SENT.has(code);
			const maybeSent = timedOut || (code !== undefined && NETWORK_CODES_MAYBE_SENT.has(code));
			if (neverSent || (maybeSent && idempotent)) return { retryable: failure };
			throw this.error(failure);
		}
	}

	/**
	 * The credential this client already loaded, handed to httpRequestWithAuthentication so that n8n does not read
	 * and decrypt it from its database again for every request (a few ms each: most of n8n's cost per page). The
	 * credential's preAuthentication still runs on it and refreshes a session token in place, as before.
	 */
	private credentialOptions(): IAdditionalCredentialOptions | undefined {
		if (!this.credentials) return undefined;
		const details = this.node.credentials?.[this.profile.credentialType];
		return {
			credentialsDecrypted: {
				id: details?.id ?? '',
				name: details?.name ?? this.profile.credentialType,
				type: this.profile.credentialType,
				data: this.credentials as unknown as ICredentialDataDecryptedObject,
			},
		};
	}

	/** A change the credential's token scheme cannot make is refused before it is sent (profile data). */
	private assertSchemeCanSend(method: string, label: string): void {
		if (SAFE_METHODS.has(method.toUpperCase())) return;
		const scheme = this.credentials?.authScheme;
		const readOnly =
			typeof scheme === 'string' ? this.profile.readOnlyAuthSchemes?.[scheme] : undefined;
		if (!readOnly) return;
		throw this.error({
			message: `${this.profile.displayName} refuses changes (${method}) when the token is sent as ${readOnly.name}, so nothing was sent`,
			hint: readOnly.hint,
			request: label,
		});
	}

	private reauthenticatesOn401(): boolean {
		const rule = this.profile.reauthenticatesOn401;
		if (typeof rule === 'function') return this.credentials !== undefined && rule(this.credentials);
		return rule === true;
	}

	private redirectTarget(
		response: IN8nHttpFullResponse,
		url: string,
		label: string,
		request: ApiRequest,
		credentialFree: boolean,
	): { url: string; crossOrigin: boolean } | undefined {
		const location = String(response.headers.location ?? '');
		const known =
			location && !credentialFree
				? this.profile.redirects?.find((rule) => rule.location.test(location))
				: undefined;
		if (known) {
			throw this.error({
				status: known.status ?? response.statusCode,
				message: known.message,
				hint: known.hint,
				request: label,
			});
		}
		let target: URL | undefined;
		try {
			target = new URL(location, url);
		} catch {
			target = undefined;
		}
		const sameOrigin = target !== undefined && target.origin === new URL(url).origin;
		if (sameOrigin && request.method === 'GET' && request.followSameOriginRedirects !== false) {
			return { url: target!.toString(), crossOrigin: false };
		}
		const web = target !== undefined && /^https?:$/.test(target.protocol);
		if (
			web &&
			request.method === 'GET' &&
			(credentialFree || request.crossOriginRedirects === 'followWithoutCredential')
		) {
			return { url: target!.toString(), crossOrigin: true };
		}
		throw this.error({
			status: response.statusCode,
			message: `${this.profile.displayName} redirected the request to ${target ? `${target.origin}${target.pathname}` : 'another address'} instead of answering`,
			hint: sameOrigin
				? 'Check the Base URL (sub-path, trailing path) in the credential.'
				: 'The redirect leaves the server, so it was not followed (the credential is never sent to another origin). Check the Base URL: http vs https, host name, or a proxy login page.',
			request: label,
		});
	}

	private parseSuccess(
		response: IN8nHttpFullResponse,
		request: ApiRequest,
		label: string,
		idempotent: boolean,
	): { body: unknown } | { retryable: ApiFailure } {
		const expect = request.expect ?? 'json';
		if (expect === 'binary') return { body: toBuffer(response.body) };
		const text = toText(response.body);
		if (expect === 'text') return { body: text };
		if (response.statusCode === 204 || text.trim() === '') {
			if (response.statusCode === 204 || request.method !== 'GET') return { body: undefined };
			const failure = {
				status: response.statusCode,
				message: `${this.profile.displayName} returned an empty body where JSON was expected`,
				request: label,
			};
			if (idempotent) return { retryable: failure };
			throw this.error(failure);
		}
		const contentType = String(response.headers['content-type'] ?? '');
		try {
			return { body: JSON.parse(text) };
		} catch {
			if (/html/i.test(contentType) || /^\s*</.test(text)) {
				throw this.error({
					status: response.statusCode,
					message: `${this.profile.displayName} returned an HTML page where JSON was expected`,
					hint: 'The Base URL probably points at a web page or a proxy login instead of the API. Check it in the credential.',
					serviceMessage: bodyExcerpt(text, 120),
					request: label,
				});
			}
			// Plain "OK" of status-only endpoints.
			if (/^[A-Za-z ]{1,40}$/.test(text.trim())) return { body: { message: text.trim() } };
			const failure = {
				status: response.statusCode,
				message: `${this.profile.displayName} returned malformed JSON`,
				serviceMessage: bodyExcerpt(text, 120),
				request: label,
			};
			if (idempotent) return { retryable: failure };
			throw this.error(failure);
		}
	}

	private parseLoose(response: IN8nHttpFullResponse): unknown {
		const text = toText(response.body);
		if (!text) return undefined;
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}

	private statusFailure(response: IN8nHttpFullResponse, label: string): ApiFailure {
		const status = response.statusCode;
		const body = this.parseLoose(response);
		const serviceMessage = this.profile.errorMessage(body);
		const reason = STATUS_TEXT[status] ?? 'Error';
		return {
			status,
			message: `${this.profile.displayName} answered ${status} ${reason}${serviceMessage ? `: ${truncate(serviceMessage, 160)}` : ''}`,
			serviceMessage: serviceMessage && serviceMessage.length > 160 ? serviceMessage : undefined,
			request: label,
		};
	}

	private retryableStatus(
		response: IN8nHttpFullResponse,
		idempotent: boolean,
		label: string,
	): { retryAfterMs?: number } | undefined {
		const status = response.statusCode;
		if (status === 429) {
			const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
			if (retryAfterMs !== undefined && retryAfterMs > this.settings.maxRetryAfterMs) {
				throw this.error({
					status,
					message: `${this.profile.displayName} is rate limiting and asked to wait ${Math.ceil(retryAfterMs / 1000)} s, longer than the ${Math.round(this.settings.maxRetryAfterMs / 1000)} s the node waits`,
					request: label,
				});
			}
			return { retryAfterMs };
		}
		if (RETRYABLE_STATUSES.has(status) && idempotent) return {};
		return undefined;
	}

	private async wait(retryAfterMs: number | undefined, attempt: number): Promise<void> {
		if (retryAfterMs !== undefined) {
			await this.pause(retryAfterMs);
			return;
		}
		await this.backoff(attempt);
	}

	private async backoff(attempt: number): Promise<void> {
		const exponential = this.settings.backoffBaseMs * 2 ** attempt;
		const jitter = Math.random() * this.settings.backoffBaseMs;
		await this.pause(Math.min(exponential + jitter, 10_000));
	}

	/** Sleeps in short steps so a cancelled execution stops waiting promptly. */
	private async pause(ms: number): Promise<void> {
		const step = 100;
		for (let waited = 0; waited < ms; waited += step) {
			this.throwIfCancelled();
			await sleep(Math.min(step, ms - waited));
		}
		this.throwIfCancelled();
	}

	isCancelled(): boolean {
		const context = this.context as { getExecutionCancelSignal?: () => AbortSignal | undefined };
		return context.getExecutionCancelSignal?.()?.aborted === true;
	}

	throwIfCancelled(): void {
		if (this.isCancelled()) throw this.cancelledError();
	}

	private cancelledError() {
		return new NodeOperationError(this.node, 'The execution was cancelled', {
			itemIndex: this.itemIndex,
		});
	}
}

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	409: 'Conflict',
	413: 'Payload Too Large',
	422: 'Unprocessable Entity',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

function truncate(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

function toText(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
	return JSON.stringify(body);
}

function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	return Buffer.from(JSON.stringify(body ?? ''), 'utf8');
}

/** Retry-After as seconds or an HTTP date. */
export function parseRetryAfter(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - Date.now());
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Walks an error's cause chain for an HTTP status. */
function httpStatusOf(error: unknown): number | undefined {
	let current: unknown = error;
	for (let depth = 0; current && depth < 5; depth++) {
		const record = current as {
			httpCode?: unknown;
			response?: { status?: unknown };
			status?: unknown;
			cause?: unknown;
		};
		const candidate = record.response?.status ?? record.httpCode;
		if (candidate !== undefined && candidate !== null && /^\d{3}$/.test(String(candidate)))
			return Number(candidate);
		current = record.cause;
	}
	return undefined;
}

/** Walks an error's cause chain for the body of an HTTP error answer. */
function httpBodyOf(error: unknown): unknown {
	let current: unknown = error;
	for (let depth = 0; current && depth < 5; depth++) {
		const record = current as { response?: { data?: unknown; body?: unknown }; cause?: unknown };
		const body = record.response?.data ?? record.response?.body;
		if (body !== undefined && body !== null && body !== '')
			return typeof body === 'string' ? parseMaybeJson(body) : body;
		current = record.cause;
	}
	return undefined;
}

/** Walks an error's cause chain for a header of an HTTP error answer. */
function httpHeaderOf(error: unknown, name: string): unknown {
	let current: unknown = error;
	for (let depth = 0; current && depth < 5; depth++) {
		const record = current as { response?: { headers?: Record<string, unknown> }; cause?: unknown };
		const headers = record.response?.headers;
		if (headers && typeof headers === 'object') {
			const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
			if (key !== undefined) return headers[key];
		}
		current = record.cause;
	}
	return undefined;
}

function parseMaybeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** Walks an error's cause chain for a Node network error code; "CERT" for TLS verification failures. */
function networkCodeOf(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; current && depth < 6; depth++) {
		const record = current as { code?: unknown; cause?: unknown; message?: unknown };
		const code = typeof record.code === 'string' ? record.code : undefined;
		if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/.test(code)) return 'CERT';
		if (code && code !== 'ERR_BAD_RESPONSE' && code !== 'ERR_BAD_REQUEST') return code;
		if (typeof record.message === 'string' && /self[- ]signed|certificate/i.test(record.message))
			return 'CERT';
		current = record.cause;
	}
	return undefined;
}
