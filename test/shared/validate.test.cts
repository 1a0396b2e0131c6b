/**
 * Bad input is refused before any request: pure checks of validate.ts, then the same through a real node run
 * (values coming from expressions bypass the fields' own min/max).
 */
import type { INode } from 'n8n-workflow';

import { toIsoUtc, toWholeNumber } from '../../nodes/shared/validate';
import { startFakeSpeakr, type FakeSpeakr } from '../fakes/speakr.cjs';
import { runSpeakr } from '../Speakr/helpers.cjs';

const node = { name: 'Node', type: 'test', typeVersion: 1, parameters: {} } as unknown as INode;

describe('toIsoUtc', () => {
	test.each([
		['2026-01-31', '2026-01-31T00:00:00.000Z'],
		['2026-01-31T08:00:00Z', '2026-01-31T08:00:00.000Z'],
		['2026-01-31T08:00Z', '2026-01-31T08:00:00.000Z'],
		['2026-01-31T08:00:00.123+02:00', '2026-01-31T06:00:00.123Z'],
		['2024-02-29T23:59:59Z', '2024-02-29T23:59:59.000Z'],
		['  2026-01-31  ', '2026-01-31T00:00:00.000Z'],
	])('%s → %s', (raw, iso) => {
		expect(toIsoUtc(node, raw, 'Date')).toBe(iso);
	});

	test('a Date and an n8n (Luxon) DateTime are read as the instant they hold', () => {
		expect(toIsoUtc(node, new Date(Date.UTC(2026, 0, 2)), 'Date')).toBe('2026-01-02T00:00:00.000Z');
		const luxonLike = { isValid: true, toISO: () => '2026-01-02T03:04:05.000+01:00' };
		expect(toIsoUtc(node, luxonLike, 'Date')).toBe('2026-01-02T02:04:05.000Z');
	});

	test('empty means no date', () => {
		for (const empty of [undefined, null, ''])
			expect(toIsoUtc(node, empty, 'Date')).toBeUndefined();
	});

	test.each([
		'2026-02-30', // JavaScript rolls it over to 2026-03-02
		'2025-02-29',
		'2026-13-01',
		'2026-04-31T10:00:00Z',
		'2026-01-31T24:00:00Z',
		'2026-01-31T08:60:00Z',
		'1', // JavaScript reads it as 2001-01-01
		'12',
		'2026',
		'tomorrow',
		'Jan 5 2026',
		'2026-01-31T08:00:00+0100',
	])('%s is refused with the field name and an example', (raw) => {
		expect(() => toIsoUtc(node, raw, 'Created After', 3)).toThrow(
			`Created After "${raw}" is not a valid date`,
		);
	});

	test('numbers and invalid DateTimes are refused', () => {
		expect(() => toIsoUtc(node, 1, 'Date')).toThrow('is not a valid date');
		expect(() => toIsoUtc(node, { isValid: false, toISO: () => null }, 'Date')).toThrow(
			'is not a valid date',
		);
	});
});

describe('toWholeNumber', () => {
	test.each([
		[25, 25],
		['25', 25],
		[' 7 ', 7],
		[1, 1],
	])('%p → %p', (raw, value) => {
		expect(toWholeNumber(node, raw, 'Limit', { min: 1 })).toBe(value);
	});

	test.each([NaN, 'abc', '', '2.5', 2.5, 0, -1, Infinity, null, undefined, {}, '1e400'])(
		'%p is refused',
		(raw) => {
			expect(() => toWholeNumber(node, raw, 'Limit', { min: 1 }, 0)).toThrow(
				/^Limit .* is not valid$/,
			);
		},
	);

	test('the upper bound is enforced and named', () => {
		expect(() => toWholeNumber(node, 11, 'Max Retries', { min: 0, max: 10 })).toThrow(
			expect.objectContaining({ description: 'Use a whole number from 0 to 10.' }),
		);
	});
});

describe('through a node run: refused before any request', () => {
	let speakr: FakeSpeakr;
	beforeAll(async () => {
		speakr = await startFakeSpeakr({ recordings: 5 });
	});
	afterAll(async () => await speakr.close());
	beforeEach(() => speakr.resetStats());

	const getMany = { resource: 'recording', operation: 'getAll', returnAll: false };

	test.each(['={{ NaN }}', '={{ "abc" }}', '={{ 2.5 }}', '={{ 0 }}'])('Limit %s', async (limit) => {
		const result = await runSpeakr(speakr, { ...getMany, limit });
		expect(result.error?.message).toMatch(/^Limit .* is not valid \[item 0\]$/);
		expect(speakr.stats.requests).toBe(0);
	});

	test.each(['2026-02-30', '1'])('Created After %s', async (dateFrom) => {
		const result = await runSpeakr(speakr, { ...getMany, limit: 5, filters: { dateFrom } });
		expect(result.error?.message).toBe(`Created After "${dateFrom}" is not a valid date [item 0]`);
		expect(speakr.stats.requests).toBe(0);
	});

	test.each([
		[{ timeout: 0 }, /Timeout \(Ms\) 0 is not valid/],
		[{ timeout: '={{ "abc" }}' }, /Timeout \(Ms\) "abc" is not valid/],
		[{ maxRetries: 1000 }, /Max Retries 1000 is not valid/],
		[{ concurrency: 100000 }, /Max Concurrent Pages 100000 is not valid/],
		[{ maxRetryAfterSeconds: -1 }, /Max Retry-After Wait \(Seconds\) -1 is not valid/],
	])('Request Options %p', async (requestOptions, message) => {
		const result = await runSpeakr(speakr, { ...getMany, limit: 5, requestOptions });
		expect(result.error?.message).toMatch(message);
		expect(speakr.stats.requests).toBe(0);
	});

	test('bad Request Options fail only their item under Continue On Fail', async () => {
		const result = await runSpeakr(
			speakr,
			{ ...getMany, limit: 1, requestOptions: { timeout: 0 } },
			{ continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0]?.json.error).toMatch(/Timeout \(Ms\) 0 is not valid/);
		expect(speakr.stats.requests).toBe(0);
	});
});
