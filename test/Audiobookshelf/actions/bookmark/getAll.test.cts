import {
	FIXTURE_BOOK_ID,
	ROOT_USER_ID,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../../../fakes/audiobookshelf.cjs';
import { jsonOf } from '../../../harness/engine.cjs';
import { requests, run } from '../../common.cjs';

let abs: FakeAudiobookshelf;
let otherBook: string;
beforeAll(async () => {
	abs = await startFakeAudiobookshelf({ books: 3 });
	otherBook = abs.state.books[1].id;
	abs.state.bookmarks.set(ROOT_USER_ID, [
		{
			libraryItemId: FIXTURE_BOOK_ID,
			time: 3723,
			title: 'The twist',
			createdAt: 1_700_000_000_000,
		},
		{ libraryItemId: otherBook, time: 12.5, title: 'Opening', createdAt: 1_700_000_100_000 },
	]);
});
afterAll(async () => await abs.close());
beforeEach(() => {
	abs.resetStats();
	abs.state.serverVersion = '2.36.0';
});

describe('Audiobookshelf → Bookmark → Get Many', () => {
	test('2.36.0+: GET /me/bookmarks, with the time as h:mm:ss and the creation date', async () => {
		const result = await run(abs, { resource: 'bookmark', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(requests(abs)).toEqual(['GET /api/me/bookmarks']);
		expect(jsonOf(result.items)).toEqual([
			{
				libraryItemId: FIXTURE_BOOK_ID,
				time: 3723,
				title: 'The twist',
				createdAt: 1_700_000_000_000,
				timeFormatted: '1:02:03',
				createdAtIso: '2023-11-14T22:13:20.000Z',
			},
			expect.objectContaining({ libraryItemId: otherBook, timeFormatted: '0:00:12' }),
		]);
	});

	test('one item: GET /me/bookmarks/:id; an unknown item is a clear 404', async () => {
		const result = await run(abs, {
			resource: 'bookmark',
			operation: 'getAll',
			bookmarkItemId: otherBook,
			returnAll: true,
		});
		expect(requests(abs)).toEqual([`GET /api/me/bookmarks/${otherBook}`]);
		expect(jsonOf(result.items).map((b) => b.title)).toEqual(['Opening']);
		const unknown = await run(abs, {
			resource: 'bookmark',
			operation: 'getAll',
			bookmarkItemId: '00000000-0000-4000-8000-00000000dead',
		});
		expect(unknown.error?.message).toBe(
			'Audiobookshelf has no library item 00000000-0000-4000-8000-00000000dead [item 0]',
		);
	});

	test('before 2.36.0 (no such route: Express "Cannot GET"): read from GET /me instead, filtered and limited', async () => {
		abs.state.serverVersion = '2.35.1';
		const result = await run(abs, {
			resource: 'bookmark',
			operation: 'getAll',
			bookmarkItemId: FIXTURE_BOOK_ID,
			limit: 5,
		});
		expect(result.error).toBeUndefined();
		expect(requests(abs)).toEqual([`GET /api/me/bookmarks/${FIXTURE_BOOK_ID}`, 'GET /api/me']);
		expect(abs.stats.log[0].status).toBe(404);
		expect(jsonOf(result.items).map((b) => b.title)).toEqual(['The twist']);
		const limited = await run(abs, { resource: 'bookmark', operation: 'getAll', limit: 1 });
		expect(jsonOf(limited.items)).toHaveLength(1);
	});
});
