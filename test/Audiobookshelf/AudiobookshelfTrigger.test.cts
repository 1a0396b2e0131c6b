import type { IDataObject } from 'n8n-workflow';

import { AudiobookshelfTrigger } from '../../nodes/Audiobookshelf/AudiobookshelfTrigger.node';
import {
	ABS_TOKEN,
	BOOK_LIBRARY_ID,
	FIXTURE_BOOK_ID,
	PODCAST_ITEM_ID,
	ROOT_USER_ID,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../fakes/audiobookshelf.cjs';
import { jsonOf, runNode } from '../harness/engine.cjs';
import { PollHarness, polledJson } from '../harness/poll.cjs';
import { byId, credentialsFor } from './common.cjs';

let abs: FakeAudiobookshelf;
beforeEach(async () => {
	abs = await startFakeAudiobookshelf({ books: 3 });
});
afterEach(async () => await abs.close());

const trigger = (parameters: IDataObject, staticData?: IDataObject, pollBudgetMs?: number) =>
	new PollHarness({
		node: new AudiobookshelfTrigger(),
		parameters: parameters as never,
		credentials: credentialsFor(abs),
		staticData,
		pollBudgetMs,
	});

const ids = (records: IDataObject[]) => records.map((record) => record.id);

describe('Audiobookshelf Trigger → New Item Added', () => {
	test('activation emits nothing; books added between polls come once, oldest first; then nothing', async () => {
		const poller = trigger({ event: 'newItem', libraryScope: 'all', simplify: true });
		const first = await poller.poll();
		expect(first.error).toBeUndefined();
		expect(first.data).toBeNull();
		const a = abs.addBook({ addedAt: Date.now() + 10 });
		const b = abs.addBook({ addedAt: Date.now() + 20 });
		const second = await poller.poll();
		expect(ids(polledJson(second))).toEqual([a.id, b.id]);
		expect(polledJson(second)[0]).toMatchObject({ title: a.title, libraryId: BOOK_LIBRARY_ID });
		const third = await poller.poll();
		expect(third.data).toBeNull();
		// Every items read bypasses the response cache and is sorted newest first.
		const reads = abs.stats.log.filter((entry) => entry.path.endsWith('/items'));
		expect(
			reads.every(
				(entry) =>
					/_ts=\d+/.test(entry.query) &&
					entry.query.includes('sort=addedAt') &&
					entry.query.includes('desc=1'),
			),
		).toBe(true);
	});

	test('items sharing the boundary millisecond: the ones seen are kept, a later one with the same time still comes', async () => {
		const poller = trigger({
			event: 'newItem',
			libraryScope: 'one',
			libraryId: byId(BOOK_LIBRARY_ID),
			simplify: false,
		});
		await poller.poll();
		const at = Date.now() + 50;
		const a = abs.addBook({ addedAt: at });
		const b = abs.addBook({ addedAt: at });
		expect(ids(polledJson(await poller.poll()))).toEqual([a.id, b.id]);
		expect((poller.persisted().cursors as IDataObject)[BOOK_LIBRARY_ID]).toMatchObject({
			top: { ts: at, ids: [a.id, b.id] },
		});
		const c = abs.addBook({ addedAt: at });
		expect(ids(polledJson(await poller.poll()))).toEqual([c.id]);
		expect((await poller.poll()).data).toBeNull();
	});

	test('a failed poll leaves the cursor unchanged and the items come with the next poll', async () => {
		const poller = trigger({ event: 'newItem', libraryScope: 'all', simplify: true });
		await poller.poll();
		const before = poller.persisted();
		const a = abs.addBook();
		abs.injectFault({ kind: '500', match: (request) => request.path.endsWith('/items') });
		const failed = await poller.poll();
		expect(failed.error?.message).toContain('500');
		expect(JSON.stringify(failed.error)).not.toContain(ABS_TOKEN);
		expect(poller.persisted()).toEqual(before);
		expect(ids(polledJson(await poller.poll()))).toEqual([a.id]);
	});

	test('a restart reloads the persisted cursor: no duplicates, nothing missed', async () => {
		const poller = trigger({ event: 'newItem', libraryScope: 'all', simplify: true });
		await poller.poll();
		const a = abs.addBook();
		expect(ids(polledJson(await poller.poll()))).toEqual([a.id]);
		const saved = poller.persisted();
		const b = abs.addBook({ addedAt: Date.now() + 5 });
		const restarted = trigger({ event: 'newItem', libraryScope: 'all', simplify: true }, saved);
		expect(ids(polledJson(await restarted.poll()))).toEqual([b.id]);
		expect((await restarted.poll()).data).toBeNull();
	});

	test('a poll budget too short for a backlog emits part of it; the next polls emit the rest, each item once', async () => {
		const poller = trigger(
			{ event: 'newItem', libraryScope: 'one', libraryId: byId(BOOK_LIBRARY_ID), simplify: true },
			undefined,
			40,
		);
		await poller.poll();
		const start = Date.now() + 10;
		const added = Array.from({ length: 350 }, (_unused, index) =>
			abs.addBook({ addedAt: start + Math.floor(index / 3) }),
		);
		abs.latencyMs = 35;
		const seen: string[] = [];
		let polls = 0;
		for (; polls < 10; polls++) {
			const result = await poller.poll();
			expect(result.error).toBeUndefined();
			seen.push(...(ids(polledJson(result)) as string[]));
			if (seen.length >= added.length) break;
		}
		abs.latencyMs = 0;
		expect(polls).toBeGreaterThan(0);
		expect(seen.sort()).toEqual(added.map((book) => book.id).sort());
		expect((await poller.poll()).data).toBeNull();
	});

	test('randomised bursts with shared timestamps and a tight budget: every item exactly once', async () => {
		const poller = trigger(
			{ event: 'newItem', libraryScope: 'one', libraryId: byId(BOOK_LIBRARY_ID), simplify: true },
			undefined,
			20,
		);
		await poller.poll();
		abs.latencyMs = 8;
		let seed = 42;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
		const added: string[] = [];
		const emitted: string[] = [];
		let clock = Date.now();
		for (let round = 0; round < 8; round++) {
			const burst = Math.floor(random() * 260);
			for (let index = 0; index < burst; index++) {
				if (random() < 0.6) clock += 1 + Math.floor(random() * 3);
				added.push(abs.addBook({ addedAt: clock }).id);
			}
			const result = await poller.poll();
			expect(result.error).toBeUndefined();
			emitted.push(...(ids(polledJson(result)) as string[]));
		}
		for (let drain = 0; drain < 20 && emitted.length < added.length; drain++)
			emitted.push(...(ids(polledJson(await poller.poll())) as string[]));
		abs.latencyMs = 0;
		expect(new Set(emitted).size).toBe(emitted.length);
		expect([...emitted].sort()).toEqual([...added].sort());
	});

	test('a library created after activation: its items are new', async () => {
		const poller = trigger({ event: 'newItem', libraryScope: 'all', simplify: true });
		await poller.poll();
		const createdAt = Date.now();
		abs.state.libraries.push({
			...abs.state.libraries[0],
			id: '11111111-2222-4333-8444-555555555555',
			name: 'New',
			createdAt,
		});
		const book = abs.addBook({
			libraryId: '11111111-2222-4333-8444-555555555555',
			addedAt: createdAt + 5,
		});
		expect(ids(polledJson(await poller.poll()))).toEqual([book.id]);
	});

	test('manual mode returns one real item and leaves the cursor alone', async () => {
		const poller = trigger({ event: 'newItem', libraryScope: 'all', simplify: true });
		const result = await poller.poll('manual', 'manual');
		expect(polledJson(result)).toHaveLength(1);
		expect(polledJson(result)[0]).toHaveProperty('title');
		expect(poller.persisted()).toEqual({});
		// The same through n8n-core's WorkflowExecute (manual "Fetch Test Event").
		const run = await runNode({
			node: new AudiobookshelfTrigger(),
			parameters: { event: 'newItem', libraryScope: 'all', simplify: true },
			credentials: credentialsFor(abs),
		});
		expect(run.error).toBeUndefined();
		expect(jsonOf(run.items)).toHaveLength(1);
	});

	test('a library id that is not accessible is a clear error', async () => {
		const poller = trigger({
			event: 'newItem',
			libraryScope: 'one',
			libraryId: byId('00000000-0000-4000-8000-000000000001'),
			simplify: true,
		});
		const result = await poller.poll();
		expect(result.error?.message).toContain('was not found among the libraries');
	});
});

describe('Audiobookshelf Trigger → Item Finished', () => {
	test('finished items are emitted once with the item; same-millisecond finishes are both kept', async () => {
		const poller = trigger({ event: 'itemFinished', simplify: true });
		abs.setProgress(ROOT_USER_ID, {
			libraryItemId: FIXTURE_BOOK_ID,
			isFinished: true,
			finishedAt: 1000,
		});
		expect((await poller.poll()).data).toBeNull();
		const at = Date.now();
		abs.setProgress(ROOT_USER_ID, {
			libraryItemId: abs.state.books[1].id,
			isFinished: true,
			finishedAt: at,
		});
		abs.setProgress(ROOT_USER_ID, { libraryItemId: abs.state.books[2].id, currentTime: 10 });
		const first = polledJson(await poller.poll());
		expect(first.map((record) => record.libraryItemId)).toEqual([abs.state.books[1].id]);
		expect(first[0].libraryItem).toMatchObject({
			id: abs.state.books[1].id,
			title: abs.state.books[1].title,
		});
		abs.setProgress(ROOT_USER_ID, {
			libraryItemId: abs.state.books[2].id,
			isFinished: true,
			finishedAt: at,
		});
		const saved = poller.persisted();
		const restarted = trigger({ event: 'itemFinished', simplify: true }, saved);
		expect(polledJson(await restarted.poll()).map((record) => record.libraryItemId)).toEqual([
			abs.state.books[2].id,
		]);
		expect((await restarted.poll()).data).toBeNull();
		expect(
			abs.stats.log.filter((entry) => entry.path === '/api/me/progress').length,
		).toBeGreaterThanOrEqual(4);
	});

	test('manual mode returns the latest finished item', async () => {
		abs.setProgress(ROOT_USER_ID, {
			libraryItemId: FIXTURE_BOOK_ID,
			isFinished: true,
			finishedAt: 5000,
		});
		const result = await trigger({ event: 'itemFinished', simplify: true }).poll(
			'manual',
			'manual',
		);
		expect(polledJson(result)[0]).toMatchObject({
			libraryItemId: FIXTURE_BOOK_ID,
			isFinished: true,
		});
	});
});

describe('Audiobookshelf Trigger → New Podcast Episode', () => {
	test('a downloaded episode is emitted once; unchanged podcasts are not re-read', async () => {
		const poller = trigger({ event: 'newEpisode', libraryScope: 'all' });
		expect((await poller.poll()).data).toBeNull();
		const episode = abs.addEpisode({ title: 'Brand new' });
		abs.resetStats();
		const result = polledJson(await poller.poll());
		expect(result.map((record) => record.id)).toEqual([episode.id]);
		expect(result[0]).toMatchObject({
			title: 'Brand new',
			libraryItemId: PODCAST_ITEM_ID,
			podcastTitle: 'My Test Podcast',
		});
		abs.resetStats();
		const restarted = trigger({ event: 'newEpisode', libraryScope: 'all' }, poller.persisted());
		expect((await restarted.poll()).data).toBeNull();
		// libraries + one page of podcasts; the unchanged podcast is not expanded again.
		expect(abs.stats.log.map((entry) => entry.path)).toEqual([
			'/api/libraries',
			`/api/libraries/${abs.state.libraries[1].id}/items`,
		]);
	});

	test('manual mode returns the newest episode', async () => {
		const episode = abs.addEpisode({ title: 'Sample me' });
		const result = await trigger({ event: 'newEpisode', libraryScope: 'all' }).poll(
			'manual',
			'manual',
		);
		expect(polledJson(result).map((record) => record.id)).toEqual([episode.id]);
	});
});
