import type { IDataObject } from 'n8n-workflow';

import { readAllProgress } from '../endpoints';
import { simplifyItem } from '../helpers';
import { advance, stamp, startCursor, type Cursor } from './cursor';
import type { PollRun } from './run';

const finishedAt = (record: IDataObject) => Number(record.finishedAt ?? 0);

/** Finished progress records of the key's user (progress is not behind the `/libraries*` response cache). */
async function finishedProgress(run: PollRun): Promise<IDataObject[]> {
	return (await readAllProgress(run.client)).filter(
		(record) => record.isFinished === true && typeof record.finishedAt === 'number',
	);
}

/** The progress record with its library item (null when the item is gone or not accessible). */
async function withItem(run: PollRun, progress: IDataObject): Promise<IDataObject> {
	const response = await run.client.send<IDataObject>({
		method: 'GET',
		path: `/items/${String(progress.libraryItemId)}`,
		passStatuses: [403, 404],
	});
	const item = response.status === 200 ? response.body : null;
	return { ...progress, libraryItem: item ? (run.simplify ? simplifyItem(item) : item) : null };
}

/** Activation: every finish so far already happened. */
export async function startFinishedCursor(run: PollRun): Promise<Cursor> {
	return startCursor((await finishedProgress(run)).map((record) => stamp(record, 'finishedAt')));
}

/** Item Finished: finishes newer than the cursor, oldest first, each with its item. */
export async function pollFinished(
	run: PollRun,
	cursor: Cursor,
): Promise<{ cursor: Cursor; records: IDataObject[] }> {
	const finished = await finishedProgress(run);
	const next = advance(
		cursor,
		finished.map((record) => stamp(record, 'finishedAt')),
		true,
		0,
	);
	const fresh = finished
		.filter((record) => next.emit.has(String(record.id)))
		.sort((a, b) => finishedAt(a) - finishedAt(b));
	const records: IDataObject[] = [];
	for (const record of fresh) records.push(await withItem(run, record));
	return { cursor: next.cursor, records };
}

/** Manual run: the latest finish. */
export async function latestFinished(run: PollRun): Promise<IDataObject | undefined> {
	const latest = (await finishedProgress(run)).sort((a, b) => finishedAt(b) - finishedAt(a))[0];
	return latest ? await withItem(run, latest) : undefined;
}
