/** The retry policy as a table: what is repeated, when, and Retry-After in both of its forms. */
import { backoffMs, decideRetry, parseRetryAfter, RETRY_POLICY } from '../../nodes/shared/retry';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
	test.each([
		['delay seconds', '5', 5000],
		['zero', '0', 0],
		['fractional seconds', '1.5', 1500],
		['a number, not a string', 2, 2000],
		['surrounding spaces', ' 3 ', 3000],
		['an HTTP date 30 s ahead', 'Sun, 01 Mar 2026 12:00:30 GMT', 30_000],
		['an HTTP date in the past waits nothing', 'Sun, 01 Mar 2026 11:59:00 GMT', 0],
		['the first of repeated headers', ['4', '9'], 4000],
		['absent', undefined, undefined],
		['null', null, undefined],
		['empty', '', undefined],
		['negative', '-5', undefined],
		['garbage', 'soon', undefined],
		['a bare number with a unit', '5s', undefined],
	])('%s', (_label, value, expected) => {
		expect(parseRetryAfter(value, NOW)).toBe(expected);
	});
});

describe('decideRetry', () => {
	const settings = { maxRetries: 2, maxRetryAfterMs: 10_000, backoffBaseMs: 100 };
	const noJitter = () => 0;
	test.each([
		[
			'final failure',
			{ repeatable: undefined, attempt: 0, idempotent: true },
			{ retry: false, reason: 'final' },
		],
		[
			'always, not idempotent',
			{ repeatable: 'always', attempt: 0, idempotent: false },
			{ retry: true, waitMs: 100 },
		],
		[
			'ifIdempotent on a POST',
			{ repeatable: 'ifIdempotent', attempt: 0, idempotent: false },
			{ retry: false, reason: 'final' },
		],
		[
			'ifIdempotent on a GET, second retry',
			{ repeatable: 'ifIdempotent', attempt: 1, idempotent: true },
			{ retry: true, waitMs: 200 },
		],
		[
			'retries used up',
			{ repeatable: 'always', attempt: 2, idempotent: true },
			{ retry: false, reason: 'exhausted' },
		],
		[
			'Retry-After within the cap wins over backoff',
			{ repeatable: 'always', attempt: 0, idempotent: true, retryAfterMs: 3000 },
			{ retry: true, waitMs: 3000 },
		],
		[
			'Retry-After above the cap',
			{ repeatable: 'always', attempt: 0, idempotent: true, retryAfterMs: 10_001 },
			{ retry: false, reason: 'waitTooLong' },
		],
	] as const)('%s', (_label, question, expected) => {
		expect(decideRetry({ ...question, settings }, noJitter)).toEqual(expected);
	});

	test('backoff doubles with up to one base step of jitter, and is capped', () => {
		expect(backoffMs(0, 300, () => 0)).toBe(300);
		expect(backoffMs(2, 300, () => 0.5)).toBe(1350);
		expect(backoffMs(20, 300, () => 1)).toBe(RETRY_POLICY.maxBackoffMs);
	});

	test('the policy: rate limits and refused connections always, maybe-processed failures only when idempotent', () => {
		expect(RETRY_POLICY.statuses).toEqual({
			429: 'always',
			502: 'ifIdempotent',
			503: 'ifIdempotent',
			504: 'ifIdempotent',
		});
		expect(RETRY_POLICY.networkCodes.ECONNREFUSED).toBe('always');
		expect(RETRY_POLICY.networkCodes.ECONNRESET).toBe('ifIdempotent');
		expect(RETRY_POLICY.statuses[500]).toBeUndefined();
	});
});
