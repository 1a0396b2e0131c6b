import type { IDataObject } from 'n8n-workflow';

function place(display: unknown): string | null {
	if (!display || typeof display !== 'object') return null;
	const record = display as IDataObject;
	const parts = [record.address, record.city, record.country].filter(
		(part) => typeof part === 'string' && part !== '',
	);
	return parts.length ? parts.join(', ') : null;
}

/** One flat record per trip: what a trip log or spreadsheet row needs. */
export function simplifyTrip(trip: IDataObject): IDataObject {
	const end = trip.end_time_utc;
	return {
		id: trip.id,
		device: trip.device ?? trip.device_id ?? null,
		vehicle: trip.vehicle ?? null,
		start_time_utc: trip.start_time_utc ?? null,
		end_time_utc: end === '' || end === undefined ? null : end,
		in_progress: end === '' || end === null || end === undefined,
		duration: trip.duration ?? null,
		distance_km: trip.distanceKm ?? trip.distance_km ?? null,
		start_address: place(trip.start_position_display),
		end_address: place(trip.end_position_display),
		start_lat: trip.start_position_lat ?? null,
		start_lng: trip.start_position_lng ?? null,
		end_lat: trip.end_position_lat ?? null,
		end_lng: trip.end_position_lng ?? null,
		tag: trip.tag ?? null,
		state: trip.state ?? null,
	};
}
