import {
	ABS_READER_TOKEN,
	FIXTURE_BOOK_ID,
	READER_USER_ID,
	ROOT_USER_ID,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../../fakes/audiobookshelf.cjs';
import { jsonOf } from '../../harness/engine.cjs';
import { requests, run } from '../common.cjs';

let abs: FakeAudiobookshelf;
beforeAll(async () => {
	abs = await startFakeAudiobookshelf({ books: 5 });
});
afterAll(async () => await abs.close());
beforeEach(() => {
	abs.resetStats();
	abs.clearFaults();
});

describe('Audiobookshelf → Me', () => {
	test('Get returns the user without the legacy token', async () => {
		const result = await run(abs, { resource: 'me', operation: 'get' });
		const user = jsonOf(result.items)[0];
		expect(user.username).toBe('root');
		expect(user.token).toBeUndefined();
		expect(result.serialized).not.toContain('legacy-user-jwt-never-expires');
	});

	test('Get Progress: all records newest first, only finished, one item, or none yet', async () => {
		abs.setProgress(ROOT_USER_ID, {
			libraryItemId: FIXTURE_BOOK_ID,
			isFinished: true,
			finishedAt: 2000,
			lastUpdate: 2000,
		});
		abs.setProgress(ROOT_USER_ID, {
			libraryItemId: abs.state.books[1].id,
			currentTime: 12,
			lastUpdate: 3000,
		});
		const all = await run(abs, { resource: 'me', operation: 'getProgress', returnAll: true });
		expect(jsonOf(all.items).map((record) => record.libraryItemId)).toEqual([
			abs.state.books[1].id,
			FIXTURE_BOOK_ID,
		]);
		const finished = await run(abs, {
			resource: 'me',
			operation: 'getProgress',
			onlyFinished: true,
			returnAll: true,
		});
		expect(jsonOf(finished.items).map((record) => record.libraryItemId)).toEqual([FIXTURE_BOOK_ID]);
		const one = await run(abs, {
			resource: 'me',
			operation: 'getProgress',
			progressItemId: FIXTURE_BOOK_ID,
		});
		expect(jsonOf(one.items)[0]).toMatchObject({ isFinished: true, hasProgress: true });
		const none = await run(abs, {
			resource: 'me',
			operation: 'getProgress',
			progressItemId: abs.state.books[3].id,
		});
		expect(jsonOf(none.items)[0]).toMatchObject({ hasProgress: false, isFinished: false });
		const bad = await run(abs, {
			resource: 'me',
			operation: 'getProgress',
			progressItemId: 'nope',
		});
		expect(bad.error?.message).toContain('Library Item ID "nope" is not valid');
	});

	test('Get Items in Progress sends limit and simplifies', async () => {
		const result = await run(abs, {
			resource: 'me',
			operation: 'getItemsInProgress',
			limit: 5,
			simplify: true,
		});
		expect(jsonOf(result.items)).toEqual([
			expect.objectContaining({
				id: abs.state.books[1].id,
				progressLastUpdate: new Date(3000).toISOString(),
			}),
		]);
		expect(requests(abs)).toEqual(['GET /api/me/items-in-progress?limit=5']);
	});

	test('Get Listening Stats', async () => {
		const result = await run(abs, { resource: 'me', operation: 'getListeningStats' });
		expect(jsonOf(result.items)[0]).toHaveProperty('totalTime');
	});

	test('Get Listening Sessions pages with itemsPerPage and a 0-based page, concurrently once numPages is known', async () => {
		abs.state.sessions = Array.from({ length: 1203 }, (_unused, index) => ({
			id: `s${index}`,
			userId: READER_USER_ID,
			timeListening: 10,
		}));
		const result = await run(
			abs,
			{ resource: 'me', operation: 'getListeningSessions', returnAll: true },
			{ credentials: { apiToken: ABS_READER_TOKEN } },
		);
		expect(jsonOf(result.items)).toHaveLength(1203);
		const pages = abs.stats.log
			.map((entry) => new URLSearchParams(entry.query))
			.map((q) => `${q.get('page')}:${q.get('itemsPerPage')}`)
			.sort();
		expect(pages).toEqual(['0:500', '1:500', '2:500']);
		abs.resetStats();
		const limited = await run(
			abs,
			{ resource: 'me', operation: 'getListeningSessions', returnAll: false, limit: 3 },
			{ credentials: { apiToken: ABS_READER_TOKEN } },
		);
		expect(jsonOf(limited.items).map((session) => session.id)).toEqual(['s0', 's1', 's2']);
		expect(requests(abs)).toEqual(['GET /api/me/listening-sessions?page=0&itemsPerPage=3']);
	});
});
