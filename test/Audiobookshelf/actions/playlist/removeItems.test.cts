import {
	BOOK_LIBRARY_ID,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../../../fakes/audiobookshelf.cjs';
import { requests, run } from '../../common.cjs';

let abs: FakeAudiobookshelf;
let playlistId: string;
let books: string[];
beforeEach(async () => {
	abs = await startFakeAudiobookshelf({ books: 3 });
	books = abs.state.books.map((book) => book.id);
	const created = await run(abs, {
		resource: 'playlist',
		operation: 'create',
		libraryId: { __rl: true, mode: 'id', value: BOOK_LIBRARY_ID },
		name: 'Commute',
		items: books.slice(0, 2).join(','),
	});
	playlistId = String(created.items[0].json.id);
	abs.resetStats();
});
afterEach(async () => await abs.close());

const removeItems = (items: string) =>
	run(abs, { resource: 'playlist', operation: 'removeItems', playlistId, items });

describe('Audiobookshelf → Playlist → Remove Items', () => {
	test('removes in one request and returns the playlist', async () => {
		const result = await removeItems(books[0]);
		expect(result.error).toBeUndefined();
		expect(requests(abs)).toEqual([`POST /api/playlists/${playlistId}/batch/remove`]);
		expect(result.items[0].json).toMatchObject({ id: playlistId, playlistDeleted: false });
		expect(
			(result.items[0].json.items as Array<{ libraryItemId: string }>).map((i) => i.libraryItemId),
		).toEqual([books[1]]);
	});

	test('removing the last items deletes the playlist (Audiobookshelf does): playlistDeleted is true', async () => {
		const result = await removeItems(`${books[0]},${books[1]}`);
		expect(result.items[0].json).toMatchObject({
			id: playlistId,
			playlistDeleted: true,
			items: [],
		});
		expect(abs.state.playlists).toEqual([]);
	});

	test('before 2.2.6: the error names the version', async () => {
		abs.state.serverVersion = '2.2.5';
		const result = await removeItems(books[0]);
		expect(result.error?.message).toBe(
			`Audiobookshelf does not know POST /api/playlists/${playlistId}/batch/remove: this needs Audiobookshelf 2.2.6 or later [item 0]`,
		);
	});

	test('empty Items is refused before any request', async () => {
		const result = await removeItems(' , ');
		expect(result.error?.message).toMatch(/Items is empty \[item 0\]/);
		expect(abs.stats.requests).toBe(0);
	});
});
