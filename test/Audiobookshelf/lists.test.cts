import {
	ABS_READER_TOKEN,
	BOOK_LIBRARY_ID,
	FIXTURE_AUTHOR_ID,
	FIXTURE_BOOK_ID,
	FIXTURE_SERIES_ID,
	PODCAST_LIBRARY_ID,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../fakes/audiobookshelf.cjs';
import { jsonOf } from '../harness/engine.cjs';
import { byId, requests, run } from './common.cjs';

let abs: FakeAudiobookshelf;
beforeAll(async () => {
	abs = await startFakeAudiobookshelf({ books: 40 });
});
afterAll(async () => await abs.close());
beforeEach(() => {
	abs.resetStats();
	abs.clearFaults();
});

const query = (index = 0) => new URLSearchParams(abs.stats.log[index].query);

describe('Audiobookshelf → Series', () => {
	test('Get Many always sends limit > 0 (no limit would return an empty page) and page from 0', async () => {
		const result = await run(abs, {
			resource: 'series',
			operation: 'getAll',
			libraryId: byId(BOOK_LIBRARY_ID),
			returnAll: true,
			sort: { sortBy: 'numBooks', descending: true },
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.items).map((series) => series.id)).toEqual([FIXTURE_SERIES_ID]);
		expect(query().get('limit')).toBe('100');
		expect(query().get('page')).toBe('0');
		expect(query().get('sort')).toBe('numBooks');
		expect(query().get('desc')).toBe('1');
	});

	test('Get returns the series with progress; a bad id is refused first', async () => {
		const result = await run(abs, {
			resource: 'series',
			operation: 'get',
			seriesId: FIXTURE_SERIES_ID,
		});
		expect(jsonOf(result.items)[0]).toMatchObject({
			id: FIXTURE_SERIES_ID,
			name: 'Sample Series',
			progress: { isFinished: false },
		});
		expect(requests(abs)).toEqual([`GET /api/series/${FIXTURE_SERIES_ID}?include=progress`]);
		const bad = await run(abs, { resource: 'series', operation: 'get', seriesId: 'Sample Series' });
		expect(bad.error?.message).toContain('Series ID "Sample Series" is not valid');
		expect(abs.stats.requests).toBe(1);
	});

	test('a series the user cannot see is a 404 with the visibility hint', async () => {
		const result = await run(abs, {
			resource: 'series',
			operation: 'get',
			seriesId: '00000000-0000-4000-8000-0000000000ff',
		});
		expect(result.error?.message).toBe(
			'Series 00000000-0000-4000-8000-0000000000ff was not found [item 0]',
		);
		expect(result.error?.description).toContain('can see none of its books');
	});
});

describe('Audiobookshelf → Author', () => {
	test('Get Many sends both limit and page, so the list is paginated, and pages concurrently when needed', async () => {
		const result = await run(abs, {
			resource: 'author',
			operation: 'getAll',
			libraryId: byId(BOOK_LIBRARY_ID),
			returnAll: false,
			limit: 2,
		});
		expect(jsonOf(result.items).map((author) => author.name)).toEqual(['John Roe', 'Jane Doe']);
		expect(requests(abs)).toEqual([`GET /api/libraries/${BOOK_LIBRARY_ID}/authors?page=0&limit=2`]);
	});

	test('Return All reads every author', async () => {
		const result = await run(abs, {
			resource: 'author',
			operation: 'getAll',
			libraryId: byId(BOOK_LIBRARY_ID),
			returnAll: true,
		});
		expect(jsonOf(result.items)).toHaveLength(3);
		expect(jsonOf(result.items)[0]).toMatchObject({
			id: FIXTURE_AUTHOR_ID,
			numBooks: 14,
			lastFirst: 'Roe, John',
		});
	});

	test('Get includes books and series', async () => {
		const result = await run(abs, {
			resource: 'author',
			operation: 'get',
			authorId: FIXTURE_AUTHOR_ID,
			includeItems: true,
		});
		const author = jsonOf(result.items)[0];
		expect(author.name).toBe('John Roe');
		expect((author.libraryItems as unknown[]).length).toBe(14);
		expect(query().get('include')).toBe('items,series');
	});
});

describe('Audiobookshelf → Collection', () => {
	let collectionId = '';

	test('Create sends libraryId, name and books and returns the expanded collection', async () => {
		const other = abs.state.books[1].id;
		const result = await run(abs, {
			resource: 'collection',
			operation: 'create',
			libraryId: byId(BOOK_LIBRARY_ID),
			name: 'Summer',
			libraryItemIds: `${FIXTURE_BOOK_ID}, ${other}`,
			description: 'desc',
		});
		expect(result.error).toBeUndefined();
		const collection = jsonOf(result.items)[0];
		collectionId = String(collection.id);
		expect((collection.books as Array<{ id: string }>).map((book) => book.id)).toEqual([
			FIXTURE_BOOK_ID,
			other,
		]);
		expect(abs.stats.log[0]).toMatchObject({ method: 'POST', path: '/api/collections' });
	});

	test('Create refuses a malformed book id before any request; the server refuses a podcast', async () => {
		const bad = await run(abs, {
			resource: 'collection',
			operation: 'create',
			libraryId: byId(BOOK_LIBRARY_ID),
			name: 'X',
			libraryItemIds: 'not-an-id',
		});
		expect(bad.error?.message).toContain('Book IDs "not-an-id" is not valid');
		expect(abs.stats.requests).toBe(0);
		const wrong = await run(abs, {
			resource: 'collection',
			operation: 'create',
			libraryId: byId(BOOK_LIBRARY_ID),
			name: 'X',
			libraryItemIds: '1141cc10-abb4-480e-839c-25364b8204ca',
		});
		expect(wrong.error?.message).toBe(
			'Audiobookshelf answered 400 Bad Request: Invalid collection data. Invalid books [item 0]',
		);
	});

	test('Add Items uses batch/add; Get and Get Many see the books', async () => {
		const third = abs.state.books[2].id;
		const added = await run(abs, {
			resource: 'collection',
			operation: 'addItems',
			collectionId,
			libraryItemIds: [third, FIXTURE_BOOK_ID] as unknown as string,
		});
		expect((jsonOf(added.items)[0].books as unknown[]).length).toBe(3);
		expect(abs.stats.log[0]).toMatchObject({
			method: 'POST',
			path: `/api/collections/${collectionId}/batch/add`,
		});
		const got = await run(abs, { resource: 'collection', operation: 'get', collectionId });
		expect(jsonOf(got.items)[0].name).toBe('Summer');
		const many = await run(abs, {
			resource: 'collection',
			operation: 'getAll',
			libraryId: byId(BOOK_LIBRARY_ID),
			returnAll: true,
		});
		expect(jsonOf(many.items).map((collection) => collection.id)).toEqual([collectionId]);
	});

	test('an unknown collection is a 404 with the server sentence', async () => {
		const result = await run(abs, {
			resource: 'collection',
			operation: 'get',
			collectionId: '00000000-0000-4000-8000-0000000000aa',
		});
		expect(result.error?.message).toBe(
			'Audiobookshelf answered 404 Not Found: Collection not found [item 0]',
		);
	});
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
