import { Speakr } from '../../../../nodes/Speakr/Speakr.node';
import { jsonOf, runNode } from '../../../harness/engine.cjs';
import { holdAnswersUntilInFlight, type FakeRequest } from '../../../fakes/base.cjs';
import { SPEAKR_TOKEN, startFakeSpeakr, type FakeSpeakr } from '../../../fakes/speakr.cjs';

const laterPages = (request: FakeRequest) => Number(request.query.get('page') ?? 1) > 1;

let speakr: FakeSpeakr;
beforeAll(async () => {
	speakr = await startFakeSpeakr({ recordings: 250 });
});
afterAll(async () => await speakr.close());
beforeEach(() => {
	speakr.resetStats();
	speakr.clearFaults();
});

const credentials = (overrides: Record<string, unknown> = {}) => ({
	speakrApi: {
		baseUrl: speakr.url,
		apiToken: SPEAKR_TOKEN,
		authScheme: 'bearer',
		allowUnauthorizedCerts: false,
		...overrides,
	},
});

describe('Speakr → Recording → Get Many', () => {
	test('Return All reads every recording with per_page=100 in the fewest requests, newest first', async () => {
		const result = await runNode({
			node: new Speakr(),
			parameters: { resource: 'recording', operation: 'getAll', returnAll: true, simplify: false },
			credentials: credentials(),
		});
		expect(result.error).toBeUndefined();
		const ids = jsonOf(result.items).map((r) => r.id);
		expect(ids).toHaveLength(250);
		expect(ids[0]).toBe(250);
		expect(ids[249]).toBe(1);
		expect(new Set(ids).size).toBe(250);
		expect(speakr.stats.requests).toBe(3);
		expect(speakr.stats.log.every((entry) => entry.query.includes('per_page=100'))).toBe(true);
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(
			true,
		);
	});
});

describe('Speakr → Recording → Get Many at scale', () => {
	let large: FakeSpeakr;
	beforeAll(async () => {
		large = await startFakeSpeakr({ recordings: 3000 });
	});
	afterAll(async () => await large.close());

	test('Return All over 3,000 recordings takes 30 requests of per_page=100, pages 1..30 each once', async () => {
		const result = await runNode({
			node: new Speakr(),
			parameters: { resource: 'recording', operation: 'getAll', returnAll: true, simplify: true },
			credentials: {
				speakrApi: { baseUrl: large.url, apiToken: SPEAKR_TOKEN, authScheme: 'bearer' },
			},
		});
		expect(result.error).toBeUndefined();
		const ids = jsonOf(result.items).map((r) => r.id);
		expect(ids).toHaveLength(3000);
		expect(new Set(ids).size).toBe(3000);
		expect(ids[0]).toBe(3000);
		expect(ids[2999]).toBe(1);
		expect(large.stats.requests).toBe(30);
		const pages = large.stats.log
			.map((entry) => new URLSearchParams(entry.query).get('page'))
			.map(Number)
			.sort((a, b) => a - b);
		expect(pages).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
		expect(
			large.stats.log.every((entry) => new URLSearchParams(entry.query).get('per_page') === '100'),
		).toBe(true);
	});

	test('Limit 100 is one request; Limit 250 is three', async () => {
		large.resetStats();
		const one = await runNode({
			node: new Speakr(),
			parameters: { resource: 'recording', operation: 'getAll', limit: 100 },
			credentials: {
				speakrApi: { baseUrl: large.url, apiToken: SPEAKR_TOKEN, authScheme: 'bearer' },
			},
		});
		expect(one.items).toHaveLength(100);
		expect(large.stats.requests).toBe(1);
		large.resetStats();
		const three = await runNode({
			node: new Speakr(),
			parameters: { resource: 'recording', operation: 'getAll', limit: 250 },
			credentials: {
				speakrApi: { baseUrl: large.url, apiToken: SPEAKR_TOKEN, authScheme: 'bearer' },
			},
		});
		expect(three.items).toHaveLength(250);
		expect(large.stats.requests).toBe(3);
	});

	test("pages go out Speakr's default 16 at a time, or as many as Request Options says", async () => {
		large.resetStats();
		// The first page (which tells the total) alone, then the held batch: the server's peak is the node's bound.
		let release = holdAnswersUntilInFlight(large, 'GET /api/v1/recordings', 16, laterPages);
		try {
			const byDefault = await runNode({
				node: new Speakr(),
				parameters: { resource: 'recording', operation: 'getAll', returnAll: true },
				credentials: {
					speakrApi: { baseUrl: large.url, apiToken: SPEAKR_TOKEN, authScheme: 'bearer' },
				},
			});
			expect(byDefault.items).toHaveLength(3000);
			expect(large.stats.peakInFlight).toBe(16);
			release();
			large.resetStats();
			release = holdAnswersUntilInFlight(large, 'GET /api/v1/recordings', 3, laterPages);
			const gentle = await runNode({
				node: new Speakr(),
				parameters: {
					resource: 'recording',
					operation: 'getAll',
					returnAll: true,
					requestOptions: { concurrency: 3 },
				},
				credentials: {
					speakrApi: { baseUrl: large.url, apiToken: SPEAKR_TOKEN, authScheme: 'bearer' },
				},
			});
			expect(gentle.items).toHaveLength(3000);
			expect(large.stats.peakInFlight).toBe(3);
		} finally {
			release();
		}
	}, 180_000);
});
