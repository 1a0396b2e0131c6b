import { advanceWindow, tagMatcher, type WindowCursor } from '../../../nodes/AutoPi/trigger/window';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 1, 12);
const LATE = 2 * HOUR;

describe('AutoPi Trigger cursor → advanceWindow', () => {
	test('first poll: emits nothing, remembers what is already inside the window', () => {
		const { cursor, emit } = advanceWindow(
			undefined,
			[
				{ key: 'a', time: NOW - HOUR },
				{ key: 'old', time: NOW - 3 * HOUR },
			],
			NOW,
			LATE,
		);
		expect([...emit]).toEqual([]);
		expect(cursor).toEqual({ since: NOW, seen: { a: NOW - HOUR } });
	});

	test.each<[string, WindowCursor, Array<{ key: string; time: number }>, string[]]>([
		['a new record', { since: NOW - 60_000, seen: {} }, [{ key: 'b', time: NOW - 30_000 }], ['b']],
		[
			'a record seen before is not emitted again',
			{ since: NOW - 60_000, seen: { b: NOW - 90_000 } },
			[{ key: 'b', time: NOW - 90_000 }],
			[],
		],
		[
			'a late upload stamped inside the window is emitted',
			{ since: NOW - 60_000, seen: {} },
			[{ key: 'late', time: NOW - 60_000 - LATE + 1 }],
			['late'],
		],
		[
			'a late upload stamped before the window is not',
			{ since: NOW - 60_000, seen: {} },
			[{ key: 'too-late', time: NOW - 60_000 - LATE - 1 }],
			[],
		],
		[
			'records without a readable time are ignored',
			{ since: NOW - 60_000, seen: {} },
			[{ key: 'nan', time: Number.NaN }],
			[],
		],
	])('%s', (_name, cursor, observed, expected) => {
		expect([...advanceWindow(cursor, observed, NOW, LATE).emit]).toEqual(expected);
	});

	test('seen keys older than the next window are dropped; the cursor never moves back in time', () => {
		const cursor: WindowCursor = {
			since: NOW - HOUR,
			seen: { keep: NOW - 30 * 60_000, drop: NOW - HOUR - LATE + 1 },
		};
		const next = advanceWindow(cursor, [], NOW, LATE);
		expect(next.cursor).toEqual({ since: NOW, seen: { keep: NOW - 30 * 60_000 } });
		// A clock that went back does not move the window back.
		expect(advanceWindow(next.cursor, [], NOW - HOUR, LATE).cursor.since).toBe(NOW);
	});
});

describe('AutoPi Trigger → tagMatcher (AutoPi wildcards)', () => {
	test.each<[string[], string, boolean]>([
		[[], 'anything/at/all', true],
		[['vehicle/engine/*'], 'vehicle/engine/running', true],
		[['vehicle/engine/*'], 'vehicle/battery/charging', false],
		[['vehicle/geofence/*/enter'], 'vehicle/geofence/home-base/enter', true],
		[['vehicle/geofence/*/enter'], 'vehicle/geofence/home-base/exit', false],
		[['vehicle/battery/*'], 'vehicle/battery/nominal_voltage/autodetected', true],
		[['system/power/on'], 'system/power/on', true],
		[['system/power/on'], 'system/power/one', false],
		[['a.b'], 'aXb', false],
		[[' vehicle/ignition/* ', ''], 'vehicle/ignition/off', true],
	])('%j matches %s: %s', (patterns, tag, expected) => {
		expect(tagMatcher(patterns)(tag)).toBe(expected);
	});
});
