import {
	FIXTURE_BOOK_ID,
	PODCAST_ITEM_ID,
	absFixture,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../../../fakes/audiobookshelf.cjs';
import { jsonOf } from '../../../harness/engine.cjs';
import { byId, requests, run } from '../../common.cjs';

let abs: FakeAudiobookshelf;
beforeAll(async () => {
	abs = await startFakeAudiobookshelf({ books: 2 });
	abs.state.books[0].chapters = [
		{ id: 0, start: 0, end: 600.5, title: 'Opening Credits' },
		{ id: 1, start: 600.5, end: 3723.25, title: 'Chapter 1' },
	];
});
afterAll(async () => await abs.close());
beforeEach(() => abs.resetStats());

const chapters = (parameters: Record<string, unknown>) =>
	run(abs, { resource: 'libraryItem', operation: 'getChapters', ...parameters });

describe('Audiobookshelf → Library Item → Get Chapters', () => {
	test('one item per chapter from the item, with its length', async () => {
		const result = await chapters({ libraryItemId: byId(FIXTURE_BOOK_ID) });
		expect(result.error).toBeUndefined();
		expect(requests(abs)).toEqual([`GET /api/items/${FIXTURE_BOOK_ID}`]);
		expect(jsonOf(result.items)).toEqual([
			{
				libraryItemId: FIXTURE_BOOK_ID,
				index: 0,
				id: 0,
				title: 'Opening Credits',
				start: 0,
				end: 600.5,
				duration: 600.5,
			},
			{
				libraryItemId: FIXTURE_BOOK_ID,
				index: 1,
				id: 1,
				title: 'Chapter 1',
				start: 600.5,
				end: 3723.25,
				duration: 3122.75,
			},
		]);
	});

	test('a book without chapters: no items', async () => {
		const result = await chapters({ libraryItemId: byId(abs.state.books[1].id) });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
	});

	test("a podcast's chapters are its episode's; without an Episode ID the item is refused with what to do", async () => {
		const episodeId = String(
			(absFixture('pod-item').media as { episodes: Array<{ id: string }> }).episodes[0].id,
		);
		const withEpisode = await chapters({ libraryItemId: byId(PODCAST_ITEM_ID), episodeId });
		expect(withEpisode.error).toBeUndefined();
		expect(withEpisode.items).toEqual([]);
		const without = await chapters({ libraryItemId: byId(PODCAST_ITEM_ID) });
		expect(without.error?.message).toBe(
			'A podcast has chapters per episode: Episode ID is empty [item 0]',
		);
		const unknown = await chapters({
			libraryItemId: byId(PODCAST_ITEM_ID),
			episodeId: '00000000-0000-4000-8000-0000000000ee',
		});
		expect(unknown.error?.message).toMatch(/has no episode 00000000-0000-4000-8000-0000000000ee/);
	});
});
