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
