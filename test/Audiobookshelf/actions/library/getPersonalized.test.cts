import {
	BOOK_LIBRARY_ID,
	FIXTURE_BOOK_ID,
	PODCAST_LIBRARY_ID,
	ROOT_USER_ID,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../../../fakes/audiobookshelf.cjs';
import { jsonOf } from '../../../harness/engine.cjs';
import { byId, requests, run } from '../../common.cjs';

let abs: FakeAudiobookshelf;
beforeAll(async () => {
	abs = await startFakeAudiobookshelf({ books: 6 });
	abs.setProgress(ROOT_USER_ID, {
		libraryItemId: FIXTURE_BOOK_ID,
		currentTime: 120,
		lastUpdate: 5,
	});
	abs.setProgress(ROOT_USER_ID, {
		libraryItemId: abs.state.books[2].id,
		isFinished: true,
		finishedAt: 4,
		lastUpdate: 4,
	});
});
afterAll(async () => await abs.close());
beforeEach(() => abs.resetStats());

const shelves = (parameters: Record<string, unknown>) =>
	run(abs, {
		resource: 'library',
		operation: 'getPersonalized',
		libraryId: byId(BOOK_LIBRARY_ID),
		...parameters,
	});

describe('Audiobookshelf → Library → Get Personalized Shelves', () => {
	test('one item per shelf, simplified entries, the per-shelf limit sent as limit', async () => {
		const result = await shelves({ entriesPerShelf: 2 });
		expect(result.error).toBeUndefined();
		expect(requests(abs)).toEqual([`GET /api/libraries/${BOOK_LIBRARY_ID}/personalized?limit=2`]);
		const byShelf = Object.fromEntries(jsonOf(result.items).map((shelf) => [shelf.id, shelf]));
		expect(Object.keys(byShelf)).toEqual([
			'continue-listening',
			'recently-added',
			'discover',
			'listen-again',
			'newest-authors',
		]);
		expect(byShelf['continue-listening']).toMatchObject({
			libraryId: BOOK_LIBRARY_ID,
			label: 'Continue Listening',
			type: 'book',
			total: 1,
			entities: [
				expect.objectContaining({ id: FIXTURE_BOOK_ID, title: 'Second Story', author: 'John Roe' }),
			],
		});
		expect(byShelf['recently-added']).toMatchObject({ total: 6 });
		expect(byShelf['recently-added'].entities).toHaveLength(2);
		expect(
			(byShelf['recently-added'].entities as Array<Record<string, unknown>>)[0].media,
		).toBeUndefined();
		// Authors are not library items: passed through as they are.
		expect(byShelf['newest-authors'].entities).toEqual(
			expect.arrayContaining([expect.objectContaining({ name: 'John Roe', numBooks: 2 })]),
		);
	});

	test('only the chosen shelves; Remove From Continue Listening takes the book off that shelf', async () => {
		const before = await shelves({ shelves: ['continue-listening'] });
		expect(jsonOf(before.items).map((shelf) => shelf.id)).toEqual(['continue-listening']);
		await run(abs, {
			resource: 'me',
			operation: 'removeFromContinueListening',
			libraryItemId: byId(FIXTURE_BOOK_ID),
		});
		const after = await shelves({ shelves: ['continue-listening'] });
		// The server omits an empty shelf.
		expect(after.items).toEqual([]);
	});

	test('podcast library: its own shelves', async () => {
		const result = await shelves({ libraryId: byId(PODCAST_LIBRARY_ID) });
		expect(jsonOf(result.items).map((shelf) => shelf.id)).toEqual([
			'newest-episodes',
			'recently-added',
		]);
		expect((jsonOf(result.items)[0].entities as Array<Record<string, unknown>>)[0]).toHaveProperty(
			'episode.title',
		);
	});
});
