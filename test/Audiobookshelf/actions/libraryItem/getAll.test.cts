/**
 * Get Many of items on big libraries: pages of 500 fetched concurrently (≤ 8 in flight) once `total` is known, versus
 * one `limit=0` request. The fake charges server time per returned item (`perItemDelayMs`, asynchronous, so requests
 * overlap as the server's SQLite thread pool lets them). The 50,000-item comparison runs with ABS_BENCH=1.
 */
import {
	BOOK_LIBRARY_ID,
	ABS_TOKEN,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../../../fakes/audiobookshelf.cjs';
import { byId, run } from '../../common.cjs';

const timed = async <T,>(task: () => Promise<T>): Promise<{ ms: number; value: T }> => {
	const start = performance.now();
	const value = await task();
	return { ms: Math.round(performance.now() - start), value };
};

async function oneRequest(abs: FakeAudiobookshelf): Promise<number> {
	const response = await fetch(`${abs.url}/api/libraries/${BOOK_LIBRARY_ID}/items?limit=0`, {
		headers: { Authorization: `Bearer ${ABS_TOKEN}` },
	});
	const body = (await response.json()) as { results: unknown[] };
	return body.results.length;
}

describe('Audiobookshelf → Library Item → Get Many paging', () => {
	let abs: FakeAudiobookshelf;
	afterEach(async () => await abs?.close());

	test('5,000 items: 10 requests of 500, at most 8 in flight, each item once', async () => {
		abs = await startFakeAudiobookshelf({ books: 5000, perItemDelayMs: 0.01 });
		const result = await run(abs, {
			resource: 'libraryItem',
			operation: 'getAll',
			libraryId: byId(BOOK_LIBRARY_ID),
			returnAll: true,
			simplify: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5000);
		expect(new Set(result.items.map((item) => item.json.id)).size).toBe(5000);
		expect(abs.stats.requests).toBe(10);
		expect(abs.stats.peakInFlight).toBeLessThanOrEqual(8);
		expect(
			abs.stats.log.every((entry) => new URLSearchParams(entry.query).get('limit') === '500'),
		).toBe(true);
	});

	/** Server-side span of the item reads: first request arrival → last answer serialised and written. */
	const span = (fake: FakeAudiobookshelf) => {
		const reads = fake.stats.log.filter((entry) => entry.path.endsWith('/items'));
		return Math.round(
			Math.max(...reads.map((entry) => entry.finishedAt ?? 0)) -
				Math.min(...reads.map((entry) => entry.startedAt ?? 0)),
		);
	};

	(process.env.ABS_BENCH === '1' ? test : test.skip)(
		'50,000 items: no slower than one limit=0 request',
		async () => {
			abs = await startFakeAudiobookshelf({ books: 50_000, perItemDelayMs: 0.02, latencyMs: 5 });
			const single = await timed(async () => await oneRequest(abs));
			expect(single.value).toBe(50_000);
			const singleSpan = span(abs);
			abs.resetStats();
			const paged = await timed(
				async () =>
					await run(abs, {
						resource: 'libraryItem',
						operation: 'getAll',
						libraryId: byId(BOOK_LIBRARY_ID),
						returnAll: true,
						simplify: false,
					}),
			);
			expect(paged.value.items).toHaveLength(50_000);
			const report = {
				singleRequest: { serverSpanMs: singleSpan, clientMs: single.ms },
				pagesOf500: {
					serverSpanMs: span(abs),
					requests: abs.stats.requests,
					peakInFlight: abs.stats.peakInFlight,
					wholeNodeRunMs: paged.ms,
				},
			};
			process.stdout.write(`ABS paging benchmark: ${JSON.stringify(report)}\n`);
			expect(abs.stats.requests).toBe(100);
			expect(abs.stats.peakInFlight).toBeLessThanOrEqual(8);
			expect(paged.ms).toBeLessThanOrEqual(single.ms * 1.1);
			expect(span(abs)).toBeLessThanOrEqual(singleSpan * 1.2);
		},
		300_000,
	);
});
