import { AutoPi } from '../../nodes/AutoPi/AutoPi.node';
import { jsonOf, runNode } from '../harness/engine.cjs';
import { AUTOPI_TOKEN, startFakeAutoPi, type FakeAutoPi } from '../fakes/autopi.cjs';
import { locator, queryOf, tokenCredentials } from './helpers.cjs';

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

describe('AutoPi → Data', () => {
	test('Read Storage sends device_id, field, field_type, from_utc/to_utc in UTC, interval and aggregation', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'data',
				operation: 'readStorage',
				deviceId: locator(device().id),
				field: 'obd.bat.voltage',
				fieldType: 'float',
				from: '2026-03-01T00:00:00Z',
				to: '2026-03-01T06:00:00+02:00',
				aggregation: 'max',
				interval: '1h',
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.error).toBeUndefined();
		expect(queryOf(autopi.stats.log[0])).toEqual({
			device_id: device().id,
			field: 'obd.bat.voltage',
			field_type: 'float',
			from_utc: '2026-03-01T00:00:00.000Z',
			to_utc: '2026-03-01T04:00:00.000Z',
			aggregation: 'max',
			interval: '1h',
		});
		expect(result.items).toHaveLength(4);
		expect(result.items[0].json).toMatchObject({
			field: 'obd.bat.voltage',
			ts: '2026-03-01T00:00:00.000Z',
			value: expect.any(Number),
		});
	});

	test('aggregation None sends size and no interval; To may be empty', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'data',
				operation: 'readStorage',
				deviceId: locator(device().id),
				field: 'track.pos.loc',
				fieldType: 'geo_point',
				from: '2026-03-01T00:00:00Z',
				aggregation: 'none',
				size: 3,
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.error).toBeUndefined();
		expect(queryOf(autopi.stats.log[0])).toEqual({
			device_id: device().id,
			field: 'track.pos.loc',
			field_type: 'geo_point',
			from_utc: '2026-03-01T00:00:00.000Z',
			aggregation: 'none',
			size: '3',
		});
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json.location).toEqual({ lat: 55.6, lon: 12.5 });
	});

	test.each([
		[
			'an end before the start',
			{ from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' },
			/The date range ends/,
		],
		['a missing start', { from: '={{ "" }}' }, /From is empty/],
		[
			'a field name that is not data type + suffix',
			{ field: 'voltage' },
			/Field "voltage" is not a valid AutoPi field name/,
		],
		['an invalid interval', { interval: 'hourly' }, /Interval "hourly" is not valid/],
		['aggregation without an end', { to: '' }, /To is empty/],
	])('%s is refused before any request', async (_name, parameters, message) => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'data',
				operation: 'readStorage',
				deviceId: locator(device().id),
				field: 'obd.bat.voltage',
				fieldType: 'float',
				from: '2026-03-01T00:00:00Z',
				to: '2026-03-01T06:00:00Z',
				aggregation: 'avg',
				interval: '1h',
				...parameters,
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.error?.message).toMatch(message);
		expect(autopi.stats.requests).toBe(0);
	});

	test('Get Available Fields returns the plain array, with or without a device', async () => {
		const all = await runNode({
			node: new AutoPi(),
			parameters: { resource: 'data', operation: 'getFields' },
			credentials: tokenCredentials(autopi),
		});
		expect(all.items.map((item) => item.json.field)).toContain('obd.bat.voltage');
		expect(autopi.stats.log[0].query).toBe('');
		autopi.resetStats();
		const one = await runNode({
			node: new AutoPi(),
			parameters: { resource: 'data', operation: 'getFields', deviceId: locator(device().id) },
			credentials: tokenCredentials(autopi),
		});
		expect(one.items).toHaveLength(5);
		expect(queryOf(autopi.stats.log[0])).toEqual({ device_id: device().id });
	});
});

describe('AutoPi → Event → Get Many', () => {
	test('Return All pages with page_num (1-based) + page_hits, concurrently once the count is known', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'event',
				operation: 'getAll',
				deviceId: locator(device().id),
				returnAll: true,
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(450);
		expect(new Set(jsonOf(result.items).map((e) => e.ts)).size).toBe(450);
		// page_hits 200 is capped at 100 by the fake: the node counts pages with the size it got.
		const pages = autopi.stats.log.map((entry) => queryOf(entry));
		expect(pages[0]).toEqual({ device_id: device().id, page_num: '1', page_hits: '200' });
		expect(pages.map((q) => q.page_num).sort()).toEqual(['1', '2', '3', '4', '5']);
		expect(pages.slice(1).every((q) => q.page_hits === '100')).toBe(true);
	});

	test('the first page number is configurable (0-based environments)', async () => {
		autopi.options.eventsFirstPage = 0;
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'event',
				operation: 'getAll',
				deviceId: locator(device().id),
				returnAll: true,
				options: { firstPage: 0 },
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.items).toHaveLength(450);
		expect(autopi.stats.log.map((entry) => queryOf(entry).page_num).sort()).toEqual([
			'0',
			'1',
			'2',
			'3',
			'4',
		]);
	});

	test('a wrong first page number is not silently short: Return All fails with the count mismatch', async () => {
		autopi.options.eventsFirstPage = 0;
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'event',
				operation: 'getAll',
				deviceId: locator(device().id),
				returnAll: true,
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.error?.message).toMatch(/AutoPi reported 450 records but only 350 could be read/);
	});

	test('date range → start_utc/end_utc, and events outside it are dropped; Limit is one request', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'event',
				operation: 'getAll',
				deviceId: locator(device().id),
				from: '2026-03-19T23:00:00Z',
				to: '2026-03-19T23:59:59Z',
				limit: 4,
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.error).toBeUndefined();
		expect(autopi.stats.requests).toBe(1);
		expect(queryOf(autopi.stats.log[0])).toEqual({
			device_id: device().id,
			start_utc: '2026-03-19T23:00:00.000Z',
			end_utc: '2026-03-19T23:59:59.000Z',
			page_num: '1',
			page_hits: '4',
		});
		expect(jsonOf(result.items).map((e) => e.ts)).toEqual([
			'2026-03-19T23:50:00.000Z',
			'2026-03-19T23:40:00.000Z',
			'2026-03-19T23:30:00.000Z',
			'2026-03-19T23:20:00.000Z',
		]);
	});

	test('an end before the start is refused before any request', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'event',
				operation: 'getAll',
				deviceId: locator(device().id),
				from: '2026-03-20T00:00:00Z',
				to: '2026-03-19T00:00:00Z',
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.error?.message).toMatch(/The date range ends/);
		expect(autopi.stats.requests).toBe(0);
	});
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
