import {
	BOOK_LIBRARY_ID,
	FIXTURE_AUTHOR_ID,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../../fakes/audiobookshelf.cjs';
import { jsonOf } from '../../harness/engine.cjs';
import { byId, requests, run } from '../common.cjs';

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
