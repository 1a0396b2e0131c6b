/**
 * The AutoPi Trigger's cursor: a sliding time window. AutoPi devices buffer data while offline and upload it later,
 * so a record can appear with a timestamp older than the last poll. Every poll reads the records stamped inside
 * `[since - lateWindow, now]` and remembers the keys it has seen there; a record is new when its key was not seen.
 * Nothing inside the window is emitted twice or missed; a record uploaded later than the window is not emitted.
 */
export interface WindowCursor {
	/** Epoch ms of the last successful poll (n8n's clock). */
	since: number;
	/** Key → record time (epoch ms) of every record seen inside the current window. */
	seen: Record<string, number>;
}

export interface Observed {
	key: string;
	/** Epoch ms of the record (trip start, event or alert time). */
	time: number;
}

/** Oldest record time a poll must read. */
export function windowStart(cursor: WindowCursor, lateWindowMs: number): number {
	return cursor.since - lateWindowMs;
}

/**
 * Cursor after a successful read of the window. The first poll (no cursor) only records what already exists;
 * later polls emit the keys inside the window that were not seen before.
 */
export function advanceWindow(
	cursor: WindowCursor | undefined,
	observed: readonly Observed[],
	now: number,
	lateWindowMs: number,
): { cursor: WindowCursor; emit: Set<string> } {
	const since = Math.max(cursor?.since ?? now, now);
	const from = cursor ? windowStart(cursor, lateWindowMs) : now - lateWindowMs;
	const inWindow = observed.filter((record) => Number.isFinite(record.time) && record.time >= from);
	const emit = new Set(
		cursor ? inWindow.filter((record) => !(record.key in cursor.seen)).map((r) => r.key) : [],
	);
	const keepFrom = since - lateWindowMs;
	const seen: Record<string, number> = {};
	for (const [key, time] of Object.entries(cursor?.seen ?? {}))
		if (time >= keepFrom) seen[key] = time;
	for (const record of inWindow) if (record.time >= keepFrom) seen[record.key] = record.time;
	return { cursor: { since, seen }, emit };
}

/** AutoPi's tag wildcards (fnmatch): `*` matches any run of characters, `/` included. */
export function tagMatcher(patterns: readonly string[]): (tag: string) => boolean {
	const cleaned = patterns.map((pattern) => pattern.trim()).filter(Boolean);
	if (cleaned.length === 0) return () => true;
	const expressions = cleaned.map(
		(pattern) =>
			new RegExp(
				`^${pattern
					.split('*')
					.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
					.join('.*')}$`,
			),
	);
	return (tag) => expressions.some((expression) => expression.test(tag));
}
