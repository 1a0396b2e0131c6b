import { jsonOf } from '../../harness/engine.cjs';
import {
	ABR_UNTRUSTED_TOKEN,
	createAbrState,
	startFakeAudioBookRequest,
	type FakeAudioBookRequest,
} from '../../fakes/audiobookrequest.cjs';
import { calls, run } from '../helpers.cjs';

let abr: FakeAudioBookRequest;
beforeAll(async () => {
	abr = await startFakeAudioBookRequest();
});
afterAll(async () => await abr.close());
beforeEach(() => {
	Object.assign(abr.state, createAbrState());
	abr.resetStats();
	abr.clearFaults();
});

describe('AudioBookRequest → Book', () => {
	test('Search sends q, num_results, page and region; one item per book', async () => {
		const result = await run(
			abr,
			{
				resource: 'book',
				operation: 'search',
				query: 'dune',
				region: 'de',
				numResults: 5,
				page: 0,
			},
			{ token: ABR_UNTRUSTED_TOKEN },
		);
		expect(calls(abr)).toEqual(['GET /api/search?q=dune&num_results=5&page=0&region=de']);
		expect(jsonOf(result.items).map((entry) => (entry.book as { title: string }).title)).toEqual([
			'Dune',
			'Dune Messiah',
		]);
	});

	test('Search without region leaves it to the server; an empty query is refused before any request', async () => {
		await run(abr, { resource: 'book', operation: 'search', query: 'omens' });
		expect(calls(abr)).toEqual(['GET /api/search?q=omens&num_results=20&page=0']);
		abr.resetStats();
		const result = await run(abr, { resource: 'book', operation: 'search', query: '={{ "  " }}' });
		expect(result.error?.message).toBe('Query is empty [item 0]');
		expect(abr.stats.requests).toBe(0);
	});

	test('Get Suggestions: one item per suggestion', async () => {
		const result = await run(abr, { resource: 'book', operation: 'getSuggestions', query: 'dune' });
		expect(jsonOf(result.items)).toEqual([{ suggestion: 'Dune' }, { suggestion: 'Dune Messiah' }]);
		expect(calls(abr)).toEqual(['GET /api/search/suggestions?q=dune']);
	});

	test('a slow server (argon2 check) is waited for; timeout is reported clearly', async () => {
		const slow = await startFakeAudioBookRequest({ argonMs: 300 });
		try {
			const ok = await run(slow, { resource: 'book', operation: 'search', query: 'dune' });
			expect(ok.error).toBeUndefined();
			const timedOut = await run(slow, {
				resource: 'book',
				operation: 'search',
				query: 'dune',
				requestOptions: { timeout: 100, maxRetries: 0 },
			});
			expect(timedOut.error?.message).toMatch(/did not answer within 100 ms/);
		} finally {
			await slow.close();
		}
	});
});
