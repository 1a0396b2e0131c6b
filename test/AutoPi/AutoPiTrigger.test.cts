import type { IDataObject } from 'n8n-workflow';

import { AutoPiTrigger } from '../../nodes/AutoPi/AutoPiTrigger.node';
import { startFakeAutoPi, type FakeAutoPi } from '../fakes/autopi.cjs';
import { PollHarness, polledJson } from '../harness/poll.cjs';
import { locator, loginCredentials, queryOf, tokenCredentials } from './helpers.cjs';

const MINUTE = 60_000;
let autopi: FakeAutoPi;
let tripNo = 0;

beforeEach(async () => {
	autopi = await startFakeAutoPi({ devices: 2, tripsPerDevice: 3, events: 4, alerts: 3 });
});
afterEach(async () => await autopi.close());

const trigger = (parameters: IDataObject, staticData?: IDataObject, credentials?: IDataObject) =>
	new PollHarness({
		node: new AutoPiTrigger(),
		parameters: parameters as never,
		credentials: (credentials ?? tokenCredentials(autopi)) as never,
		staticData,
	});

const device = (n: number) => autopi.state.devices[n].id;

/** A trip that started `startedMinutesAgo` ago; `finished` gives it an end time (AutoPi: '' while in progress). */
function addTrip(startedMinutesAgo: number, finished = true, deviceIndex = 0) {
	tripNo++;
	const start = new Date(Date.now() - startedMinutesAgo * MINUTE);
	const trip = {
		id: `7f000000-0000-4000-8000-${String(tripNo).padStart(12, '0')}`,
		device: device(deviceIndex),
		vehicle: autopi.state.devices[deviceIndex].vehicle.id,
		start_time_utc: start.toISOString(),
		end_time_utc: finished ? new Date(start.getTime() + 20 * MINUTE).toISOString() : '',
		start_position_lat: '55.6761',
		start_position_lng: '12.5683',
		start_position_display: { city: 'Copenhagen', country: 'Denmark', address: 'Main St' },
		end_position_lat: finished ? '55.4038' : '',
		end_position_lng: finished ? '10.4024' : '',
		end_position_display: finished
			? { city: 'Odense', country: 'Denmark', address: 'Harbour' }
			: null,
		duration: finished ? '00:20:00' : null,
		distanceKm: 18.2,
		tag: '',
		state: finished ? 'completed' : 'in_progress',
	};
	autopi.state.trips.unshift(trip);
	return trip;
}

function addEvent(tag: string, minutesAgo: number, deviceIndex = 0) {
	const event = {
		ts: new Date(Date.now() - minutesAgo * MINUTE).toISOString(),
		tag,
		area: tag.split('/')[0],
		event: tag.split('/').pop(),
		data: [],
		device_id: device(deviceIndex),
	};
	autopi.state.events.unshift(event);
	return event;
}

function addAlert(fields: IDataObject = {}) {
	const alert = {
		id: 100 + autopi.state.alerts.length,
		title: 'Critical battery level',
		severity: 'critical',
		state: 'open',
		vehicle: autopi.state.devices[0].vehicle.id,
		created_at: new Date().toISOString(),
		...fields,
	};
	autopi.state.alerts.unshift(alert);
	return alert;
}

describe('AutoPi Trigger → Trip Finished', () => {
	test('activation emits nothing; a trip finished after it comes once; then nothing, also after a restart', async () => {
		addTrip(90); // finished before activation
		const poller = trigger({ event: 'tripFinished', simplify: true });
		const first = await poller.poll();
		expect(first.error).toBeUndefined();
		expect(first.data).toBeNull();
		const trip = addTrip(25);
		const second = await poller.poll();
		expect(second.error).toBeUndefined();
		expect(polledJson(second)).toEqual([
			expect.objectContaining({
				id: trip.id,
				in_progress: false,
				end_address: 'Harbour, Odense, Denmark',
				distance_km: 18.2,
			}),
		]);
		expect((await poller.poll()).data).toBeNull();
		const restarted = trigger({ event: 'tripFinished', simplify: true }, poller.persisted());
		expect((await restarted.poll()).data).toBeNull();
		// Every read asks only for the window, by start time.
		const reads = autopi.stats.log.filter((entry) => entry.path === '/logbook/v2/trips/');
		expect(reads.every((entry) => 'start_time_utc__gte' in queryOf(entry))).toBe(true);
	});

	test('a trip in progress is not emitted until it has an end time, then exactly once', async () => {
		const poller = trigger({ event: 'tripFinished', simplify: false });
		await poller.poll();
		const trip = addTrip(10, false);
		expect((await poller.poll()).data).toBeNull();
		trip.end_time_utc = new Date().toISOString();
		const finished = await poller.poll();
		expect(polledJson(finished).map((t) => t.id)).toEqual([trip.id]);
		expect(polledJson(finished)[0]).toHaveProperty('start_position_display');
		expect((await poller.poll()).data).toBeNull();
	});

	test('a trip uploaded late is emitted while inside the Late Data Window, not when older', async () => {
		const poller = trigger({ event: 'tripFinished', lateWindowHours: 3 });
		await poller.poll();
		const late = addTrip(2 * 60); // started 2 h ago, uploaded now
		addTrip(4 * 60); // started 4 h ago: outside the 3 h window
		const result = await poller.poll();
		expect(polledJson(result).map((t) => t.id)).toEqual([late.id]);
	});

	test('the server ignoring the date filter changes nothing: old trips are not emitted', async () => {
		await autopi.close();
		autopi = await startFakeAutoPi({ devices: 1, tripsPerDevice: 5, tripsIgnoreDateFilter: true });
		const poller = trigger({ event: 'tripFinished' });
		await poller.poll();
		const trip = addTrip(5);
		expect(polledJson(await poller.poll()).map((t) => t.id)).toEqual([trip.id]);
	});

	test('a failed poll keeps the cursor: the trip comes with the next successful poll, once', async () => {
		const poller = trigger({ event: 'tripFinished' });
		await poller.poll();
		const trip = addTrip(5);
		// The token is revoked for one request: AutoPi's 401 fails the poll.
		autopi.injectFault({ kind: 'wrongToken', match: (r) => r.path === '/logbook/v2/trips/' });
		const failed = await poller.poll();
		expect(failed.error?.message).toMatch(/401|token|credential/i);
		expect(polledJson(await poller.poll()).map((t) => t.id)).toEqual([trip.id]);
		expect((await poller.poll()).data).toBeNull();
	});

	test('one device: only its trips, asked with device_id', async () => {
		const poller = trigger({ event: 'tripFinished', deviceId: locator(device(1)) });
		await poller.poll();
		addTrip(5, true, 0);
		const mine = addTrip(6, true, 1);
		expect(polledJson(await poller.poll()).map((t) => t.id)).toEqual([mine.id]);
		const reads = autopi.stats.log.filter((entry) => entry.path === '/logbook/v2/trips/');
		expect(reads.every((entry) => queryOf(entry).device_id === device(1))).toBe(true);
	});

	test('a manual run shows the newest finished trip as a sample and leaves the cursor alone', async () => {
		const older = addTrip(120);
		const newest = addTrip(30);
		const poller = trigger({ event: 'tripFinished' });
		const sample = await poller.poll('manual');
		expect(polledJson(sample).map((t) => t.id)).toEqual([newest.id]);
		expect(older.id).not.toBe(newest.id);
		expect(poller.persisted()).toEqual({});
	});
});

describe('AutoPi Trigger → Device Event', () => {
	test('only the chosen event types, from every device, oldest first, each once', async () => {
		const poller = trigger({ event: 'deviceEvent', eventTypes: ['engine', 'geofence'] });
		await poller.poll();
		const started = addEvent('vehicle/engine/running', 3, 0);
		addEvent('vehicle/battery/discharging', 2, 0);
		const entered = addEvent('vehicle/geofence/depot/enter', 1, 1);
		addEvent('vehicle/geofence/depot/inside', 1, 1);
		const second = await poller.poll();
		expect(second.error).toBeUndefined();
		expect(polledJson(second).map((e) => [e.tag, e.device_id])).toEqual([
			[started.tag, device(0)],
			[entered.tag, device(1)],
		]);
		expect((await poller.poll()).data).toBeNull();
		// /logbook/events/ needs a device: one read per device of the account.
		const devices = new Set(
			autopi.stats.log
				.filter((entry) => entry.path === '/logbook/events/')
				.map((entry) => queryOf(entry).device_id),
		);
		expect(devices).toEqual(new Set([device(0), device(1)]));
	});

	test('Tag Patterns add AutoPi wildcards; no type and no pattern means every event', async () => {
		const custom = trigger({
			event: 'deviceEvent',
			tagPatterns: 'vehicle/motion/*, system/power/on',
		});
		const all = trigger({ event: 'deviceEvent', deviceId: locator(device(0)) });
		await custom.poll();
		await all.poll();
		addEvent('vehicle/motion/jolting', 1);
		addEvent('system/power/sleep', 1);
		addEvent('system/power/on', 1);
		expect(polledJson(await custom.poll()).map((e) => e.tag)).toEqual(
			expect.arrayContaining(['vehicle/motion/jolting', 'system/power/on']),
		);
		expect(polledJson(await all.poll())).toHaveLength(3);
	});

	test('changing the event types starts over from now instead of emitting the backlog', async () => {
		const poller = trigger({ event: 'deviceEvent', eventTypes: ['engine'] });
		await poller.poll();
		addEvent('vehicle/battery/charging', 1);
		const changed = trigger({ event: 'deviceEvent', eventTypes: ['battery'] }, poller.persisted());
		expect((await changed.poll()).data).toBeNull();
		const next = addEvent('vehicle/battery/critical_level', 0);
		expect(polledJson(await changed.poll()).map((e) => e.tag)).toEqual([next.tag]);
	});
});

describe('AutoPi Trigger → New Alert', () => {
	test('a new alert comes once; alerts without a readable time are still emitted once', async () => {
		const poller = trigger({ event: 'newAlert' });
		await poller.poll();
		const alert = addAlert();
		const undated = addAlert({ created_at: undefined, title: 'No time' });
		const second = await poller.poll();
		expect(
			polledJson(second)
				.map((a) => a.id)
				.sort(),
		).toEqual([alert.id, undated.id].sort());
		expect((await poller.poll()).data).toBeNull();
		expect((await trigger({ event: 'newAlert' }, poller.persisted()).poll()).data).toBeNull();
	});

	test('works with an email + password credential (session token from the sign-in)', async () => {
		const poller = trigger({ event: 'newAlert' }, undefined, loginCredentials(autopi));
		await poller.poll();
		const alert = addAlert();
		const result = await poller.poll();
		expect(result.error).toBeUndefined();
		expect(polledJson(result).map((a) => a.id)).toEqual([alert.id]);
		expect(autopi.state.loginCount).toBeGreaterThanOrEqual(1);
	});
});

describe('AutoPi Trigger → input', () => {
	test('a device ID that is not a UUID is refused before any request', async () => {
		const result = await trigger({
			event: 'tripFinished',
			deviceId: locator('../auth/user'),
		}).poll();
		expect(result.error?.message).toMatch(/Device ID/);
		expect(autopi.stats.log).toHaveLength(0);
	});
});
