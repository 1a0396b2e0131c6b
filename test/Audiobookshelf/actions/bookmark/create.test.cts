import {
	ABS_READER_TOKEN,
	FIXTURE_BOOK_ID,
	PODCAST_ITEM_ID,
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

const create = (parameters: Record<string, unknown>, options = {}) =>
	run(
		abs,
		{
			resource: 'bookmark',
			operation: 'create',
			libraryItemId: byId(FIXTURE_BOOK_ID),
			...parameters,
		},
		options,
	);

describe('Audiobookshelf → Bookmark → Create', () => {
	test('posts the time in seconds (h:mm:ss accepted) and the title; returns the bookmark', async () => {
		const result = await create({ time: '1:02:03.5', title: '  The twist ' });
		expect(result.error).toBeUndefined();
		expect(requests(abs)).toEqual([`POST /api/me/item/${FIXTURE_BOOK_ID}/bookmark`]);
		expect(result.items[0].json).toMatchObject({
			libraryItemId: FIXTURE_BOOK_ID,
			time: 3723.5,
			title: 'The twist',
			timeFormatted: '1:02:03',
		});
		expect(abs.state.bookmarks.get(ROOT_USER_ID)).toHaveLength(1);
	});

	test('the same time again only renames it (Audiobookshelf keeps one bookmark per time)', async () => {
		await create({ time: '30', title: 'first' });
		const again = await create({ time: '30', title: 'second' });
		expect(again.items[0].json).toMatchObject({ time: 30, title: 'second' });
		expect(abs.state.bookmarks.get(ROOT_USER_ID)).toEqual([
			expect.objectContaining({ time: 30, title: 'second' }),
		]);
	});

	test.each([
		[{ time: '-5', title: 'x' }, /Time "-5" is not a position/],
		[{ time: '1:75', title: 'x' }, /Time "1:75" is not a position/],
		[{ time: 'ten', title: 'x' }, /Time "ten" is not a position/],
		[{ time: '10', title: '   ' }, /Title is empty/],
	])('bad input is refused before any request: %j', async (parameters, message) => {
		const result = await create(parameters);
		expect(result.error?.message).toMatch(message);
		expect(abs.stats.requests).toBe(0);
	});

	test('an item the key user may not see: 403 (the reader has no podcast library)', async () => {
		const result = await create(
			{ libraryItemId: byId(PODCAST_ITEM_ID), time: '10', title: 'x' },
			{ credentials: { apiToken: ABS_READER_TOKEN } },
		);
		expect(result.error?.message).toBe('Audiobookshelf answered 403 Forbidden [item 0]');
	});
});
