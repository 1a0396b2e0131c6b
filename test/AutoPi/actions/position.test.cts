import { AutoPi } from '../../../nodes/AutoPi/AutoPi.node';
import { runNode } from '../../harness/engine.cjs';
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

const device = () => autopi.state.devices[0];

describe('AutoPi → Position → Get Most Recent', () => {
	test('all devices: one request to most_recent_positions, one flat item per device', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'position',
				operation: 'getMostRecent',
				scope: 'all',
				simplify: true,
			},
			credentials: tokenCredentials(autopi),
		});
		expect(autopi.stats.requests).toBe(1);
		expect(autopi.stats.log[0].path).toBe('/logbook/v2/most_recent_positions/');
		expect(result.items).toHaveLength(4);
		expect(result.items[0].json).toEqual({
			device_id: device().id,
			unit_id: device().unit_id,
			display: 'Van 1',
			last_communication: device().last_communication,
			ts: device().last_communication,
			lat: 55.6,
			lon: 12.5,
			altitude: 12,
			speed_over_ground: 0,
			course_over_ground: 90,
			satellites: 9,
		});
	});

	test('one device: most_recent_position?device_id=', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'position',
				operation: 'getMostRecent',
				scope: 'one',
				deviceId: locator(device().id),
			},
			credentials: tokenCredentials(autopi),
		});
		expect(autopi.stats.log[0].path).toBe('/logbook/v2/most_recent_position/');
		expect(queryOf(autopi.stats.log[0])).toEqual({ device_id: device().id });
		expect(result.items[0].json).toMatchObject({
			device_id: device().id,
			lat: 55.6,
			lon: 12.5,
			found: true,
		});
	});
});
