import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { ServiceClient } from '../shared/transport';
import { cacheBuster, simplifyItem } from './helpers';
import { libraryLocator } from './locators';
import { searchLibraries } from './methods/listSearch';
import { audiobookshelfProfile } from './profile';
import { above, advance, floorOf, isNew, type Cursor, type Stamped } from './trigger/cursor';

/** Newest-first page size of a poll: one request when nothing (or little) is new. */
const POLL_PAGE_SIZE = 100;
/** Share of the poll budget spent reading; the rest is left for emitting. */
const BUDGET_SHARE = 0.75;

interface TriggerState extends IDataObject {
	/** Event + scope the cursors belong to; a change starts over from "now". */
	scope?: string;
	cursors?: IDataObject;
	/** Podcast item id → updatedAt when its episodes were last read (New Podcast Episode). */
	podcasts?: IDataObject;
}

interface PollRun {
	client: ServiceClient;
	deadline: number;
	simplify: boolean;
}

const stamp = (record: IDataObject, field: string): Stamped => ({
	id: String(record.id),
	ts: Number(record[field] ?? 0),
});

function outOfTime(run: PollRun): boolean {
	return Date.now() > run.deadline;
}

async function listLibraries(client: ServiceClient): Promise<IDataObject[]> {
	const body = await client.request<{ libraries?: IDataObject[] }>({
		method: 'GET',
		path: '/libraries',
	});
	return Array.isArray(body?.libraries) ? body.libraries : [];
}

async function itemsPage(
	client: ServiceClient,
	libraryId: string,
	page: number,
	limit: number,
	extra: IDataObject,
): Promise<{ results: IDataObject[]; total: number }> {
	const body = await client.request<{ results?: IDataObject[]; total?: number }>({
		method: 'GET',
		path: `/libraries/${libraryId}/items`,
		qs: { sort: 'addedAt', desc: 1, limit, page, ...extra },
	});
	if (!Array.isArray(body?.results)) {
		throw client.error({
			message: 'Audiobookshelf returned the item list in an unexpected shape',
			request: `GET /api/libraries/${libraryId}/items`,
		});
	}
	return { results: body.results, total: Number(body.total ?? body.results.length) };
}

/**
 * New Item Added, one library: newest first until the cursor's floor, the end of the list, or the budget. After a
 * budget-limited poll the next one reads the new records at the top, then jumps to where the last one stopped.
 */
async function pollNewItems(
	run: PollRun,
	libraryId: string,
	cursor: Cursor,
): Promise<{ cursor: Cursor; items: IDataObject[] }> {
	const floor = floorOf(cursor);
	const buster = cacheBuster();
	const read = new Map<string, IDataObject>();
	const position = new Map<string, number>();
	let complete = false;
	let stoppedAt = Number.POSITIVE_INFINITY;
	let aboveTop = 0;
	let jumped = cursor.resume === undefined;
	let lowestSequential = 0;
	for (let page = 0; ; ) {
		const { results, total } = await itemsPage(run.client, libraryId, page, POLL_PAGE_SIZE, buster);
		const resume = cursor.resume;
		if (
			!jumped &&
			resume &&
			page > lowestSequential &&
			results.length > 0 &&
			Number(results[0].addedAt ?? 0) < resume.ts
		) {
			// Landed too deep (records were deleted above): step back a page.
			page--;
			continue;
		}
		results.forEach((item, index) => {
			const ts = Number(item.addedAt ?? 0);
			if (complete || ts < floor) {
				complete = true;
				return;
			}
			const id = String(item.id);
			if (!read.has(id) && above(cursor.top, { id, ts })) aboveTop++;
			read.set(id, item);
			if (!position.has(id)) position.set(id, page * POLL_PAGE_SIZE + index);
			stoppedAt = Math.min(stoppedAt, ts);
		});
		if (complete || results.length < POLL_PAGE_SIZE || (page + 1) * POLL_PAGE_SIZE >= total) {
			complete = true;
			break;
		}
		let next = page + 1;
		if (!jumped && resume && results.some((item) => !above(cursor.top, stamp(item, 'addedAt')))) {
			// Past the records added since the last poll: continue where that poll stopped.
			jumped = true;
			lowestSequential = page;
			next = Math.max(next, Math.floor((resume.offset + aboveTop) / POLL_PAGE_SIZE));
		}
		// Stop for the budget only once past where the last poll stopped, so every poll makes progress.
		if (outOfTime(run) && (!resume || stoppedAt < resume.ts)) break;
		page = next;
	}
	const stamped = [...read.values()].map((item) => stamp(item, 'addedAt'));
	const next = advance(cursor, stamped, complete, stoppedAt);
	if (!complete) {
		const atStop = stamped
			.filter((record) => record.ts === stoppedAt)
			.map((record) => position.get(record.id) ?? 0);
		next.cursor.resume = { offset: Math.min(...atStop), ts: stoppedAt };
	}
	const items = [...read.values()]
		.filter((item) => next.emit.has(String(item.id)))
		.sort((a, b) => Number(a.addedAt ?? 0) - Number(b.addedAt ?? 0));
	return { cursor: next.cursor, items };
}

async function startItemCursor(run: PollRun, libraryId: string): Promise<Cursor> {
	const { results } = await itemsPage(run.client, libraryId, 0, POLL_PAGE_SIZE, cacheBuster());
	if (results.length === 0) return { top: { ts: 0, ids: [] }, gaps: [] };
	const newest = Number(results[0].addedAt ?? 0);
	return {
		top: {
			ts: newest,
			ids: results.filter((item) => Number(item.addedAt) === newest).map((item) => String(item.id)),
		},
		gaps: [],
	};
}

/** Item Finished: `/me/progress` (not behind the `/libraries*` response cache) holds every progress of the key's user. */
async function finishedProgress(client: ServiceClient): Promise<IDataObject[]> {
	const body = await client.request<{ mediaProgress?: IDataObject[] }>({
		method: 'GET',
		path: '/me/progress',
	});
	const records = Array.isArray(body?.mediaProgress) ? body.mediaProgress : [];
	return records.filter(
		(record) => record.isFinished === true && typeof record.finishedAt === 'number',
	);
}

async function withItem(run: PollRun, progress: IDataObject): Promise<IDataObject> {
	const response = await run.client.send<IDataObject>({
		method: 'GET',
		path: `/items/${String(progress.libraryItemId)}`,
		passStatuses: [403, 404],
	});
	const item = response.status === 200 ? response.body : null;
	return { ...progress, libraryItem: item ? (run.simplify ? simplifyItem(item) : item) : null };
}

async function podcastItems(client: ServiceClient, libraryId: string): Promise<IDataObject[]> {
	const all: IDataObject[] = [];
	const buster = cacheBuster();
	for (let page = 0; ; page++) {
		const { results, total } = await itemsPage(client, libraryId, page, 500, buster);
		all.push(...results);
		if (results.length < 500 || all.length >= total) return all;
	}
}

async function episodesOf(client: ServiceClient, itemId: string): Promise<IDataObject[]> {
	const response = await client.send<IDataObject>({
		method: 'GET',
		path: `/items/${itemId}`,
		qs: { expanded: 1 },
		passStatuses: [403, 404],
	});
	if (response.status !== 200) return [];
	const item = response.body;
	const media = (item.media ?? {}) as IDataObject;
	const title = ((media.metadata ?? {}) as IDataObject).title ?? null;
	const episodes = Array.isArray(media.episodes) ? (media.episodes as IDataObject[]) : [];
	return episodes.map((episode) => ({
		...episode,
		libraryItemId: item.id,
		libraryId: item.libraryId,
		podcastTitle: title,
	}));
}

/**
 * New Podcast Episode, one library. Episodes have no list sorted by the time they were added (recent-episodes is
 * by publication date and hides finished ones), but adding one updates its podcast's `updatedAt`: read the podcasts
 * of the library, and the episodes of those whose `updatedAt` changed since the last poll.
 */
async function pollNewEpisodes(
	run: PollRun,
	libraryId: string,
	cursor: Cursor,
	seen: IDataObject,
): Promise<{ cursor: Cursor; episodes: IDataObject[]; seen: IDataObject }> {
	const podcasts = await podcastItems(run.client, libraryId);
	const changed = podcasts
		.filter((podcast) => seen[String(podcast.id)] !== Number(podcast.updatedAt ?? 0))
		.sort((a, b) => Number(a.updatedAt ?? 0) - Number(b.updatedAt ?? 0));
	const nextSeen: IDataObject = {};
	for (const podcast of podcasts)
		if (seen[String(podcast.id)] !== undefined)
			nextSeen[String(podcast.id)] = seen[String(podcast.id)];
	const found: IDataObject[] = [];
	let limitTs = Number.POSITIVE_INFINITY;
	for (let index = 0; index < changed.length; index++) {
		if (index > 0 && outOfTime(run)) {
			// Unread podcasts may hold episodes older than those found: emit only below their oldest update.
			limitTs = Math.min(...changed.slice(index).map((podcast) => Number(podcast.updatedAt ?? 0)));
			break;
		}
		const podcast = changed[index];
		found.push(...(await episodesOf(run.client, String(podcast.id))));
		nextSeen[String(podcast.id)] = Number(podcast.updatedAt ?? 0);
	}
	const settled = found.filter((episode) => Number(episode.addedAt ?? 0) < limitTs);
	const fresh = settled.filter((episode) => isNew(cursor, stamp(episode, 'addedAt')));
	const next = advance(
		cursor,
		settled.map((episode) => stamp(episode, 'addedAt')),
		true,
		0,
	);
	if (limitTs !== Number.POSITIVE_INFINITY) {
		// Podcasts left for the next poll must be read again even if unchanged by then.
		for (const podcast of changed)
			if (Number(podcast.updatedAt ?? 0) >= limitTs) delete nextSeen[String(podcast.id)];
	}
	fresh.sort((a, b) => Number(a.addedAt ?? 0) - Number(b.addedAt ?? 0));
	return { cursor: { top: next.cursor.top, gaps: [] }, episodes: fresh, seen: nextSeen };
}

export class AudiobookshelfTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Audiobookshelf Trigger',
		name: 'audiobookshelfTrigger',
		icon: {
			light: 'file:../../icons/audiobookshelf.svg',
			dark: 'file:../../icons/audiobookshelf.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow when a book or podcast is added, an item is finished, or a podcast episode arrives (polling)',
		defaults: { name: 'Audiobookshelf Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'audiobookshelfApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				default: 'newItem',
				options: [
					{
						name: 'Item Finished',
						value: 'itemFinished',
						description: "The API key's user finished a book or podcast episode",
					},
					{
						name: 'New Item Added',
						value: 'newItem',
						description: 'A book or podcast was added to a library',
					},
					{
						name: 'New Podcast Episode',
						value: 'newEpisode',
						description: 'An episode was downloaded or added to a podcast',
					},
				],
			},
			{
				displayName: 'Libraries',
				name: 'libraryScope',
				type: 'options',
				default: 'all',
				options: [
					{
						name: 'All Libraries',
						value: 'all',
						description:
							"Every library the API key's user can access, including ones created later",
					},
					{ name: 'One Library', value: 'one' },
				],
				displayOptions: { show: { event: ['newItem', 'newEpisode'] } },
			},
			{
				...libraryLocator.property({ description: 'The library to watch' }),
				displayOptions: { show: { event: ['newItem', 'newEpisode'], libraryScope: ['one'] } },
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					'Whether to return only the main fields of each item instead of the full media object',
				displayOptions: { show: { event: ['newItem', 'itemFinished'] } },
			},
		],
	};

	methods = { listSearch: { searchLibraries } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event', 'newItem') as string;
		const scope =
			event === 'itemFinished' ? 'all' : (this.getNodeParameter('libraryScope', 'all') as string);
		const simplify = this.getNodeParameter('simplify', true) as boolean;
		const libraryId = scope === 'one' ? libraryLocator.read(this) : undefined;
		const client = new ServiceClient(this, audiobookshelfProfile);
		const budget = typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : undefined;
		const run: PollRun = {
			client,
			simplify,
			deadline:
				budget && budget > 0 ? Date.now() + budget * BUDGET_SHARE : Number.POSITIVE_INFINITY,
		};
		const manual = this.getMode() === 'manual';
		const output = (records: IDataObject[]) =>
			records.length ? [this.helpers.returnJsonArray(records)] : null;

		if (event === 'itemFinished') {
			const finished = await finishedProgress(client);
			if (manual) {
				const latest = [...finished].sort((a, b) => Number(b.finishedAt) - Number(a.finishedAt))[0];
				return latest ? output([await withItem(run, latest)]) : null;
			}
			const state = this.getWorkflowStaticData('node') as TriggerState;
			const scopeKey = 'itemFinished';
			const stored =
				state.scope === scopeKey
					? ((state.cursors ?? {}).finished as Cursor | undefined)
					: undefined;
			const stamped = finished.map((record) => stamp(record, 'finishedAt'));
			if (!stored) {
				const newest = stamped.reduce((max, record) => Math.max(max, record.ts), 0);
				state.scope = scopeKey;
				state.cursors = {
					finished: {
						top: { ts: newest, ids: stamped.filter((r) => r.ts === newest).map((r) => r.id) },
						gaps: [],
					},
				};
				return null;
			}
			const next = advance(stored, stamped, true, 0);
			const fresh = finished
				.filter((record) => next.emit.has(String(record.id)))
				.sort((a, b) => Number(a.finishedAt) - Number(b.finishedAt));
			const records: IDataObject[] = [];
			for (const record of fresh) records.push(await withItem(run, record));
			state.cursors = { finished: next.cursor as unknown as IDataObject };
			return output(records);
		}

		const libraries = (await listLibraries(client)).filter(
			(library) =>
				(libraryId ? library.id === libraryId : true) &&
				(event === 'newEpisode' ? library.mediaType === 'podcast' : true),
		);
		if (libraryId && libraries.length === 0) {
			throw client.error({
				status: 404,
				message: `Library ${libraryId} was not found among the libraries the API key's user can access${event === 'newEpisode' ? ', or it is not a podcast library' : ''}`,
				hint: "Pick the library from the list, or check the user's library access in Audiobookshelf.",
				request: 'GET /api/libraries',
			});
		}

		if (manual) {
			for (const library of libraries) {
				if (event === 'newItem') {
					const { results } = await itemsPage(client, String(library.id), 0, 1, cacheBuster());
					if (results[0]) return output([simplify ? simplifyItem(results[0]) : results[0]]);
				} else {
					const podcasts = await podcastItems(client, String(library.id));
					const latest = podcasts.sort(
						(a, b) => Number(b.updatedAt ?? 0) - Number(a.updatedAt ?? 0),
					)[0];
					if (!latest) continue;
					const episodes = (await episodesOf(client, String(latest.id))).sort(
						(a, b) => Number(b.addedAt ?? 0) - Number(a.addedAt ?? 0),
					);
					if (episodes[0]) return output([episodes[0]]);
				}
			}
			return null;
		}

		const state = this.getWorkflowStaticData('node') as TriggerState;
		const scopeKey = `${event}:${libraryId ?? 'all'}`;
		const starting = state.scope !== scopeKey;
		const cursors = (starting ? {} : { ...(state.cursors ?? {}) }) as Record<string, Cursor>;
		const podcastsSeen = (starting ? {} : { ...(state.podcasts ?? {}) }) as IDataObject;
		const nextCursors: Record<string, Cursor> = {};
		const nextPodcasts: IDataObject = {};
		const records: IDataObject[] = [];

		// Each library gets at least one read per poll, so none starves when the budget is short.
		for (const library of libraries) {
			const id = String(library.id);
			const known = cursors[id];
			if (event === 'newItem') {
				if (starting) {
					nextCursors[id] = await startItemCursor(run, id);
					continue;
				}
				// A library created after activation: everything added to it since its creation is new.
				const cursor = known ?? { top: { ts: Number(library.createdAt ?? 0), ids: [] }, gaps: [] };
				const result = await pollNewItems(run, id, cursor);
				nextCursors[id] = result.cursor;
				records.push(...result.items.map((item) => (simplify ? simplifyItem(item) : item)));
			} else {
				const seen = (podcastsSeen[id] ?? {}) as IDataObject;
				if (starting) {
					// Episodes can be newer than their podcast's updatedAt (a scan saves the podcast first): start from the
					// newest episode itself. One request per podcast, once, at activation.
					const podcasts = await podcastItems(client, id);
					const episodes: Stamped[] = [];
					for (const podcast of podcasts)
						episodes.push(
							...(await episodesOf(client, String(podcast.id))).map((episode) =>
								stamp(episode, 'addedAt'),
							),
						);
					const newest = episodes.reduce((max, episode) => Math.max(max, episode.ts), 0);
					nextCursors[id] = {
						top: {
							ts: newest,
							ids: episodes.filter((episode) => episode.ts === newest).map((episode) => episode.id),
						},
						gaps: [],
					};
					nextPodcasts[id] = Object.fromEntries(
						podcasts.map((podcast) => [String(podcast.id), Number(podcast.updatedAt ?? 0)]),
					);
					continue;
				}
				const cursor = known ?? { top: { ts: Number(library.createdAt ?? 0), ids: [] }, gaps: [] };
				const result = await pollNewEpisodes(run, id, cursor, seen);
				nextCursors[id] = result.cursor;
				nextPodcasts[id] = result.seen;
				records.push(...result.episodes);
			}
		}

		// Every request succeeded: only now does the cursor move.
		state.scope = scopeKey;
		state.cursors = nextCursors as unknown as IDataObject;
		if (event === 'newEpisode') state.podcasts = nextPodcasts;
		else delete state.podcasts;
		return starting ? null : output(records);
	}
}
