import type { IDataObject } from 'n8n-workflow';

import { paginate } from '../../shared/paginate';
import type { ServiceClient } from '../../shared/transport';
import { newestItemsEndpoint } from '../endpoints';
import { advance, isNew, stamp, startCursor, type Cursor } from './cursor';
import { outOfTime, type PollRun } from './run';

const updatedAt = (record: IDataObject) => Number(record.updatedAt ?? 0);
const addedAt = (record: IDataObject) => Number(record.addedAt ?? 0);

async function podcastsOf(client: ServiceClient, libraryId: string): Promise<IDataObject[]> {
	return await paginate(client, newestItemsEndpoint(libraryId), { returnAll: true });
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
 * Activation. Episodes can be newer than their podcast's updatedAt (a scan saves the podcast first): start from the
 * newest episode itself. One request per podcast, once.
 */
export async function startEpisodeCursor(
	run: PollRun,
	libraryId: string,
): Promise<{ cursor: Cursor; seen: IDataObject }> {
	const podcasts = await podcastsOf(run.client, libraryId);
	const episodes: IDataObject[] = [];
	for (const podcast of podcasts)
		episodes.push(...(await episodesOf(run.client, String(podcast.id))));
	return {
		cursor: startCursor(episodes.map((episode) => stamp(episode, 'addedAt'))),
		seen: Object.fromEntries(podcasts.map((podcast) => [String(podcast.id), updatedAt(podcast)])),
	};
}

/**
 * New Podcast Episode, one library. Episodes have no list sorted by the time they were added (recent-episodes is
 * by publication date and hides finished ones), but adding one updates its podcast's `updatedAt`: read the podcasts
 * of the library, and the episodes of those whose `updatedAt` changed since the last poll.
 */
export async function pollNewEpisodes(
	run: PollRun,
	libraryId: string,
	cursor: Cursor,
	seen: IDataObject,
): Promise<{ cursor: Cursor; episodes: IDataObject[]; seen: IDataObject }> {
	const podcasts = await podcastsOf(run.client, libraryId);
	const changed = podcasts
		.filter((podcast) => seen[String(podcast.id)] !== updatedAt(podcast))
		.sort((a, b) => updatedAt(a) - updatedAt(b));
	const nextSeen: IDataObject = {};
	for (const podcast of podcasts)
		if (seen[String(podcast.id)] !== undefined)
			nextSeen[String(podcast.id)] = seen[String(podcast.id)];
	const found: IDataObject[] = [];
	let limitTs = Number.POSITIVE_INFINITY;
	for (let index = 0; index < changed.length; index++) {
		if (index > 0 && outOfTime(run)) {
			// Unread podcasts may hold episodes older than those found: emit only below their oldest update.
			limitTs = Math.min(...changed.slice(index).map(updatedAt));
			break;
		}
		const podcast = changed[index];
		found.push(...(await episodesOf(run.client, String(podcast.id))));
		nextSeen[String(podcast.id)] = updatedAt(podcast);
	}
	const settled = found.filter((episode) => addedAt(episode) < limitTs);
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
			if (updatedAt(podcast) >= limitTs) delete nextSeen[String(podcast.id)];
	}
	fresh.sort((a, b) => addedAt(a) - addedAt(b));
	return { cursor: { top: next.cursor.top, gaps: [] }, episodes: fresh, seen: nextSeen };
}

/** Manual run: the newest episode over the given libraries (of each library's most recently updated podcast). */
export async function newestEpisode(
	run: PollRun,
	libraryIds: string[],
): Promise<IDataObject | undefined> {
	let newest: IDataObject | undefined;
	for (const libraryId of libraryIds) {
		const latest = (await podcastsOf(run.client, libraryId)).sort(
			(a, b) => updatedAt(b) - updatedAt(a),
		)[0];
		if (!latest) continue;
		for (const episode of await episodesOf(run.client, String(latest.id)))
			if (!newest || addedAt(episode) > addedAt(newest)) newest = episode;
	}
	return newest;
}
