/**
 * Poll cursors over epoch-ms timestamps. A boundary keeps the ids already emitted at its timestamp, so items sharing
 * a millisecond are neither missed nor emitted twice. A gap is a range a budget-limited poll left for later.
 */
export interface Boundary {
	ts: number;
	ids: string[];
	/** Set at activation: everything at `ts` already existed, only later timestamps are new. */
	strict?: boolean;
}

export interface Gap {
	/** Inclusive: records at `upper.ts` not in `upper.ids` belong to the gap. */
	upper: Boundary;
	/** Exclusive: records at `lower.ts` in `lower.ids` were emitted already. */
	lower: Boundary;
}

export interface Cursor {
	top: Boundary;
	gaps: Gap[];
	/**
	 * After a budget-limited read: how many records were newer than where it stopped (`ts`), so the next poll can jump
	 * to that depth instead of re-reading emitted pages.
	 */
	resume?: { offset: number; ts: number };
}

export interface Stamped {
	id: string;
	ts: number;
}

export function above(boundary: Boundary, record: Stamped): boolean {
	if (record.ts > boundary.ts) return true;
	return record.ts === boundary.ts && !boundary.strict && !boundary.ids.includes(record.id);
}

function inGap(gap: Gap, record: Stamped): boolean {
	const belowUpper =
		record.ts < gap.upper.ts || (record.ts === gap.upper.ts && !gap.upper.ids.includes(record.id));
	return belowUpper && above(gap.lower, record);
}

/** Whether a record was not emitted yet. */
export function isNew(cursor: Cursor, record: Stamped): boolean {
	return above(cursor.top, record) || cursor.gaps.some((gap) => inGap(gap, record));
}

/** Oldest timestamp a newest-first read must reach before everything new has been seen. */
export function floorOf(cursor: Cursor): number {
	return Math.min(cursor.top.ts, ...cursor.gaps.map((gap) => gap.lower.ts));
}

/** Moves the top boundary up to the newest of `read` (all records read at the timestamps above the old top). */
function raiseTop(top: Boundary, read: Stamped[]): Boundary {
	const newest = read.reduce((max, record) => Math.max(max, record.ts), top.ts);
	if (newest === top.ts) {
		const ids = new Set(top.ids);
		for (const record of read) if (record.ts === newest) ids.add(record.id);
		return { ts: top.ts, ids: [...ids], ...(top.strict ? { strict: true } : {}) };
	}
	return {
		ts: newest,
		ids: [...new Set(read.filter((record) => record.ts === newest).map((record) => record.id))],
	};
}

/**
 * Cursor after a newest-first read. `complete`: the read reached the floor (or the end of the list), so everything new
 * was seen and is emitted. Otherwise the read stopped (poll budget) at timestamp `stoppedAt`: only records strictly
 * newer than it are emitted; the rest becomes a gap for the next poll.
 */
export function advance(
	cursor: Cursor,
	read: Stamped[],
	complete: boolean,
	stoppedAt: number,
): { cursor: Cursor; emit: Set<string> } {
	const fresh = read.filter((record) => isNew(cursor, record));
	if (complete) {
		return {
			cursor: { top: raiseTop(cursor.top, read), gaps: [] },
			emit: new Set(fresh.map((record) => record.id)),
		};
	}
	const emitted = fresh.filter((record) => record.ts > stoppedAt);
	const settled = read.filter((record) => record.ts > stoppedAt);
	const gaps: Gap[] = [];
	for (const gap of cursor.gaps) {
		if (gap.lower.ts > stoppedAt) continue; // read through entirely
		gaps.push(
			gap.upper.ts > stoppedAt ? { lower: gap.lower, upper: { ts: stoppedAt, ids: [] } } : gap,
		);
	}
	if (stoppedAt >= cursor.top.ts)
		gaps.push({ lower: cursor.top, upper: { ts: stoppedAt, ids: [] } });
	const top = settled.length > 0 ? raiseTop(cursor.top, settled) : cursor.top;
	return { cursor: { top, gaps }, emit: new Set(emitted.map((record) => record.id)) };
}

/** A record's id and its time field (epoch ms) as the cursor compares them. */
export function stamp(record: { id?: unknown; [key: string]: unknown }, field: string): Stamped {
	return { id: String(record.id), ts: Number(record[field] ?? 0) };
}

/** The cursor at activation: everything up to the newest record already existed. */
export function startCursor(existing: Stamped[]): Cursor {
	const newest = existing.reduce((max, record) => Math.max(max, record.ts), 0);
	const ids = existing.filter((record) => record.ts === newest).map((record) => record.id);
	return { top: { ts: newest, ids: [...new Set(ids)] }, gaps: [] };
}

/** A library created after activation: everything added to it since its creation is new. */
export function createdCursor(createdAt: number): Cursor {
	return { top: { ts: createdAt, ids: [] }, gaps: [] };
}

/** A record read by a newest-first walk, with its position (0-based) from the top of the list. */
export interface Placed extends Stamped {
	position: number;
}

/**
 * Cursor after a newest-first walk (see `advance`), plus where an unfinished walk stopped: the position of the first
 * record at the timestamp it stopped at, so the next poll can jump there.
 */
export function settle(
	cursor: Cursor,
	read: Placed[],
	complete: boolean,
	stoppedAt: number,
): { cursor: Cursor; emit: Set<string> } {
	const next = advance(cursor, read, complete, stoppedAt);
	if (complete) return next;
	const atStop = read.filter((record) => record.ts === stoppedAt).map((record) => record.position);
	const offset = atStop.length > 0 ? Math.min(...atStop) : 0;
	return { ...next, cursor: { ...next.cursor, resume: { offset, ts: stoppedAt } } };
}

/**
 * Page where the last unfinished walk stopped: `newAbove` records were added above the old top since then, so
 * that record moved down by as many places (deleted records move it up: the caller checks where it landed).
 */
export function resumePage(
	resume: NonNullable<Cursor['resume']>,
	newAbove: number,
	pageSize: number,
): number {
	return Math.floor((resume.offset + newAbove) / pageSize);
}
