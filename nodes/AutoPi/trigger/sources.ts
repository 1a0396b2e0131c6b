import type { IDataObject } from 'n8n-workflow';

import { paginate } from '../../shared/paginate';
import type { ServiceClient } from '../../shared/transport';
import { withoutSecrets } from '../actions/common';
import { alerts, devices, eventsEndpoint, trips } from '../endpoints';
import { alertTime } from '../actions/alert/getAll';
import type { Observed } from './window';

/** A record the trigger read, with its window key and time. */
export interface Found extends Observed {
	record: IDataObject;
}

export interface SourceQuery {
	/** Oldest record time to read (epoch ms). */
	from: number;
	deviceId?: string;
	/** Event tag filter (events only). */
	matchesTag?: (tag: string) => boolean;
}

/** Time given to records without a readable timestamp: never older than any window. */
const UNDATED = Number.MAX_SAFE_INTEGER;

const iso = (ms: number) => new Date(ms).toISOString();
const timeOf = (value: unknown): number =>
	typeof value === 'string' || typeof value === 'number' ? new Date(value).getTime() : Number.NaN;

/** Trip Finished: trips that started inside the window and have an end time (in-progress trips have ''). */
async function finishedTrips(client: ServiceClient, query: SourceQuery): Promise<Found[]> {
	const qs: IDataObject = { start_time_utc__gte: iso(query.from) };
	if (query.deviceId) qs.device_id = query.deviceId;
	const found = await paginate(
		client,
		{
			...trips,
			qs,
			// The date filter name is not confirmed by AutoPi's documentation: check each trip again.
			keep: (trip) => timeOf(trip.start_time_utc) >= query.from,
		},
		{ returnAll: true },
	);
	return found
		.filter((trip) => typeof trip.end_time_utc === 'string' && trip.end_time_utc !== '')
		.map((trip) => ({ key: String(trip.id), time: timeOf(trip.start_time_utc), record: trip }));
}

async function deviceIds(client: ServiceClient): Promise<string[]> {
	const found = await paginate(client, devices, { returnAll: true });
	return found.map((device) => String(device.id));
}

/** Device Event: `/logbook/events/` needs a device, so "all devices" reads each device's events. */
async function deviceEvents(client: ServiceClient, query: SourceQuery): Promise<Found[]> {
	const ids = query.deviceId ? [query.deviceId] : await deviceIds(client);
	const found: Found[] = [];
	for (const deviceId of ids) {
		const events = await paginate(
			client,
			{
				...eventsEndpoint(),
				qs: { device_id: deviceId, start_utc: iso(query.from) },
				keep: (event) => timeOf(event.ts ?? event['@ts']) >= query.from,
			},
			{ returnAll: true },
		);
		for (const event of events) {
			const tag = String(event.tag ?? event['@tag'] ?? '');
			if (query.matchesTag && !query.matchesTag(tag)) continue;
			const ts = event.ts ?? event['@ts'];
			found.push({
				key: `${deviceId}|${String(ts)}|${tag}`,
				time: timeOf(ts),
				record: { ...withoutSecrets(event), device_id: event.device_id ?? deviceId },
			});
		}
	}
	return found;
}

/** New Alert: the alert list has no date filter; the window is applied to each alert's creation time. */
async function newAlerts(client: ServiceClient, query: SourceQuery): Promise<Found[]> {
	const found = await paginate(client, alerts, { returnAll: true });
	return found
		.map((alert) => {
			const time = timeOf(alertTime(alert));
			// An alert without a readable time stays in the window for good: it is still emitted once.
			return { key: String(alert.id), time: Number.isNaN(time) ? UNDATED : time, record: alert };
		})
		.filter((found) => found.time >= query.from);
}

export const TRIGGER_SOURCES = {
	tripFinished: finishedTrips,
	deviceEvent: deviceEvents,
	newAlert: newAlerts,
} as const;

export type TriggerEvent = keyof typeof TRIGGER_SOURCES;
