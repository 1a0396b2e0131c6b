import {
	ABS_READER_TOKEN,
	BOOK_LIBRARY_ID,
	FIXTURE_BOOK_ID,
	PODCAST_LIBRARY_ID,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../../fakes/audiobookshelf.cjs';
import { jsonOf } from '../../harness/engine.cjs';
import { byId, run } from '../common.cjs';

let abs: FakeAudiobookshelf;
beforeAll(async () => {
	abs = await startFakeAudiobookshelf({ books: 40 });
});
afterAll(async () => await abs.close());
beforeEach(() => {
	abs.resetStats();
	abs.clearFaults();
});

describe('Audiobookshelf → Playlist', () => {
	let playlistId = '';

	test('Create with a book and a podcast episode entry; Add Items; Get; Get Many of the own playlists', async () => {
		const created = await run(abs, {
			resource: 'playlist',
			operation: 'create',
			libraryId: byId(BOOK_LIBRARY_ID),
			name: 'Commute',
			items: FIXTURE_BOOK_ID,
		});
		expect(created.error).toBeUndefined();
		playlistId = String(jsonOf(created.items)[0].id);
		expect(abs.stats.log[0] && JSON.stringify(jsonOf(created.items)[0].items)).toContain(
			FIXTURE_BOOK_ID,
		);
		const added = await run(abs, {
			resource: 'playlist',
			operation: 'addItems',
			playlistId,
			items: `1141cc10-abb4-480e-839c-25364b8204ca/fc98e87b-d649-424c-8c62-629eec909e74`,
		});
		expect(added.error).toBeUndefined();
		const entries = jsonOf(added.items)[0].items as Array<{
			libraryItemId: string;
			episodeId?: string;
		}>;
		expect(entries[1]).toMatchObject({
			libraryItemId: '1141cc10-abb4-480e-839c-25364b8204ca',
			episodeId: 'fc98e87b-d649-424c-8c62-629eec909e74',
		});
		const got = await run(abs, { resource: 'playlist', operation: 'get', playlistId });
		expect(jsonOf(got.items)[0].name).toBe('Commute');
		const many = await run(abs, {
			resource: 'playlist',
			operation: 'getAll',
			libraryId: byId(BOOK_LIBRARY_ID),
			returnAll: true,
		});
		expect(jsonOf(many.items)).toHaveLength(1);
	});

	test("another user's playlist is 403; Add Items without items is refused first", async () => {
		const foreign = await run(
			abs,
			{ resource: 'playlist', operation: 'get', playlistId },
			{ credentials: { apiToken: ABS_READER_TOKEN } },
		);
		expect(foreign.error?.message).toBe('Audiobookshelf answered 403 Forbidden [item 0]');
		abs.resetStats();
		const empty = await run(abs, {
			resource: 'playlist',
			operation: 'addItems',
			playlistId,
			items: '={{ "" }}',
		});
		expect(empty.error?.message).toContain('Items is empty');
		expect(abs.stats.requests).toBe(0);
	});

	test('a podcast library lists no playlists of the user', async () => {
		const result = await run(abs, {
			resource: 'playlist',
			operation: 'getAll',
			libraryId: byId(PODCAST_LIBRARY_ID),
			returnAll: true,
		});
		expect(result.items).toHaveLength(0);
		expect(result.error).toBeUndefined();
	});
});
