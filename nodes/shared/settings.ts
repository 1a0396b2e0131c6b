import type { ServiceProfile } from './service';

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
