import {
	FIXTURE_BOOK_ID,
	ROOT_USER_ID,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../../../fakes/audiobookshelf.cjs';
import { byId, requests, run } from '../../common.cjs';

let abs: FakeAudiobookshelf;
beforeEach(async () => {
	abs = await startFakeAudiobookshelf({ books: 2 });
	abs.state.bookmarks.set(ROOT_USER_ID, [
		{ libraryItemId: FIXTURE_BOOK_ID, time: 90, title: 'old', createdAt: 1 },
	]);
});
afterEach(async () => await abs.close());

describe('Audiobookshelf → Bookmark → Update', () => {
	test('renames the bookmark found by item and time', async () => {
		const result = await run(abs, {
			resource: 'bookmark',
			operation: 'update',
			libraryItemId: byId(FIXTURE_BOOK_ID),
			time: '1:30',
			title: 'new',
		});
		expect(result.error).toBeUndefined();
		expect(requests(abs)).toEqual([`PATCH /api/me/item/${FIXTURE_BOOK_ID}/bookmark`]);
		expect(result.items[0].json).toMatchObject({ time: 90, title: 'new' });
	});

	test("no bookmark at that time: Audiobookshelf's bare 404 becomes a sentence that says how to find it", async () => {
		const result = await run(abs, {
			resource: 'bookmark',
			operation: 'update',
			libraryItemId: byId(FIXTURE_BOOK_ID),
			time: '91',
			title: 'new',
		});
		expect(result.error?.message).toBe(
			`No bookmark at 91 s in library item ${FIXTURE_BOOK_ID} [item 0]`,
		);
		expect(result.error?.description).toMatch(/Bookmark → Get Many/);
	});
});
