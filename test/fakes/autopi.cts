/**
 * Fake AutoPi Cloud API, written from docs/api/autopi.md. AutoPi's cloud cannot be reached from our
 * machines, so everything marked [Unverified] there is an assumption here, listed in ASSUMPTIONS and in
 * the AutoPi section of the README. Encoded behaviour:
 * - `Authorization: APIToken <token>` [Doc]; `Bearer <jwt>` from `POST /auth/login/` [Doc]; `Bearer <api token>`
 *   is refused [Client]. Errors are DRF `{"detail": …}` bodies [Unverified].
 * - JWTs expire after `jwtLifetimeRequests` authenticated requests, or at once with `expireSessions()`.
 * - DRF envelopes `{count, next, previous, results}` (1-based `page`, `page_size` capped at `maxPageSize`,
 *   absolute `next` links built from the Host header) on trips, vehicles and alerts; logbook events use
 *   `page_num` + `page_hits` → `{count, results}`; `/dongle/devices/` answers a plain array or a DRF envelope
 *   (`devicesShape`); storage, fields and positions are plain arrays.
 * - Paths end in `/`; a GET without it gets Django's 301 to the slashed path, other methods a 404 page.
 */
import { createHmac } from 'node:crypto';

import {
	Router,
	startFakeServer,
	type FakeRequest,
	type FakeResponse,
	type FakeServer,
} from './base.cjs';

export const AUTOPI_TOKEN = 'apt_good_7Hq2Lm9Zx4';
export const AUTOPI_EMAIL = 'fleet@example.com';
export const AUTOPI_PASSWORD = 'correct-horse-battery';

/** What the fake assumes where the API document says [Unverified]. */
export const ASSUMPTIONS = [
	'401 bodies are DRF {"detail": …}: "Invalid token." for a bad APIToken, "Signature has expired." for an expired JWT',
	'login failures answer 400 {"non_field_errors": ["Unable to log in with provided credentials."]}',
	'page_size is capped at 100 on DRF endpoints; `next` is an absolute URL carrying every query parameter',
	'/logbook/v2/trips/ filters with device_id, vehicle, start_time_utc__gte and start_time_utc__lte',
	'/logbook/events/ page_num is 1-based (configurable: eventsFirstPage), page_hits capped at 100, start_utc/end_utc filter',
	'/dongle/devices/ answers a plain array by default (devicesShape = "paged" gives a DRF envelope)',
	'/logbook/v2/most_recent_position/?device_id= answers one object',
	'/fleet/alerts/ items carry created_at; the endpoint has no date filter',
	'execute/ answers {jid, minions} at once, with or without callback_url',
	'/logbook/events/ and /logbook/v2/trips/ serve records uploaded late (timestamps older than the last poll) like any other',
];

const uuid = (prefix: string, n: number) =>
	`${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export interface AutoPiDevice {
	id: string;
	unit_id: string;
	display: string;
	callName: string;
	imei: string;
	token: string;
	last_communication: string;
	vehicle: { id: number; display: string; year: number; make: string; model: string; vin: string };
}

export interface AutoPiTrip {
	id: string;
	device: string;
	vehicle: number;
	start_time_utc: string;
	end_time_utc: string;
	start_position_lat: string;
	start_position_lng: string;
	start_position_display: Record<string, unknown> | null;
	end_position_lat: string;
	end_position_lng: string;
	end_position_display: Record<string, unknown> | null;
	duration: string | null;
	distanceKm: number;
	tag: string;
	state: string;
}

export interface AutoPiState {
	devices: AutoPiDevice[];
	vehicles: Array<Record<string, unknown>>;
	trips: AutoPiTrip[];
	events: Array<Record<string, unknown>>;
	alerts: Array<Record<string, unknown>>;
	/** Issued JWTs → authenticated requests left. */
	sessions: Map<string, number>;
	loginCount: number;
	commands: Array<{ deviceId: string; body: unknown; jid: string; token: string }>;
}

/** What AutoPi POSTs to a command's callback_url (documented in its command-callbacks guide). */
export interface CallbackDelivery {
	status: number;
	body: string;
	signature: string;
}

export interface FakeAutoPiOptions {
	devices?: number;
	tripsPerDevice?: number;
	events?: number;
	alerts?: number;
	/** Authenticated requests a JWT is good for (default: unlimited). */
	jwtLifetimeRequests?: number;
	devicesShape?: 'array' | 'paged';
	maxPageSize?: number;
	eventsFirstPage?: 0 | 1;
	/** The trips endpoint ignores its date filters (to prove the node filters again). */
	tripsIgnoreDateFilter?: boolean;
}

export interface FakeAutoPi extends FakeServer {
	state: AutoPiState;
	options: Required<FakeAutoPiOptions>;
	/** Expires every issued JWT now: the next request with one gets 401. */
	expireSessions(): void;
	/** Authorization headers of every request, in order. */
	authorizations(): string[];
	/**
	 * Sends the callback of the `index`-th executed command (0-based) as AutoPi does: JSON body, X-Request-Signature =
	 * hex HMAC-SHA256 of the raw body keyed with the token of the execute call's Authorization header.
	 */
	sendCallback(
		index: number,
		state: 'COMMAND_EXECUTED' | 'TIMEOUT',
		options?: { returnValue?: unknown; signWith?: string },
	): Promise<CallbackDelivery>;
}

/** Trips start at 2026-03-01T06:00Z and follow each other every 5 hours, per device; newest first in lists. */
export const TRIPS_START_MS = Date.UTC(2026, 2, 1, 6);

function makeState(options: Required<FakeAutoPiOptions>): AutoPiState {
	const devices: AutoPiDevice[] = [];
	const vehicles: Array<Record<string, unknown>> = [];
	for (let n = 1; n <= options.devices; n++) {
		const vehicle = {
			id: 1000 + n,
			display: `Van ${n}`,
			year: 2020 + (n % 5),
			make: 'Ford',
			model: 'Transit',
			vin: `WF0XXXTTGXKA${String(n).padStart(5, '0')}`,
		};
		devices.push({
			id: uuid('d0000000', n),
			unit_id: uuid('a0000000', n),
			display: `Van ${n}`,
			callName: `van-${n}`,
			imei: `35000000000${String(n).padStart(4, '0')}`,
			token: `device-secret-${n}`,
			last_communication: new Date(Date.UTC(2026, 2, 20, 12, n)).toISOString(),
			vehicle,
		});
		vehicles.push({
			...vehicle,
			callName: `van-${n}`,
			type: 'ICE',
			battery_nominal_voltage: 12,
			devices: [uuid('d0000000', n)],
		});
	}
	const trips: AutoPiTrip[] = [];
	let tripNo = 0;
	for (const device of devices) {
		for (let t = 0; t < options.tripsPerDevice; t++) {
			tripNo++;
			const start = new Date(TRIPS_START_MS + t * 5 * 3_600_000 + devices.indexOf(device) * 60_000);
			const end = new Date(start.getTime() + 45 * 60_000);
			trips.push({
				id: uuid('70000000', tripNo),
				device: device.id,
				vehicle: device.vehicle.id,
				start_time_utc: start.toISOString(),
				end_time_utc: end.toISOString(),
				start_position_lat: '55.6761',
				start_position_lng: '12.5683',
				start_position_display: { city: 'Copenhagen', country: 'Denmark', address: `Street ${t}` },
				end_position_lat: '55.4038',
				end_position_lng: '10.4024',
				end_position_display: { city: 'Odense', country: 'Denmark', address: `Road ${t}` },
				duration: '00:45:00',
				distanceKm: 12.5 + t,
				tag: '',
				state: 'completed',
			});
		}
	}
	trips.sort((a, b) => b.start_time_utc.localeCompare(a.start_time_utc));
	const events: Array<Record<string, unknown>> = [];
	for (let e = 0; e < options.events; e++) {
		events.push({
			ts: new Date(Date.UTC(2026, 2, 20, 0, 0) - e * 600_000).toISOString(),
			tag: e % 2 ? 'vehicle/engine/running' : 'vehicle/battery/discharging',
			area: 'vehicle',
			event: e % 2 ? 'running' : 'discharging',
			data: [],
			device_id: devices[0]?.id,
		});
	}
	const alerts: Array<Record<string, unknown>> = [];
	for (let a = 1; a <= options.alerts; a++) {
		alerts.push({
			id: a,
			title: `Low battery ${a}`,
			severity: a % 3 === 0 ? 'critical' : 'medium',
			state: 'open',
			vehicle: devices[(a - 1) % Math.max(1, devices.length)]?.vehicle.id,
			created_at: new Date(Date.UTC(2026, 2, 20) - a * 3_600_000).toISOString(),
		});
	}
	return {
		devices,
		vehicles,
		trips,
		events,
		alerts,
		sessions: new Map(),
		loginCount: 0,
		commands: [],
	};
}

const detail = (status: number, text: string): FakeResponse => ({ status, body: { detail: text } });
const notFound = () => detail(404, 'Not found.');

function intOf(query: URLSearchParams, name: string, fallback: number): number | 'bad' {
	const raw = query.get(name);
	if (raw === null) return fallback;
	return /^\d+$/.test(raw) ? Number(raw) : 'bad';
}

function isoOf(query: URLSearchParams, name: string): number | undefined | 'bad' {
	const raw = query.get(name);
	if (raw === null) return undefined;
	const ms = Date.parse(raw);
	return Number.isNaN(ms) ? 'bad' : ms;
}

export async function startFakeAutoPi(opts: FakeAutoPiOptions = {}): Promise<FakeAutoPi> {
	const options: Required<FakeAutoPiOptions> = {
		devices: 3,
		tripsPerDevice: 10,
		events: 30,
		alerts: 12,
		jwtLifetimeRequests: Number.POSITIVE_INFINITY,
		devicesShape: 'array',
		maxPageSize: 100,
		eventsFirstPage: 1,
		tripsIgnoreDateFilter: false,
		...opts,
	};
	const state = makeState(options);
	const router = new Router();
	let jwtCounter = 0;

	/** DRF PageNumberPagination. */
	const drfPage = (request: FakeRequest, records: unknown[]): FakeResponse => {
		const page = intOf(request.query, 'page', 1);
		const size = intOf(request.query, 'page_size', 20);
		if (page === 'bad' || page < 1) return detail(404, 'Invalid page.');
		if (size === 'bad') return detail(404, 'Invalid page.');
		const pageSize = Math.min(Math.max(1, size), options.maxPageSize);
		const pages = Math.max(1, Math.ceil(records.length / pageSize));
		if (page > pages) return detail(404, 'Invalid page.');
		const link = (target: number) => {
			const query = new URLSearchParams(request.query);
			query.set('page', String(target));
			return `http://${String(request.headers.host)}${request.path}?${query.toString()}`;
		};
		return {
			status: 200,
			body: {
				count: records.length,
				next: page < pages ? link(page + 1) : null,
				previous: page > 1 ? link(page - 1) : null,
				results: records.slice((page - 1) * pageSize, page * pageSize),
			},
		};
	};

	const deviceById = (id: string) => state.devices.find((device) => device.id === id);

	router.on('POST', '/auth/login/', (request) => {
		state.loginCount++;
		const body = (request.json ??
			Object.fromEntries(new URLSearchParams(request.rawBody.toString('utf8')))) as Record<
			string,
			unknown
		>;
		if (!body.email || !body.password) {
			return {
				status: 400,
				body: {
					...(body.email ? {} : { email: ['This field is required.'] }),
					...(body.password ? {} : { password: ['This field is required.'] }),
				},
			};
		}
		if (body.email !== AUTOPI_EMAIL || body.password !== AUTOPI_PASSWORD) {
			return {
				status: 400,
				body: { non_field_errors: ['Unable to log in with provided credentials.'] },
			};
		}
		jwtCounter++;
		const token = `eyJhbGciOiJIUzI1NiJ9.session${jwtCounter}.sig${jwtCounter}`;
		state.sessions.set(token, options.jwtLifetimeRequests);
		return {
			status: 200,
			body: {
				token,
				user: {
					pk: 7,
					email: AUTOPI_EMAIL,
					first_name: 'Fleet',
					last_name: 'Owner',
					devices: state.devices.map((d) => ({ id: d.id, unit_id: d.unit_id })),
				},
			},
		};
	});

	router.on('GET', '/auth/user/', () => ({
		status: 200,
		body: {
			pk: 7,
			email: AUTOPI_EMAIL,
			first_name: 'Fleet',
			last_name: 'Owner',
			timezone: 'Europe/Copenhagen',
		},
	}));

	router.on('GET', '/dongle/devices/', (request) => {
		if (options.devicesShape === 'paged') return drfPage(request, state.devices);
		return { status: 200, body: state.devices };
	});
	router.on('GET', '/dongle/devices/by_unit_id/:unitId/', (request) => {
		const device = state.devices.find((d) => d.unit_id === request.params.unitId);
		return device ? { status: 200, body: device } : notFound();
	});
	router.on('GET', '/dongle/devices/:id/', (request) => {
		const device = deviceById(request.params.id);
		return device ? { status: 200, body: device } : notFound();
	});
	router.on('POST', '/dongle/devices/:id/execute/', (request) => {
		const device = deviceById(request.params.id);
		if (!device) return notFound();
		if (!/application\/json/i.test(String(request.headers['content-type'] ?? '')))
			return detail(415, 'Unsupported media type in request.');
		const body = request.json as Record<string, unknown> | undefined;
		if (!body || typeof body.command !== 'string' || !body.command)
			return { status: 400, body: { command: ['This field is required.'] } };
		if (
			body.callback_timeout !== undefined &&
			(typeof body.callback_timeout !== 'number' ||
				body.callback_timeout < 1 ||
				body.callback_timeout > 600)
		) {
			return {
				status: 400,
				body: { callback_timeout: ['Ensure this value is between 1 and 600.'] },
			};
		}
		const jid = `2026032012000${state.commands.length + 1}`;
		const token = String(request.headers.authorization ?? '').replace(/^(APIToken|Bearer)\s+/i, '');
		state.commands.push({ deviceId: device.id, body, jid, token });
		return { status: 200, body: { jid, minions: [device.unit_id] } };
	});

	router.on('GET', '/vehicle/v2/profile/', (request) => drfPage(request, state.vehicles));
	router.on('GET', '/vehicle/v2/profile/:id/', (request) => {
		const vehicle = state.vehicles.find((v) => String(v.id) === request.params.id);
		return vehicle ? { status: 200, body: vehicle } : notFound();
	});

	router.on('GET', '/logbook/v2/trips/', (request) => {
		const deviceId = request.query.get('device_id');
		const vehicle = request.query.get('vehicle');
		const from = isoOf(request.query, 'start_time_utc__gte');
		const to = isoOf(request.query, 'start_time_utc__lte');
		if (from === 'bad')
			return { status: 400, body: { start_time_utc__gte: ['Enter a valid date/time.'] } };
		if (to === 'bad')
			return { status: 400, body: { start_time_utc__lte: ['Enter a valid date/time.'] } };
		if (deviceId && !deviceById(deviceId))
			return {
				status: 400,
				body: {
					device_id: ['Select a valid choice. That choice is not one of the available choices.'],
				},
			};
		let trips = state.trips.filter(
			(trip) =>
				(!deviceId || trip.device === deviceId) && (!vehicle || String(trip.vehicle) === vehicle),
		);
		if (!options.tripsIgnoreDateFilter) {
			trips = trips.filter((trip) => {
				const ms = Date.parse(trip.start_time_utc);
				return (from === undefined || ms >= from) && (to === undefined || ms <= to);
			});
		}
		return drfPage(request, trips);
	});
	router.on('GET', '/logbook/v2/trips/:id/', (request) => {
		const trip = state.trips.find((t) => t.id === request.params.id);
		return trip ? { status: 200, body: trip } : notFound();
	});

	router.on('GET', '/logbook/v2/most_recent_positions/', () => ({
		status: 200,
		body: state.devices.map((device, index) => ({
			id: device.id,
			unit_id: device.unit_id,
			display: device.display,
			last_communication: device.last_communication,
			positions: [
				{
					ts: device.last_communication,
					utc: device.last_communication,
					location: { lat: 55.6 + index / 100, lon: 12.5 + index / 100 },
					altitude: 12,
					speed_over_ground: 0,
					course_over_ground: 90,
					nsat: 9,
				},
			],
		})),
	}));
	router.on('GET', '/logbook/v2/most_recent_position/', (request) => {
		const device = deviceById(request.query.get('device_id') ?? '');
		if (!device) return { status: 400, body: { device_id: ['This field is required.'] } };
		return {
			status: 200,
			body: {
				ts: device.last_communication,
				location: { lat: 55.6, lon: 12.5 },
				altitude: 12,
				speed_over_ground: 0,
				course_over_ground: 90,
				nsat: 9,
			},
		};
	});

	const FIELDS = [
		{ field: 'obd.bat.voltage', type: 'float' },
		{ field: 'obd.speed.value', type: 'float' },
		{ field: 'obd.fuel_level.value', type: 'float' },
		{ field: 'track.pos.loc', type: 'geo_point' },
		{ field: 'obd.vin.value', type: 'string' },
	];
	router.on('GET', '/logbook/storage/fields/', (request) => {
		const deviceId = request.query.get('device_id');
		if (deviceId && !deviceById(deviceId)) return notFound();
		return { status: 200, body: FIELDS };
	});
	router.on('GET', '/logbook/storage/read/', (request) => {
		const q = request.query;
		const device = deviceById(q.get('device_id') ?? '');
		if (!device) return { status: 400, body: { device_id: ['This field is required.'] } };
		const field = FIELDS.find((f) => f.field === q.get('field'));
		if (!q.get('field')) return { status: 400, body: { field: ['This field is required.'] } };
		if (!['float', 'geo_point', 'string', 'long'].includes(q.get('field_type') ?? ''))
			return {
				status: 400,
				body: { field_type: ['"' + (q.get('field_type') ?? '') + '" is not a valid choice.'] },
			};
		const aggregation = q.get('aggregation') ?? 'avg';
		if (!['avg', 'min', 'max', 'sum', 'none'].includes(aggregation))
			return { status: 400, body: { aggregation: [`"${aggregation}" is not a valid choice.`] } };
		if (q.get('size') !== null && aggregation !== 'none')
			return { status: 400, body: { size: ['Only allowed with aggregation none.'] } };
		const from = isoOf(q, 'from_utc');
		const to = isoOf(q, 'to_utc');
		if (from === 'bad' || from === undefined)
			return { status: 400, body: { from_utc: ['Enter a valid date/time.'] } };
		if (to === 'bad') return { status: 400, body: { to_utc: ['Enter a valid date/time.'] } };
		if (!field) return { status: 200, body: [] };
		const intervalText = q.get('interval') ?? '1h';
		const match = /^(\d+)([smhd])$/.exec(intervalText);
		if (!match) return { status: 400, body: { interval: ['Invalid interval.'] } };
		const step =
			Number(match[1]) *
			{ s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 's' | 'm' | 'h' | 'd'];
		const end = to ?? from + 24 * 3_600_000;
		const points: unknown[] = [];
		for (
			let ts = from;
			ts < end && points.length < 10_000;
			ts += aggregation === 'none' ? 60_000 : step
		) {
			const iso = new Date(ts).toISOString();
			points.push(
				field.type === 'geo_point'
					? { ts: iso, location: { lat: 55.6, lon: 12.5 } }
					: { ts: iso, value: 12.4 + (points.length % 5) / 10, max_ts: iso },
			);
		}
		const size = q.get('size');
		return { status: 200, body: size !== null ? points.slice(0, Number(size)) : points };
	});

	router.on('GET', '/logbook/events/', (request) => {
		const q = request.query;
		const deviceId = q.get('device_id');
		if (!deviceId) return { status: 400, body: { device_id: ['This field is required.'] } };
		if (!deviceById(deviceId)) return notFound();
		const pageNum = intOf(q, 'page_num', options.eventsFirstPage);
		const hits = intOf(q, 'page_hits', 10);
		if (pageNum === 'bad' || hits === 'bad')
			return { status: 400, body: { detail: 'page_num and page_hits must be integers.' } };
		const from = isoOf(q, 'start_utc');
		const to = isoOf(q, 'end_utc');
		if (from === 'bad' || to === 'bad') return { status: 400, body: { detail: 'Invalid date.' } };
		const matching = state.events.filter((e) => {
			const ms = Date.parse(String(e.ts));
			return (
				e.device_id === deviceId &&
				(from === undefined || ms >= from) &&
				(to === undefined || ms <= to)
			);
		});
		const size = Math.min(Math.max(1, hits), options.maxPageSize);
		const offset = (pageNum - options.eventsFirstPage) * size;
		return {
			status: 200,
			body: {
				count: matching.length,
				results: offset < 0 ? [] : matching.slice(offset, offset + size),
			},
		};
	});

	router.on('GET', '/fleet/alerts/', (request) => {
		const vehicle = request.query.get('vehicle');
		return drfPage(
			request,
			state.alerts.filter((a) => !vehicle || String(a.vehicle) === vehicle),
		);
	});

	const fake = (await startFakeServer({
		router,
		guard: (request) => {
			if (request.method === 'GET' && !request.path.endsWith('/')) {
				return {
					status: 301,
					headers: {
						Location: `${request.path}/${request.query.toString() ? `?${request.query.toString()}` : ''}`,
					},
					body: '',
				};
			}
			if (request.path === '/auth/login/') return undefined;
			const authorization = String(request.headers.authorization ?? '');
			if (!authorization) return detail(401, 'Authentication credentials were not provided.');
			const [scheme, value] = authorization.split(' ', 2);
			if (scheme === 'APIToken')
				return value === AUTOPI_TOKEN ? undefined : detail(401, 'Invalid token.');
			if (/^bearer$/i.test(scheme)) {
				const left = state.sessions.get(value ?? '');
				if (left === undefined) return detail(401, 'Error decoding signature.');
				if (left <= 0) return detail(401, 'Signature has expired.');
				state.sessions.set(value, left - 1);
				return undefined;
			}
			return detail(401, 'Invalid token header. No credentials provided.');
		},
		notFound: () => ({
			status: 404,
			headers: { 'Content-Type': 'text/html' },
			body: '<h1>Not Found</h1><p>The requested resource was not found on this server.</p>',
		}),
	})) as FakeAutoPi;
	fake.state = state;
	fake.options = options;
	fake.expireSessions = () => {
		for (const token of state.sessions.keys()) state.sessions.set(token, 0);
	};
	fake.sendCallback = async (index, callbackState, callbackOptions = {}) => {
		const command = state.commands[index];
		const body = command?.body as Record<string, unknown> | undefined;
		if (!command || typeof body?.callback_url !== 'string')
			throw new Error(`command ${index} has no callback_url`);
		const device = deviceById(command.deviceId)!;
		const executed = callbackState === 'COMMAND_EXECUTED';
		const raw = JSON.stringify({
			response: executed
				? {
						tag: `salt/job/${command.jid}/ret/${device.unit_id}`,
						data: {
							fun_args: body.arg ?? [],
							jid: command.jid,
							return: callbackOptions.returnValue ?? true,
							retcode: 0,
							success: true,
							cmd: '_return',
							_stamp: new Date().toISOString().replace('Z', ''),
							fun: body.command,
							id: device.unit_id,
						},
					}
				: {},
			jid: command.jid,
			state: callbackState,
			success: executed,
			device_id: device.id,
		});
		const signature = createHmac('sha256', callbackOptions.signWith ?? command.token)
			.update(raw)
			.digest('hex');
		const response = await fetch(body.callback_url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'X-Request-Signature': signature },
			body: raw,
		});
		await response.arrayBuffer();
		return { status: response.status, body: raw, signature };
	};
	fake.authorizations = () =>
		fake.stats.log.map((entry) => String(entry.headers.authorization ?? ''));
	return fake;
}
