import type { IDataObject } from 'n8n-workflow';

import { pages, type Page } from '../../shared/paginate';
import { newestItemsEndpoint } from '../endpoints';
import {
	above,
	floorOf,
	resumePage,
	settle,
	stamp,
	startCursor,
	type Cursor,
	type Placed,
} from './cursor';
import { outOfTime, type PollRun } from './run';

/** Newest-first page size of a poll: one request when nothing (or little) is new. */
const POLL_PAGE_SIZE = 100;

const addedAt = (item: IDataObject) => Number(item.addedAt ?? 0);

/** A walk's reading: what it kept, and whether it reached the floor (everything new was seen). */
class Reading {
	readonly items = new Map<string, IDataObject>();

	readonly placed = new Map<string, Placed>();

	complete = false;

	stoppedAt = Number.POSITIVE_INFINITY;

	/** Records above the cursor's top (added since the last poll). */
	newAbove = 0;

	lastIndex = -1;

	constructor(
		private readonly cursor: Cursor,
		private readonly floor: number,
	) {}

	take(page: Page): void {
		this.lastIndex = page.index;
		for (const [offset, item] of page.items.entries()) {
			const record = stamp(item, 'addedAt');
			if (record.ts < this.floor) {
				this.complete = true;
				return;
			}
			if (!this.items.has(record.id) && above(this.cursor.top, record)) this.newAbove++;
			this.items.set(record.id, item);
			if (!this.placed.has(record.id))
				this.placed.set(record.id, { ...record, position: page.index * POLL_PAGE_SIZE + offset });
			this.stoppedAt = Math.min(this.stoppedAt, record.ts);
		}
	}
}

/**
 * New Item Added, one library: newest first until the cursor's floor, the end of the list, or the budget. A poll
 * that ran out of time leaves a gap; the next one reads what is new at the top, then jumps to where the gap starts
 * instead of re-reading pages it emitted. Page numbers only grow within a poll, so every poll ends after at most
 * one walk through the list (and the paginator's guards stop a server that repeats pages).
 */
export async function pollNewItems(
	run: PollRun,
	libraryId: string,
	cursor: Cursor,
): Promise<{ cursor: Cursor; items: IDataObject[] }> {
	const endpoint = newestItemsEndpoint(libraryId);
	const reading = new Reading(cursor, floorOf(cursor));
	const resume = cursor.resume;

	// 1. The top: what was added since the last poll.
	let ended = true;
	let reachedEmitted = false;
	for await (const page of pages(run.client, endpoint, { pageSize: POLL_PAGE_SIZE })) {
		reading.take(page);
		if (reading.complete) break;
		reachedEmitted =
			resume !== undefined && page.items.some((item) => !above(cursor.top, stamp(item, 'addedAt')));
		if (reachedEmitted || outOfTime(run)) {
			ended = false;
			break;
		}
	}

	// 2. A gap left by an earlier poll: jump to where that poll stopped, or read on if the jump lands too deep.
	if (reachedEmitted && resume) {
		const next = reading.lastIndex + 1;
		const jump = Math.max(next, resumePage(resume, reading.newAbove, POLL_PAGE_SIZE));
		ended = await walkGap(run, endpoint, reading, resume, jump, jump > next);
		if (!ended && !reading.complete && reading.lastIndex < jump) {
			// Records above were deleted since: the jump passed where the gap starts. Read on from step 1's end.
			ended = await walkGap(run, endpoint, reading, resume, next, false);
		}
	}
	if (ended) reading.complete = true;

	const read = [...reading.placed.values()];
	const next = settle(cursor, read, reading.complete, reading.stoppedAt);
	const items = [...reading.items.values()]
		.filter((item) => next.emit.has(String(item.id)))
		.sort((a, b) => addedAt(a) - addedAt(b));
	return { cursor: next.cursor, items };
}

/**
 * Reads the gap from page `start` on. Returns whether the list ended. With `checkLanding`, a first page that starts
 * below where the last poll stopped ends the walk at once (nothing taken), for the caller to read on from higher up.
 * The budget stops it only once past where the last poll stopped, so every poll makes progress.
 */
async function walkGap(
	run: PollRun,
	endpoint: ReturnType<typeof newestItemsEndpoint>,
	reading: Reading,
	resume: NonNullable<Cursor['resume']>,
	start: number,
	checkLanding: boolean,
): Promise<boolean> {
	for await (const page of pages(run.client, endpoint, {
		pageSize: POLL_PAGE_SIZE,
		startIndex: start,
	})) {
		if (checkLanding && page.index === start && page.items.length > 0) {
			if (addedAt(page.items[0]) < resume.ts) return false;
		}
		reading.take(page);
		if (reading.complete) return false;
		if (outOfTime(run) && reading.stoppedAt < resume.ts) return false;
	}
	return true;
}

/** Cursor at activation: the newest item (and its millisecond's companions) already existed. */
export async function startItemCursor(run: PollRun, libraryId: string): Promise<Cursor> {
	for await (const page of pages(run.client, newestItemsEndpoint(libraryId), {
		pageSize: POLL_PAGE_SIZE,
	})) {
		return startCursor(page.items.map((item) => stamp(item, 'addedAt')));
	}
	return startCursor([]);
}

/** Manual run: the newest item over the given libraries (one request each, one item per request). */
export async function newestItem(
	run: PollRun,
	libraryIds: string[],
): Promise<IDataObject | undefined> {
	let newest: IDataObject | undefined;
	for (const libraryId of libraryIds) {
		for await (const page of pages(run.client, newestItemsEndpoint(libraryId), { pageSize: 1 })) {
			const item = page.items[0];
			if (item && (!newest || addedAt(item) > addedAt(newest))) newest = item;
			break;
		}
	}
	return newest;
}
