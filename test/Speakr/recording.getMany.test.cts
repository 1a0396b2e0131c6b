import { Speakr } from '../../nodes/Speakr/Speakr.node';
import { jsonOf, runNode } from '../harness/engine.cjs';
import { SPEAKR_TOKEN, startFakeSpeakr, type FakeSpeakr } from '../fakes/speakr.cjs';

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
	speakrApi: { baseUrl: speakr.url, apiToken: SPEAKR_TOKEN, authScheme: 'bearer', allowUnauthorizedCerts: false, ...overrides },
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
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});
});
