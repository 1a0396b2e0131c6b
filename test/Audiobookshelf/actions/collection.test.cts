import {
	BOOK_LIBRARY_ID,
	FIXTURE_BOOK_ID,
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
