import { AutoPi } from '../../../nodes/AutoPi/AutoPi.node';
import { jsonOf, runNode } from '../../harness/engine.cjs';
import { AUTOPI_TOKEN, startFakeAutoPi, type FakeAutoPi } from '../../fakes/autopi.cjs';
import { queryOf, tokenCredentials } from '../helpers.cjs';

let autopi: FakeAutoPi;
beforeAll(async () => {
	autopi = await startFakeAutoPi({ devices: 4, events: 450, alerts: 130 });
});
afterAll(async () => await autopi.close());
beforeEach(() => {
	autopi.resetStats();
	autopi.clearFaults();
	autopi.options.eventsFirstPage = 1;
});

describe('AutoPi → Alert → Get Many', () => {
	test('Return All follows next links; a date range is applied to each alert', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'alert',
				operation: 'getAll',
				returnAll: true,
				filters: { from: '2026-03-19T00:00:00Z', to: '2026-03-19T23:59:59Z' },
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.items).map((a) => a.id)).toEqual(
			Array.from({ length: 24 }, (_, i) => i + 1),
		);
		expect(autopi.stats.log.map((entry) => queryOf(entry).page)).toEqual(['1', '2']);
	});

	test('a vehicle filter is sent as vehicle=<id>; Limit 5 is one request', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'alert',
				operation: 'getAll',
				limit: 5,
				filters: { vehicleId: '1002' },
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.items).toHaveLength(5);
		expect(jsonOf(result.items).every((a) => a.vehicle === 1002)).toBe(true);
		expect(queryOf(autopi.stats.log[0])).toEqual({ vehicle: '1002', page: '1', page_size: '5' });
	});

	test('a server error is retried, then reported without the token', async () => {
		autopi.injectFault({ kind: '503', times: 10 });
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'alert',
				operation: 'getAll',
				limit: 5,
				requestOptions: { maxRetries: 1 },
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.error?.message).toMatch(/AutoPi answered 503/);
		expect(autopi.stats.requests).toBe(2);
		expect(result.serialized).not.toContain(AUTOPI_TOKEN);
	});
});
