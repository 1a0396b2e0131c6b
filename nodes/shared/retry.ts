import type { RequestSettings } from './settings';

/**
 * When a failed request may be sent again. `always`: the server cannot have acted (a refused connection, a rate
 * limit, a sign-in step that never reached our request). `ifIdempotent`: it may have acted, so only requests that
 * are harmless to repeat are repeated.
 */
export type Repeatable = 'always' | 'ifIdempotent';

/** The retry policy, as data. Anything not listed is final. */
export const RETRY_POLICY = {
	statuses: {
		429: 'always',
		502: 'ifIdempotent',
		503: 'ifIdempotent',
		504: 'ifIdempotent',
	} as Record<number, Repeatable>,
	networkCodes: {
		ECONNREFUSED: 'always',
		ENOTFOUND: 'always',
		EAI_AGAIN: 'always',
		ECONNRESET: 'ifIdempotent',
		EPIPE: 'ifIdempotent',
		ETIMEDOUT: 'ifIdempotent',
		ECONNABORTED: 'ifIdempotent',
		ERR_SOCKET_CONNECTION_TIMEOUT: 'ifIdempotent',
		UND_ERR_SOCKET: 'ifIdempotent',
	} as Record<string, Repeatable>,
	/** No answer within the timeout. */
	timeout: 'ifIdempotent' as Repeatable,
	/** A 2xx whose body was cut or garbled (empty where JSON was due, malformed JSON). */
	garbledBody: 'ifIdempotent' as Repeatable,
	/** Longest backoff step, whatever the attempt. */
	maxBackoffMs: 10_000,
};

export const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

export interface RetryQuestion {
	repeatable?: Repeatable;
	/** Wait the server asked for (Retry-After), if any. */
	retryAfterMs?: number;
	/** Attempts made so far, minus one (0 after the first). */
	attempt: number;
	idempotent: boolean;
	settings: Pick<RequestSettings, 'maxRetries' | 'maxRetryAfterMs' | 'backoffBaseMs'>;
}

export type RetryDecision =
	| { retry: true; waitMs: number }
	| { retry: false; reason: 'final' | 'exhausted' | 'waitTooLong' };

/** The one place that decides whether, and after how long, a failed request is sent again. */
export function decideRetry(question: RetryQuestion, random = Math.random): RetryDecision {
	const { repeatable, retryAfterMs, attempt, idempotent, settings } = question;
	if (repeatable === undefined || (repeatable === 'ifIdempotent' && !idempotent)) {
		return { retry: false, reason: 'final' };
	}
	if (retryAfterMs !== undefined && retryAfterMs > settings.maxRetryAfterMs) {
		return { retry: false, reason: 'waitTooLong' };
	}
	if (attempt >= settings.maxRetries) return { retry: false, reason: 'exhausted' };
	return {
		retry: true,
		waitMs: retryAfterMs ?? backoffMs(attempt, settings.backoffBaseMs, random),
	};
}

/** Exponential backoff with jitter: base, 2×base, 4×base … plus up to one base at random, capped. */
export function backoffMs(attempt: number, baseMs: number, random = Math.random): number {
	return Math.min(baseMs * 2 ** attempt + random() * baseMs, RETRY_POLICY.maxBackoffMs);
}

/** Retry-After as delay seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(Array.isArray(value) ? value[0] : value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	if (!/[a-z]/i.test(text)) return undefined;
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}
