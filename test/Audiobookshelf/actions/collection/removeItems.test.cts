import {
	BOOK_LIBRARY_ID,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../../../fakes/audiobookshelf.cjs';
import { requests, run } from '../../common.cjs';

let abs: FakeAudiobookshelf;
let collectionId: string;
let books: string[];
beforeEach(async () => {
	abs = await startFakeAudiobookshelf({ books: 4 });
	books = abs.state.books.map((book) => book.id);
	const created = await run(abs, {
		resource: 'collection',
		operation: 'create',
		libraryId: { __rl: true, mode: 'id', value: BOOK_LIBRARY_ID },
		name: 'Favourites',
		libraryItemIds: books.slice(0, 3).join(','),
	});
	collectionId = String(created.items[0].json.id);
	abs.resetStats();
});
afterEach(async () => await abs.close());

describe('Audiobookshelf → Collection → Remove Items', () => {
	test('one batch request; books not in the collection are ignored; returns the collection', async () => {
		const result = await run(abs, {
			resource: 'collection',
			operation: 'removeItems',
			collectionId,
			libraryItemIds: `${books[0]}, ${books[2]}, ${books[3]}`,
		});
		expect(result.error).toBeUndefined();
		expect(requests(abs)).toEqual([`POST /api/collections/${collectionId}/batch/remove`]);
		expect((result.items[0].json.books as Array<{ id: string }>).map((book) => book.id)).toEqual([
			books[1],
		]);
	});

	test('an empty list (Audiobookshelf would answer 500) and bad IDs are refused before any request', async () => {
		for (const libraryItemIds of [' , ', 'not-a-uuid']) {
			const result = await run(abs, {
				resource: 'collection',
				operation: 'removeItems',
				collectionId,
				libraryItemIds,
			});
			expect(result.error?.message).toMatch(
				/Book IDs (is empty|"not-a-uuid" is not valid) \[item 0\]/,
			);
		}
		expect(abs.stats.requests).toBe(0);
	});

	test('unknown collection: 404 with its sentence', async () => {
		const result = await run(abs, {
			resource: 'collection',
			operation: 'removeItems',
			collectionId: '00000000-0000-4000-8000-0000000000c0',
			libraryItemIds: books[0],
		});
		expect(result.error?.message).toBe(
			'Audiobookshelf answered 404 Not Found: Collection not found [item 0]',
		);
	});
});
