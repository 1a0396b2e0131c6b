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

const hide = () =>
	run(abs, {
		resource: 'me',
		operation: 'removeFromContinueListening',
		libraryItemId: byId(FIXTURE_BOOK_ID),
	});

describe('Audiobookshelf → Me → Remove From Continue Listening', () => {
	test('hides the progress (kept) and returns it from the user object Audiobookshelf answers', async () => {
		const record = abs.setProgress(ROOT_USER_ID, {
			libraryItemId: FIXTURE_BOOK_ID,
			currentTime: 50,
		});
		const result = await hide();
		expect(result.error).toBeUndefined();
		expect(requests(abs)).toEqual([
			`GET /api/me/progress/${FIXTURE_BOOK_ID}`,
			`GET /api/me/progress/${record.id}/remove-from-continue-listening`,
		]);
		expect(result.items[0].json).toMatchObject({
			id: record.id,
			libraryItemId: FIXTURE_BOOK_ID,
			currentTime: 50,
			hideFromContinueListening: true,
		});
		// Not the whole user: no username, no other progress.
		expect(result.items[0].json.username).toBeUndefined();
	});

	test('before 2.2.0 the older progress route catches the path and answers a bare 404', async () => {
		abs.setProgress(ROOT_USER_ID, { libraryItemId: FIXTURE_BOOK_ID, currentTime: 50 });
		abs.state.serverVersion = '2.1.0';
		const result = await hide();
		expect(result.error?.message).toBe('Audiobookshelf answered 404 Not Found [item 0]');
	});
});
