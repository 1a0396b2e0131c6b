import {
	BOOK_LIBRARY_ID,
	FIXTURE_SERIES_ID,
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
		expect(result.error?.message).toBe('Audiobookshelf answered 404 Not Found [item 0]');
		expect(result.error?.description).toContain('Series are not found when');
	});
});
