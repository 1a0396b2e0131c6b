import { AutoPi } from '../../../nodes/AutoPi/AutoPi.node';
import { jsonOf, runNode } from '../../harness/engine.cjs';
import { startFakeAutoPi, type FakeAutoPi } from '../../fakes/autopi.cjs';
import { locator, queryOf, tokenCredentials } from '../helpers.cjs';

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

describe('AutoPi → Vehicle', () => {
	test('Get Many reads the DRF envelope of /vehicle/v2/profile/', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: { resource: 'vehicle', operation: 'getAll', returnAll: true },
			credentials: tokenCredentials(autopi),
		});
		expect(jsonOf(result.items).map((v) => v.id)).toEqual([1001, 1002, 1003, 1004]);
		expect(queryOf(autopi.stats.log[0])).toEqual({ page: '1', page_size: '500' });
	});

	test('Get by ID → /vehicle/v2/profile/{id}/; a bad ID is refused before any request', async () => {
		const ok = await runNode({
			node: new AutoPi(),
			parameters: { resource: 'vehicle', operation: 'get', vehicleId: locator('1002') },
			credentials: tokenCredentials(autopi),
		});
		expect(ok.items[0].json).toMatchObject({ id: 1002, display: 'Van 2' });
		expect(autopi.stats.log[0].path).toBe('/vehicle/v2/profile/1002/');
		autopi.resetStats();
		const bad = await runNode({
			node: new AutoPi(),
			parameters: { resource: 'vehicle', operation: 'get', vehicleId: locator('={{ "0" }}') },
			credentials: tokenCredentials(autopi),
		});
		expect(bad.error?.message).toMatch(/Vehicle ID "0" is not valid/);
		expect(autopi.stats.requests).toBe(0);
	});
});
