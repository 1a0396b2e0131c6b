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
});
afterEach(async () => await abs.close());

describe('Audiobookshelf → Me → Delete Progress', () => {
	test('looks the progress up by item, deletes it by its own ID, returns { deleted: true }', async () => {
		const record = abs.setProgress(ROOT_USER_ID, {
			libraryItemId: FIXTURE_BOOK_ID,
			currentTime: 50,
		});
		const result = await run(abs, {
			resource: 'me',
			operation: 'deleteProgress',
			libraryItemId: byId(FIXTURE_BOOK_ID),
		});
		expect(result.error).toBeUndefined();
		expect(requests(abs)).toEqual([
			`GET /api/me/progress/${FIXTURE_BOOK_ID}`,
			`DELETE /api/me/progress/${record.id}`,
		]);
		expect(result.items[0].json).toEqual({ deleted: true });
		expect(abs.state.progress.get(ROOT_USER_ID)).toEqual([]);
	});

	test('no progress on that item: a clear error, nothing deleted', async () => {
		const result = await run(abs, {
			resource: 'me',
			operation: 'deleteProgress',
			libraryItemId: byId(FIXTURE_BOOK_ID),
		});
		expect(result.error?.message).toBe(
			`There is no listening progress for library item ${FIXTURE_BOOK_ID} [item 0]`,
		);
		expect(requests(abs)).toEqual([`GET /api/me/progress/${FIXTURE_BOOK_ID}`]);
	});
});
