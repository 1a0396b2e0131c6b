import { readFileSync } from 'node:fs';
import path from 'node:path';

import { AutoPi } from '../../../nodes/AutoPi/AutoPi.node';
import { jsonOf, runNode } from '../../harness/engine.cjs';
import {
	AUTOPI_TOKEN,
	startFakeAutoPi,
	TRIPS_START_MS,
	type FakeAutoPi,
} from '../../fakes/autopi.cjs';
import { locator, loginCredentials, queryOf, tokenCredentials } from '../helpers.cjs';

let autopi: FakeAutoPi;
beforeAll(async () => {
	// 3 devices × 60 trips, one every 5 hours from 2026-03-01T06:00Z.
	autopi = await startFakeAutoPi({ devices: 3, tripsPerDevice: 60 });
});
afterAll(async () => await autopi.close());
beforeEach(() => {
	autopi.resetStats();
	autopi.clearFaults();
	autopi.options.tripsIgnoreDateFilter = false;
});

const device = () => autopi.state.devices[1];
const day = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-02T23:59:59.999Z' };
const tripsOfDay = () =>
	autopi.state.trips.filter(
		(trip) =>
			trip.device === device().id &&
			trip.start_time_utc >= day.from &&
			trip.start_time_utc <= day.to,
	);

describe('AutoPi → Trip → Get Many', () => {
	test('device + date range are sent as device_id and start_time_utc__gte/__lte in ISO UTC; one request', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'trip',
				operation: 'getAll',
				deviceId: locator(device().id),
				startedAfter: '2026-03-02T01:00:00+01:00',
				startedBefore: '2026-03-02T23:59:59.999Z',
				returnAll: true,
				simplify: true,
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.error).toBeUndefined();
		expect(autopi.stats.requests).toBe(1);
		expect(queryOf(autopi.stats.log[0])).toEqual({
			device_id: device().id,
			start_time_utc__gte: '2026-03-02T00:00:00.000Z',
			start_time_utc__lte: '2026-03-02T23:59:59.999Z',
			page: '1',
			page_size: '500',
		});
		expect(jsonOf(result.items).map((trip) => trip.id)).toEqual(
			tripsOfDay().map((trip) => trip.id),
		);
		expect(result.items[0].json).toMatchObject({
			device: device().id,
			distance_km: expect.any(Number),
			start_address: expect.stringContaining('Copenhagen'),
			end_address: expect.stringContaining('Odense'),
			in_progress: false,
		});
	});

	test('Return All of every trip follows the next links past the page-size cap (180 trips, 2 requests)', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: { resource: 'trip', operation: 'getAll', returnAll: true, simplify: false },
			credentials: loginCredentials(autopi),
		});
		expect(result.error).toBeUndefined();
		const ids = jsonOf(result.items).map((trip) => trip.id);
		expect(ids).toHaveLength(180);
		expect(new Set(ids).size).toBe(180);
		expect(ids).toEqual(autopi.state.trips.map((trip) => trip.id));
		const pages = autopi.stats.log
			.filter((entry) => entry.path === '/logbook/v2/trips/')
			.map((entry) => queryOf(entry));
		expect(pages).toEqual([
			{ page: '1', page_size: '500' },
			{ page: '2', page_size: '500' },
		]);
		expect(autopi.stats.log.every((entry) => entry.path.endsWith('/'))).toBe(true);
	});

	test('Limit stops at Limit: 120 trips with Limit 120 is two requests, with page_size 120', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: { resource: 'trip', operation: 'getAll', limit: 120 },
			credentials: tokenCredentials(autopi),
		});
		expect(result.items).toHaveLength(120);
		expect(
			autopi.stats.log.map((entry) => [queryOf(entry).page, queryOf(entry).page_size]),
		).toEqual([
			['1', '120'],
			['2', '120'],
		]);
	});

	test('when AutoPi ignores the date filter, the node still returns only trips of the range', async () => {
		autopi.options.tripsIgnoreDateFilter = true;
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'trip',
				operation: 'getAll',
				deviceId: locator(device().id),
				startedAfter: day.from,
				startedBefore: day.to,
				limit: 3,
				simplify: true,
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.items).map((trip) => trip.id)).toEqual(
			tripsOfDay()
				.slice(0, 3)
				.map((trip) => trip.id),
		);
	});

	test('a vehicle filter is sent as vehicle=<id>', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'trip',
				operation: 'getAll',
				filters: { vehicleId: String(device().vehicle.id) },
				limit: 5,
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.items).toHaveLength(5);
		expect(queryOf(autopi.stats.log[0]).vehicle).toBe(String(device().vehicle.id));
		expect(jsonOf(result.items).every((trip) => trip.vehicle === device().vehicle.id)).toBe(true);
	});

	test.each([
		[
			'an end before the start',
			{ startedAfter: '2026-03-03T00:00:00Z', startedBefore: '2026-03-02T00:00:00Z' },
			/The date range ends \(2026-03-02T00:00:00.000Z\) before it starts/,
		],
		[
			'an invalid date',
			{ startedAfter: 'yesterday-ish' },
			/Started After "yesterday-ish" is not a valid date/,
		],
		[
			'a vehicle ID that is not a number',
			{ filters: { vehicleId: 'van-1' } },
			/Vehicle ID "van-1" is not valid/,
		],
		['a malformed device', { deviceId: locator('={{ "abc" }}') }, /Device ID "abc" is not valid/],
	])('%s is refused before any request', async (_name, parameters, message) => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: { resource: 'trip', operation: 'getAll', returnAll: true, ...parameters },
			credentials: tokenCredentials(autopi),
		});
		expect(result.error?.message).toMatch(message);
		expect(autopi.stats.requests).toBe(0);
	});

	test('a DRF 400 field error names the field', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'trip',
				operation: 'getAll',
				deviceId: locator('00000000-0000-4000-8000-0000000000ff'),
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.error?.message).toBe(
			'AutoPi answered 400 Bad Request: device_id: Select a valid choice. That choice is not one of the available choices. [item 0]',
		);
		expect(result.serialized).not.toContain(AUTOPI_TOKEN);
	});
});

describe('AutoPi → Trip → Get', () => {
	test('GET /logbook/v2/trips/{id}/', async () => {
		const trip = autopi.state.trips[5];
		const result = await runNode({
			node: new AutoPi(),
			parameters: { resource: 'trip', operation: 'get', tripId: trip.id, simplify: false },
			credentials: tokenCredentials(autopi),
		});
		expect(result.items[0].json).toEqual(trip);
		expect(autopi.stats.log[0].path).toBe(`/logbook/v2/trips/${trip.id}/`);
	});

	test('Continue On Fail with an unknown and an invalid trip ID', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: { resource: 'trip', operation: 'get', tripId: '={{ $json.id }}' },
			credentials: tokenCredentials(autopi),
			continueOnFail: true,
			input: [{ json: { id: '00000000-0000-4000-8000-0000000000ff' } }, { json: { id: 'x y' } }],
		});
		expect(jsonOf(result.items).map((item) => item.error)).toEqual([
			'AutoPi answered 404 Not Found: Not found. [item 0]',
			'Trip ID "x y" is not valid [item 1]',
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(autopi.stats.requests).toBe(1);
	});
});

test('trip start times of the fake begin at TRIPS_START_MS', () => {
	expect(autopi.state.trips.at(-1)?.start_time_utc).toBe(new Date(TRIPS_START_MS).toISOString());
});

describe('examples/autopi-daily-trip-log.json', () => {
	test('its AutoPi node runs as saved: yesterday as a UTC range, all devices, Return All', async () => {
		const example = JSON.parse(
			readFileSync(path.join(__dirname, '../../../examples/autopi-daily-trip-log.json'), 'utf8'),
		) as {
			nodes: Array<{
				type: string;
				parameters: Record<string, unknown>;
				credentials?: Record<string, unknown>;
			}>;
		};
		const node = example.nodes.find(
			(candidate) => candidate.type === 'n8n-nodes-selfhosted-apps.autoPi',
		);
		expect(node?.credentials).toHaveProperty('autoPiApi');
		const result = await runNode({
			node: new AutoPi(),
			parameters: node!.parameters as never,
			credentials: tokenCredentials(autopi),
		});
		expect(result.error).toBeUndefined();
		const query = queryOf(autopi.stats.log[0]);
		expect(query.device_id).toBeUndefined();
		expect(query.start_time_utc__gte).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		const span = Date.parse(query.start_time_utc__lte) - Date.parse(query.start_time_utc__gte);
		expect(span).toBeGreaterThanOrEqual(23 * 3_600_000 - 1);
		expect(span).toBeLessThanOrEqual(25 * 3_600_000);
	});
});
