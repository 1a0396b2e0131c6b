/** The trigger's cursor arithmetic, as tables (pure functions, no server). */
import {
	above,
	advance,
	createdCursor,
	floorOf,
	isNew,
	resumePage,
	settle,
	startCursor,
	type Cursor,
} from '../../../nodes/Audiobookshelf/trigger/cursor';

const at = (ts: number, id: string) => ({ ts, id });
const cursor = (partial: Partial<Cursor> = {}): Cursor => ({
	top: { ts: 100, ids: ['a'] },
	gaps: [],
	...partial,
});

describe('above / isNew', () => {
	test.each([
		['later time', at(101, 'x'), true],
		['same time, not seen', at(100, 'x'), true],
		['same time, seen', at(100, 'a'), false],
		['earlier time', at(99, 'x'), false],
	])('%s', (_name, record, expected) => {
		expect(above({ ts: 100, ids: ['a'] }, record)).toBe(expected);
		expect(isNew(cursor(), record)).toBe(expected);
	});

	test('a strict boundary (activation) counts nothing at its own millisecond as new', () => {
		expect(above({ ts: 100, ids: [], strict: true }, at(100, 'x'))).toBe(false);
	});

	test.each([
		['inside the gap', at(55, 'x'), true],
		['at its upper bound, not emitted', at(60, 'x'), true],
		['at its upper bound, emitted', at(60, 'u'), false],
		['at its lower bound, emitted', at(50, 'l'), false],
		['at its lower bound, not emitted', at(50, 'x'), true],
		['between the gap and the top', at(80, 'x'), false],
		['below the gap', at(40, 'x'), false],
	])('gap [50, 60]: %s', (_name, record, expected) => {
		const withGap = cursor({
			gaps: [{ upper: { ts: 60, ids: ['u'] }, lower: { ts: 50, ids: ['l'] } }],
		});
		expect(isNew(withGap, record)).toBe(expected);
	});
});

test.each([
	[cursor(), 100],
	[cursor({ gaps: [{ upper: { ts: 60, ids: [] }, lower: { ts: 50, ids: [] } }] }), 50],
])('floorOf %#', (value, floor) => {
	expect(floorOf(value)).toBe(floor);
});

describe('advance', () => {
	test('complete: emits everything new, the top moves to the newest, gaps close', () => {
		const next = advance(
			cursor({ gaps: [{ upper: { ts: 60, ids: [] }, lower: { ts: 50, ids: [] } }] }),
			[at(120, 'c'), at(120, 'b'), at(100, 'a'), at(55, 'g'), at(80, 'old')],
			true,
			0,
		);
		expect([...next.emit].sort()).toEqual(['b', 'c', 'g']);
		expect(next.cursor).toEqual({ top: { ts: 120, ids: ['c', 'b'] }, gaps: [] });
	});

	test('complete with nothing newer: the top keeps its time and learns the ids at it', () => {
		const next = advance(cursor(), [at(100, 'a'), at(100, 'z')], true, 0);
		expect([...next.emit]).toEqual(['z']);
		expect(next.cursor.top).toEqual({ ts: 100, ids: ['a', 'z'] });
	});

	test('stopped at 110: emits only what is newer; [top, 110] becomes a gap', () => {
		const next = advance(cursor(), [at(130, 'c'), at(120, 'b'), at(110, 's')], false, 110);
		expect([...next.emit].sort()).toEqual(['b', 'c']);
		expect(next.cursor.top).toEqual({ ts: 130, ids: ['c'] });
		expect(next.cursor.gaps).toEqual([
			{ lower: { ts: 100, ids: ['a'] }, upper: { ts: 110, ids: [] } },
		]);
	});

	test('stopped inside an older gap: the gap shrinks to what is left', () => {
		const next = advance(
			cursor({ gaps: [{ upper: { ts: 60, ids: [] }, lower: { ts: 50, ids: [] } }] }),
			[at(58, 'g'), at(55, 's')],
			false,
			55,
		);
		expect([...next.emit]).toEqual(['g']);
		expect(next.cursor.gaps).toEqual([{ lower: { ts: 50, ids: [] }, upper: { ts: 55, ids: [] } }]);
	});
});

describe('settle', () => {
	test('an unfinished walk remembers where it stopped: the first position at the stop time', () => {
		const next = settle(
			cursor(),
			[
				{ ...at(130, 'c'), position: 0 },
				{ ...at(110, 's'), position: 7 },
				{ ...at(110, 't'), position: 5 },
			],
			false,
			110,
		);
		expect(next.cursor.resume).toEqual({ offset: 5, ts: 110 });
	});

	test('a finished walk has nothing to resume', () => {
		const next = settle(cursor(), [{ ...at(130, 'c'), position: 0 }], true, 130);
		expect(next.cursor.resume).toBeUndefined();
	});
});

test.each([
	[{ offset: 99, ts: 1 }, 0, 100, 0],
	[{ offset: 99, ts: 1 }, 1, 100, 1],
	[{ offset: 250, ts: 1 }, 200, 100, 4],
	[{ offset: 0, ts: 1 }, 0, 100, 0],
])('resumePage(%p, %i new, %i per page) = %i', (resume, newAbove, pageSize, page) => {
	expect(resumePage(resume, newAbove, pageSize)).toBe(page);
});

test.each([
	[[], { top: { ts: 0, ids: [] }, gaps: [] }],
	[[at(5, 'a'), at(9, 'b'), at(9, 'c'), at(9, 'b')], { top: { ts: 9, ids: ['b', 'c'] }, gaps: [] }],
])('startCursor %#', (records, expected) => {
	expect(startCursor(records)).toEqual(expected);
});

test('createdCursor: everything after the library was created is new', () => {
	expect(isNew(createdCursor(1000), at(1001, 'x'))).toBe(true);
	expect(isNew(createdCursor(1000), at(999, 'x'))).toBe(false);
});
