import type { ApiFailure } from './errors';
import { cut } from './redact';
import { parseRetryAfter, RETRY_POLICY, type Repeatable } from './retry';
import type { ServiceProfile } from './service';

export const STATUS_TEXT: Record<number, string> = {
	200: 'OK',
	201: 'Created',
	202: 'Accepted',
	204: 'No Content',
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	409: 'Conflict',
	413: 'Payload Too Large',
	415: 'Unsupported Media Type',
	422: 'Unprocessable Entity',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

export function statusLine(status: number): string {
	return `${status} ${STATUS_TEXT[status] ?? 'Error'}`;
}

// Plain words: n8n rewrites messages that contain raw codes such as ECONNRESET into its own generic text.
const NETWORK_REASONS: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be resolved',
	ECONNRESET: 'the connection was dropped',
	EPIPE: 'the connection was dropped',
	UND_ERR_SOCKET: 'the connection was dropped',
	EPROTO: 'the TLS handshake failed (is the server speaking http, not https, on that port?)',
	ERR_SSL_WRONG_VERSION_NUMBER:
		'the TLS handshake failed (is the server speaking http, not https, on that port?)',
};
/** Messages of a connection cut mid-answer when no error code survives the wrapping. */
const DROPPED_CONNECTION =
	/stream has been aborted|socket hang up|premature close|aborted|ECONNRESET/i;
const CERT_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/;

/** One link of an error's cause chain, as the HTTP libraries under n8n shape it. */
interface ErrorLink {
	code?: unknown;
	message?: unknown;
	httpCode?: unknown;
	response?: { status?: unknown; data?: unknown; body?: unknown; headers?: unknown };
	cause?: unknown;
}

/** Walks an error and its causes (a few links deep) and returns the first thing `pick` finds. */
export function findInCauses<T>(
	error: unknown,
	pick: (link: ErrorLink) => T | undefined,
): T | undefined {
	let current: unknown = error;
	for (let depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
		const found = pick(current as ErrorLink);
		if (found !== undefined) return found;
		current = (current as ErrorLink).cause;
	}
	return undefined;
}

export function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** What a thrown request error was, read once from its cause chain. */
export type ThrownFailure =
	| { kind: 'http'; status: number; body: unknown; retryAfter: unknown }
	| { kind: 'cert' }
	| { kind: 'timeout' }
	| { kind: 'network'; code?: string };

export function classifyThrown(error: unknown): ThrownFailure {
	const status = findInCauses(error, (link) => {
		const candidate = link.response?.status ?? link.httpCode;
		return candidate !== undefined && candidate !== null && /^\d{3}$/.test(String(candidate))
			? Number(candidate)
			: undefined;
	});
	// A 2xx "error" is a connection cut mid-body: a network failure, not an answer.
	if (status !== undefined && status >= 400) {
		const body = findInCauses(error, (link) => {
			const value = link.response?.data ?? link.response?.body;
			return value === undefined || value === null || value === '' ? undefined : value;
		});
		const retryAfter = findInCauses(error, (link) => {
			const headers = link.response?.headers;
			if (!headers || typeof headers !== 'object') return undefined;
			const key = Object.keys(headers).find((name) => name.toLowerCase() === 'retry-after');
			return key === undefined ? undefined : (headers as Record<string, unknown>)[key];
		});
		return { kind: 'http', status, body, retryAfter };
	}
	const code =
		findInCauses(error, (link) => {
			const value = typeof link.code === 'string' ? link.code : undefined;
			if (value && CERT_CODE.test(value)) return 'CERT';
			if (value && value !== 'ERR_BAD_RESPONSE' && value !== 'ERR_BAD_REQUEST') return value;
			if (typeof link.message === 'string' && /self[- ]signed|certificate/i.test(link.message))
				return 'CERT';
			return undefined;
		}) ?? (DROPPED_CONNECTION.test(messageOf(error)) ? 'ECONNRESET' : undefined);
	if (code === 'CERT') return { kind: 'cert' };
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(messageOf(error))) {
		return { kind: 'timeout' };
	}
	return { kind: 'network', code };
}

export interface ThrownContext {
	profile: Pick<ServiceProfile, 'displayName' | 'hints' | 'errorMessage'>;
	/** Method and path shown to the user. */
	request: string;
	timeoutMs: number;
}

/** A failure the user reads, and whether the retry policy may send the request again. */
export interface ClassifiedFailure {
	failure: ApiFailure;
	repeatable?: Repeatable;
	retryAfterMs?: number;
	/** The failure came from the credential's sign-in step, not from our request. */
	signIn?: boolean;
}

/**
 * The sentence for a thrown request error. Error statuses of our own request are answers (never thrown) except a
 * 401 n8n uses to sign in again; any other thrown status came from the credential's sign-in step. `thrown.body`
 * must already be redacted.
 */
export function describeThrown(thrown: ThrownFailure, context: ThrownContext): ClassifiedFailure {
	const { profile, request } = context;
	const name = profile.displayName;
	if (thrown.kind === 'http') {
		const { status } = thrown;
		if (status === 401) {
			return {
				failure: { status, message: `${name} rejected the credential (401 Unauthorized)`, request },
			};
		}
		const repeatable = RETRY_POLICY.statuses[status];
		if (repeatable) {
			// Busy or unavailable, not a refusal: our request was never sent, and the next attempt signs in again.
			return {
				signIn: true,
				repeatable: 'always',
				retryAfterMs: status === 429 ? parseRetryAfter(thrown.retryAfter) : undefined,
				failure: {
					status,
					message: `${name} could not sign in: its sign-in answered ${statusLine(status)}`,
					hint: 'The server is busy or unavailable; the sign-in details were not refused. Try again later, or raise Max Retries in Request Options.',
					request,
				},
			};
		}
		const said = profile.errorMessage(thrown.body);
		return {
			failure: {
				status,
				message: `${name} refused the sign-in (${statusLine(status)})${said ? `: ${cut(said, 160)}` : ''}`,
				hint: profile.hints[401] ?? 'Check the sign-in details in the credential.',
				request,
			},
		};
	}
	if (thrown.kind === 'cert') {
		return {
			failure: {
				message: `The TLS certificate of ${name} could not be verified`,
				hint: 'For a self-signed certificate, turn on "Ignore SSL Issues (Insecure)" in the credential.',
				request,
			},
		};
	}
	if (thrown.kind === 'timeout') {
		return {
			repeatable: RETRY_POLICY.timeout,
			failure: {
				message: `${name} did not answer within ${context.timeoutMs} ms`,
				hint: 'Check that the server is reachable, or raise Timeout in Request Options.',
				request,
			},
		};
	}
	const code = thrown.code;
	return {
		repeatable: code === undefined ? undefined : RETRY_POLICY.networkCodes[code],
		failure: {
			message: `Could not reach ${name}: ${NETWORK_REASONS[code ?? ''] ?? 'network error'}`,
			hint: `Check the Base URL in the credential and that the server is running and reachable from n8n${code ? ` (network code ${code})` : ''}.`,
			request,
		},
	};
}

/**
 * The failure of an error status answered to our request; `body` is the parsed answer, already redacted. `baseUrl`
 * and `apiPath` (the credential's and the profile's) let a 404 name a Base URL that already ends in the API path.
 */
export function describeStatus(
	status: number,
	body: unknown,
	retryAfter: unknown,
	context: Omit<ThrownContext, 'timeoutMs'> & { baseUrl?: string; apiPath?: string },
): ClassifiedFailure {
	const said = context.profile.errorMessage(body);
	return {
		repeatable: RETRY_POLICY.statuses[status],
		retryAfterMs: status === 429 ? parseRetryAfter(retryAfter) : undefined,
		failure: {
			status,
			message: `${context.profile.displayName} answered ${statusLine(status)}${said ? `: ${cut(said, 160)}` : ''}`,
			serviceMessage: said && said.length > 160 ? said : undefined,
			hint: status === 404 ? apiPathInBaseUrlHint(context.baseUrl, context.apiPath) : undefined,
			request: context.request,
		},
	};
}

/** When the Base URL already ends in /api (or the whole API path), every path is wrong: say so instead of "check the ID". */
export function apiPathInBaseUrlHint(
	baseUrl: string | undefined,
	apiPath: string | undefined,
): string | undefined {
	if (!baseUrl || !apiPath) return undefined;
	const path = new URL(baseUrl).pathname.replace(/\/+$/, '').toLowerCase();
	const suffix = [apiPath.toLowerCase(), '/api'].find((end) => path.endsWith(end));
	if (!suffix) return undefined;
	return `The Base URL in the credential ends in ${suffix}, which the node adds itself: remove ${suffix} from the Base URL (keep any sub-path the server runs under).`;
}

/** A server asked for a longer wait than the user allows: fail now rather than stall the workflow. */
export function waitTooLong(
	failed: ClassifiedFailure,
	maxRetryAfterMs: number,
	context: Omit<ThrownContext, 'timeoutMs'>,
): ApiFailure {
	const waitS = Math.ceil((failed.retryAfterMs ?? 0) / 1000);
	const capS = Math.round(maxRetryAfterMs / 1000);
	return {
		status: failed.failure.status,
		message: `${context.profile.displayName} is rate limiting${failed.signIn ? ' its sign-in' : ''} and asked to wait ${waitS} s, longer than the ${capS} s the node waits`,
		request: context.request,
	};
}
