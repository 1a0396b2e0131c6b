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
		{ libraryItemId: FIXTURE_BOOK_ID, time: 12.25, title: 'a', createdAt: 1 },
	]);
});
afterEach(async () => await abs.close());

const remove = (time: string) =>
	run(abs, {
		resource: 'bookmark',
		operation: 'delete',
		libraryItemId: byId(FIXTURE_BOOK_ID),
		time,
	});

describe('Audiobookshelf → Bookmark → Delete', () => {
	test('deletes by item and time and returns { deleted: true }', async () => {
		const result = await remove('12.25');
		expect(result.error).toBeUndefined();
		expect(requests(abs)).toEqual([`DELETE /api/me/item/${FIXTURE_BOOK_ID}/bookmark/12.25`]);
		expect(result.items[0].json).toEqual({ deleted: true });
		expect(abs.state.bookmarks.get(ROOT_USER_ID)).toEqual([]);
	});

	test('a time with no bookmark: clear 404', async () => {
		const result = await remove('13');
		expect(result.error?.message).toBe(
			`No bookmark at 13 s in library item ${FIXTURE_BOOK_ID} [item 0]`,
		);
	});
});
