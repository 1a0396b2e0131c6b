import { jsonOf } from '../../harness/engine.cjs';
import {
	ABR_BOOKS,
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

describe('AudioBookRequest → Recommendation', () => {
	beforeEach(() => {
		abr.state.requests.push(
			{ asin: ABR_BOOKS.dune.asin, user_username: 'guest', updated_at: '2026-01-01T00:00:00' },
			{ asin: ABR_BOOKS.dune.asin, user_username: 'trusty', updated_at: '2026-01-01T00:00:00' },
			{ asin: ABR_BOOKS.goodOmens.asin, user_username: 'guest', updated_at: '2026-01-01T00:00:00' },
		);
	});

	test('Get Popular sends limit, min_requests, exclude_downloaded', async () => {
		const result = await run(abr, {
			resource: 'recommendation',
			operation: 'getPopular',
			limit: 5,
			minRequests: 2,
			excludeDownloaded: false,
		});
		expect(calls(abr)).toEqual([
			'GET /api/recommendations/popular?limit=5&min_requests=2&exclude_downloaded=false',
		]);
		expect(jsonOf(result.items)).toEqual([expect.objectContaining({ request_count: 2 })]);
	});

	test('Get Recent', async () => {
		const result = await run(abr, {
			resource: 'recommendation',
			operation: 'getRecent',
			limit: 10,
			daysBack: 7,
		});
		expect(calls(abr)).toEqual([
			'GET /api/recommendations/recent?limit=10&days_back=7&exclude_downloaded=true',
		]);
		expect(jsonOf(result.items)).toEqual([]);
	});

	test("Get Recent when another user requested a book in the window: ABR 1.10's 500 is explained, with the way around it", async () => {
		abr.state.requests.push({
			asin: ABR_BOOKS.goodOmens.asin,
			user_username: 'guest',
			updated_at: new Date().toISOString().slice(0, 19),
		});
		const result = await run(abr, {
			resource: 'recommendation',
			operation: 'getRecent',
			limit: 10,
			daysBack: 7,
		});
		expect(result.error?.message).toBe(
			'AudioBookRequest failed to list recent requests: a known bug in AudioBookRequest (1.10) makes Get Recent answer 500 whenever another user requested a book in the chosen days [item 0]',
		);
		expect(result.error?.description).toMatch(
			/Get Popular \(Min Requests 1\) or Request → Get Many/,
		);
		expect(calls(abr)).toHaveLength(1);
	});

	test('Get for User: seed ASINs repeated as FastAPI expects; invalid seed refused before any request', async () => {
		const result = await run(abr, {
			resource: 'recommendation',
			operation: 'getForUser',
			limit: 2,
			seedAsins: 'b002v1of70, B00B5HZGUG',
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.items)).toHaveLength(2);
		expect(abr.stats.log[0].query).toContain('seed_asins=B002V1OF70&seed_asins=B00B5HZGUG');
		abr.resetStats();
		const bad = await run(abr, {
			resource: 'recommendation',
			operation: 'getForUser',
			seedAsins: 'B002V1OF70, nope',
		});
		expect(bad.error?.message).toBe('Seed ASIN "NOPE" is not valid [item 0]');
		expect(abr.stats.requests).toBe(0);
	});
});
