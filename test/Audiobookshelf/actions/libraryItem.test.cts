import {
	ABS_TOKEN,
	BOOK_LIBRARY_ID,
	FIXTURE_AUTHOR_ID,
	FIXTURE_BOOK_ID,
	FIXTURE_SERIES_ID,
	ROOT_USER_ID,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../../fakes/audiobookshelf.cjs';
import { jsonOf } from '../../harness/engine.cjs';
import { byId, requests, run } from '../common.cjs';

let abs: FakeAudiobookshelf;
beforeAll(async () => {
	abs = await startFakeAudiobookshelf({ books: 1234 });
});
afterAll(async () => await abs.close());
beforeEach(() => {
	abs.resetStats();
	abs.clearFaults();
	abs.state.staleCache = false;
	abs.clearCache();
});

const getMany = (extra: Record<string, unknown>) => ({
	resource: 'libraryItem',
	operation: 'getAll',
	libraryId: byId(BOOK_LIBRARY_ID),
	...extra,
});
const queryOf = (abs: FakeAudiobookshelf, index = 0) =>
	new URLSearchParams(abs.stats.log[index].query);

describe('Audiobookshelf → Library Item → Get Many', () => {
	test('Return All reads pages of 500 (0-based), the rest concurrently once total is known, every item once', async () => {
		const result = await run(abs, getMany({ returnAll: true, simplify: true }));
		expect(result.error).toBeUndefined();
		const ids = jsonOf(result.items).map((item) => item.id);
		expect(ids).toHaveLength(1234);
		expect(new Set(ids).size).toBe(1234);
		expect(abs.stats.requests).toBe(3);
		const pages = abs.stats.log
			.map((entry) => new URLSearchParams(entry.query))
			.map((query) => [query.get('limit'), query.get('page')]);
		expect(pages.sort()).toEqual([
			['500', '0'],
			['500', '1'],
			['500', '2'],
		]);
		expect(jsonOf(result.items)[0]).toMatchObject({
			id: FIXTURE_BOOK_ID,
			title: 'Second Story',
			author: 'John Roe',
			series: 'Sample Series #2',
		});
	});

	test('Limit ≤ page size is one request with limit = Limit', async () => {
		const result = await run(abs, getMany({ returnAll: false, limit: 7, simplify: false }));
		expect(jsonOf(result.items)).toHaveLength(7);
		expect(requests(abs)).toEqual([`GET /api/libraries/${BOOK_LIBRARY_ID}/items?page=0&limit=7`]);
		expect(jsonOf(result.items)[0].media).toBeDefined();
	});

	test('Limit above the page size stops at Limit', async () => {
		const result = await run(abs, getMany({ returnAll: false, limit: 600 }));
		expect(jsonOf(result.items)).toHaveLength(600);
		expect(abs.stats.requests).toBe(2);
	});

	test('filters are group + base64 value, percent-encoded; sort and direction are sent', async () => {
		const result = await run(
			abs,
			getMany({
				returnAll: true,
				filterGroup: 'genres',
				filterValue: 'Biographie & Mémoires',
				sort: { sortBy: 'addedAt', descending: true },
			}),
		);
		expect(result.error).toBeUndefined();
		const items = jsonOf(result.items);
		expect(items.length).toBe(308);
		expect(items.every((item) => (item.genres as string[]).includes('Biographie & Mémoires'))).toBe(
			true,
		);
		const raw = abs.stats.log[0].query;
		const encoded = Buffer.from('Biographie & Mémoires', 'utf8').toString('base64');
		expect(encoded).toMatch(/[+/=]/);
		expect(raw).toContain(`filter=genres.${encodeURIComponent(encoded)}`);
		expect(queryOf(abs).get('sort')).toBe('addedAt');
		expect(queryOf(abs).get('desc')).toBe('1');
		const added = items.map((item) => Date.parse(String(item.addedAt)));
		expect([...added].sort((a, b) => b - a)).toEqual(added);
	});

	test('author and series filters take IDs; "no-series" is accepted', async () => {
		const byAuthor = await run(
			abs,
			getMany({ returnAll: true, filterGroup: 'authors', filterAuthorId: FIXTURE_AUTHOR_ID }),
		);
		expect(jsonOf(byAuthor.items).every((item) => item.author === 'John Roe')).toBe(true);
		expect(queryOf(abs).get('filter')).toBe(
			`authors.${Buffer.from(FIXTURE_AUTHOR_ID).toString('base64')}`,
		);
		abs.resetStats();
		const noSeries = await run(
			abs,
			getMany({ returnAll: true, filterGroup: 'series', filterSeriesId: 'no-series' }),
		);
		expect(jsonOf(noSeries.items).every((item) => item.series === '')).toBe(true);
		expect(jsonOf(noSeries.items).length).toBeGreaterThan(0);
		abs.resetStats();
		const inSeries = await run(
			abs,
			getMany({
				returnAll: true,
				filterGroup: 'series',
				filterSeriesId: FIXTURE_SERIES_ID,
				sort: { sortBy: 'sequence' },
			}),
		);
		expect(jsonOf(inSeries.items).length).toBe(309);
	});

	test('a bad author id or an empty value is refused before any request', async () => {
		const badId = await run(
			abs,
			getMany({ returnAll: true, filterGroup: 'authors', filterAuthorId: 'John Roe' }),
		);
		expect(badId.error?.message).toContain('Author ID "John Roe" is not valid');
		const empty = await run(
			abs,
			getMany({ returnAll: true, filterGroup: 'tags', filterValue: '  ' }),
		);
		expect(empty.error?.message).toContain('Value is empty');
		expect(abs.stats.requests).toBe(0);
	});

	test('progress filters bypass the stale response cache (_ts), so a just-finished book is counted', async () => {
		abs.state.staleCache = true;
		const filter = { returnAll: true, filterGroup: 'progress', filterProgress: 'finished' };
		// The URL a client without cache buster would use, read once before the progress write (now cached):
		const staleUrl = `${abs.url}/api/libraries/${BOOK_LIBRARY_ID}/items?filter=${encodeURIComponent(`progress.${Buffer.from('finished').toString('base64')}`)}&page=0&limit=500`;
		const read = async () =>
			await fetch(staleUrl, { headers: { Authorization: `Bearer ${ABS_TOKEN}` } }).then(
				async (response) => (await response.json()) as { total: number },
			);
		try {
			expect((await read()).total).toBe(0);
			const first = await run(abs, getMany(filter));
			expect(jsonOf(first.items)).toHaveLength(0);
			const update = await run(abs, {
				resource: 'libraryItem',
				operation: 'updateProgress',
				libraryItemId: byId(FIXTURE_BOOK_ID),
				progressAction: 'finish',
			});
			expect(jsonOf(update.items)).toEqual([
				{ success: true, libraryItemId: FIXTURE_BOOK_ID, isFinished: true },
			]);
			expect((await read()).total).toBe(0); // stale on the server
			abs.resetStats();
			const second = await run(abs, getMany(filter));
			expect(jsonOf(second.items).map((item) => item.id)).toEqual([FIXTURE_BOOK_ID]);
			expect(abs.stats.log.every((entry) => /_ts=\d+/.test(entry.query))).toBe(true);
		} finally {
			abs.state.progress.set(ROOT_USER_ID, []);
		}
	});

	test('filters that progress writes cannot change keep the cacheable URL', async () => {
		await run(
			abs,
			getMany({ returnAll: false, limit: 5, filterGroup: 'tags', filterValue: 'favourite' }),
		);
		expect(abs.stats.log[0].query).not.toContain('_ts=');
	});

	test('an unknown library id is a 404 with the server sentence; Continue On Fail keeps going', async () => {
		const result = await run(
			abs,
			getMany({ libraryId: byId('00000000-0000-4000-8000-00000000abcd'), returnAll: true }),
			{ continueOnFail: true },
		);
		expect(jsonOf(result.items)[0].error).toBe(
			'Audiobookshelf answered 404 Not Found: Library not found [item 0]',
		);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('a list that shrinks while read makes Return All fail instead of returning less', async () => {
		abs.injectFault({ kind: 'empty', match: (request) => request.query.get('page') === '2' });
		const result = await run(abs, getMany({ returnAll: true }));
		expect(result.error).toBeDefined();
		expect(result.serialized).not.toContain(ABS_TOKEN);
	});
});

describe('Audiobookshelf → Library Item → Get / Search / Update Progress', () => {
	test('Get returns the expanded item with progress', async () => {
		const result = await run(abs, {
			resource: 'libraryItem',
			operation: 'get',
			libraryItemId: byId(FIXTURE_BOOK_ID),
		});
		const item = jsonOf(result.items)[0];
		expect(item).toMatchObject({ id: FIXTURE_BOOK_ID, userMediaProgress: null });
		expect(
			((item.media as Record<string, unknown>).metadata as Record<string, unknown>).authors,
		).toEqual([{ id: FIXTURE_AUTHOR_ID, name: 'John Roe' }]);
		expect(requests(abs)).toEqual([
			`GET /api/items/${FIXTURE_BOOK_ID}?expanded=1&include=progress`,
		]);
	});

	test('Get of an unknown item is a 404 with the ID hint', async () => {
		const result = await run(abs, {
			resource: 'libraryItem',
			operation: 'get',
			libraryItemId: byId('00000000-0000-4000-8000-00000000abcd'),
		});
		expect(result.error?.message).toBe('Audiobookshelf answered 404 Not Found [item 0]');
		expect(result.error?.description).toContain('Check the ID');
	});

	test('Search returns all kinds in one item, or one item per result of one kind', async () => {
		const all = await run(abs, {
			resource: 'libraryItem',
			operation: 'search',
			libraryId: byId(BOOK_LIBRARY_ID),
			query: 'Roe',
			kind: 'all',
			limit: 5,
		});
		const body = jsonOf(all.items)[0];
		expect(Object.keys(body).sort()).toEqual([
			'authors',
			'book',
			'genres',
			'narrators',
			'series',
			'tags',
		]);
		expect((body.authors as Array<{ name: string }>)[0].name).toBe('John Roe');
		expect(queryOf(abs).get('q')).toBe('Roe');
		const books = await run(abs, {
			resource: 'libraryItem',
			operation: 'search',
			libraryId: byId(BOOK_LIBRARY_ID),
			query: 'Book 0001',
			kind: 'book',
			limit: 3,
		});
		expect(jsonOf(books.items)).toHaveLength(3);
		expect(jsonOf(books.items)[0]).toMatchObject({
			title: expect.stringContaining('Book 0001'),
			matchKey: 'title',
		});
	});

	test('Search with an empty query is refused before any request', async () => {
		const result = await run(abs, {
			resource: 'libraryItem',
			operation: 'search',
			libraryId: byId(BOOK_LIBRARY_ID),
			query: '={{ "  " }}',
			kind: 'all',
			limit: 5,
		});
		expect(result.error?.message).toContain('Query is empty');
		expect(abs.stats.requests).toBe(0);
	});

	test('Update Progress sets a position (OK → success) and refuses a position after the end', async () => {
		const bookId = abs.state.books[5].id;
		const result = await run(abs, {
			resource: 'libraryItem',
			operation: 'updateProgress',
			libraryItemId: byId(bookId),
			progressAction: 'position',
			currentTime: 30,
			duration: 120,
		});
		expect(jsonOf(result.items)).toEqual([
			{ success: true, libraryItemId: bookId, currentTime: 30, duration: 120, progress: 0.25 },
		]);
		expect(abs.stats.log[0]).toMatchObject({ method: 'PATCH', path: `/api/me/progress/${bookId}` });
		const bad = await run(abs, {
			resource: 'libraryItem',
			operation: 'updateProgress',
			libraryItemId: byId(bookId),
			progressAction: 'position',
			currentTime: 300,
			duration: 120,
		});
		expect(bad.error?.message).toContain('is after the end of the duration');
		expect(abs.stats.requests).toBe(1);
	});
});
