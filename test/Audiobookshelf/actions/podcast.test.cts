import {
	BOOK_LIBRARY_ID,
	FIXTURE_BOOK_ID,
	PODCAST_ITEM_ID,
	PODCAST_LIBRARY_ID,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../../fakes/audiobookshelf.cjs';
import { jsonOf } from '../../harness/engine.cjs';
import { byId, requests, run } from '../common.cjs';

let abs: FakeAudiobookshelf;
beforeAll(async () => {
	abs = await startFakeAudiobookshelf({ books: 5 });
});
afterAll(async () => await abs.close());
beforeEach(() => {
	abs.resetStats();
	abs.clearFaults();
});

describe('Audiobookshelf → Podcast', () => {
	test('Get Episodes lists the episodes of the expanded podcast, one item each', async () => {
		const result = await run(abs, {
			resource: 'podcast',
			operation: 'getEpisodes',
			libraryItemId: byId(PODCAST_ITEM_ID),
			returnAll: true,
		});
		expect(
			jsonOf(result.items)
				.map((episode) => episode.title)
				.sort(),
		).toEqual(['Episode 1', 'Episode 2']);
		expect(jsonOf(result.items)[0].podcastTitle).toBe('My Test Podcast');
		expect(requests(abs)).toEqual([`GET /api/items/${PODCAST_ITEM_ID}?expanded=1`]);
	});

	test('Get Episodes of a book says it is not a podcast', async () => {
		const result = await run(abs, {
			resource: 'podcast',
			operation: 'getEpisodes',
			libraryItemId: byId(FIXTURE_BOOK_ID),
			returnAll: true,
		});
		expect(result.error?.message).toBe(
			`Library item ${FIXTURE_BOOK_ID} is a book, not a podcast [item 0]`,
		);
	});

	test('Check for New Episodes without a feed URL gives the server sentence', async () => {
		const result = await run(abs, {
			resource: 'podcast',
			operation: 'checkNew',
			libraryItemId: byId(PODCAST_ITEM_ID),
			maxEpisodes: 3,
		});
		expect(result.error?.message).toBe(
			'Audiobookshelf answered 400 Bad Request: Podcast has no rss feed url [item 0]',
		);
	});

	test('Check for New Episodes returns what the feed had, with limit sent', async () => {
		const podcast = abs.state.podcasts[0];
		const media = podcast.item.media as Record<string, unknown>;
		podcast.item = {
			...podcast.item,
			media: {
				...media,
				metadata: { ...(media.metadata as object), feedUrl: 'https://feeds.example.com/p.xml' },
			},
		};
		abs.state.feedEpisodes = [{ id: 'new-1', title: 'Fresh' }];
		const result = await run(abs, {
			resource: 'podcast',
			operation: 'checkNew',
			libraryItemId: byId(PODCAST_ITEM_ID),
			maxEpisodes: 2,
		});
		expect(jsonOf(result.items)).toEqual([
			{ id: 'new-1', title: 'Fresh', libraryItemId: PODCAST_ITEM_ID },
		]);
		expect(requests(abs)[0]).toBe(`GET /api/podcasts/${PODCAST_ITEM_ID}/checknew?limit=2`);
	});

	test('Check for New Episodes on a book explains instead of showing the server 500', async () => {
		const result = await run(abs, {
			resource: 'podcast',
			operation: 'checkNew',
			libraryItemId: byId(FIXTURE_BOOK_ID),
			maxEpisodes: 3,
		});
		expect(result.error?.message).toBe(
			`Library item ${FIXTURE_BOOK_ID} is a book, not a podcast [item 0]`,
		);
		expect(abs.stats.requests).toBe(2);
	});

	test('Get Recent Episodes pages from 0; on a book library it explains the 404', async () => {
		const result = await run(abs, {
			resource: 'podcast',
			operation: 'getRecentEpisodes',
			libraryId: byId(PODCAST_LIBRARY_ID),
			returnAll: false,
			limit: 10,
		});
		expect(jsonOf(result.items).length).toBeGreaterThanOrEqual(2);
		expect(requests(abs)).toEqual([
			`GET /api/libraries/${PODCAST_LIBRARY_ID}/recent-episodes?page=0&limit=10`,
		]);
		const book = await run(
			abs,
			{
				resource: 'podcast',
				operation: 'getRecentEpisodes',
				libraryId: byId(BOOK_LIBRARY_ID),
				returnAll: true,
			},
			{ continueOnFail: true },
		);
		expect(jsonOf(book.items)[0].error).toBe(
			`Library ${BOOK_LIBRARY_ID} is a book library, not a podcast library [item 0]`,
		);
	});
});
