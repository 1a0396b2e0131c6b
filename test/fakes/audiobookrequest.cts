/**
 * Fake AudioBookRequest 1.10.4 `/api`, written from docs/api/audiobookrequest.md and the OpenAPI document a
 * real 1.10.4 server generates (its shapes are summarised there):
 * - only `Authorization: Bearer <key>` (scheme word case-insensitive); a missing or unknown key, AND a key whose
 *   user's group is too low, get `401 {"detail":"Authentication required"}`;
 * - optional per-request latency standing for the argon2 key check (`argonMs`);
 * - no slash redirects: `/api/users` is `404 {"detail":"Not Found"}`, `/api/users/` works;
 * - `POST /api/requests/{asin}` saves the request and then answers `500 Internal Server Error` (text/plain);
 *   a repeat answers `409 {"detail":"Book already requested"}`; `POST /api/requests/manual` is shadowed (404);
 * - 204 with an empty body where the OpenAPI document declares 200 (DELETE/PATCH routes);
 * - FastAPI/pydantic 422 bodies `{"detail":[{type, loc, msg, input, ctx?}]}`;
 * - auto-download failures as HTTP 200 with an HTML toast;
 * - notifications CRUD, and `fire()` delivering them like app/internal/notifications.py: placeholders replaced
 *   with plain str.replace (no escaping); json bodies parsed first (a quote in a title drops the delivery and the
 *   rest of that event), text bodies sent as text/plain; a failing delivery stops the others of the event.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';

import {
	intParam,
	Router,
	startFakeServer,
	type FakeRequest,
	type FakeResponse,
	type FakeServer,
} from './base.cjs';

export const ABR_ADMIN_TOKEN = 'abr-admin-Zx81_ZlQm3c0bB1i9dXyPq4sT7uVwE2aaaa';
export const ABR_TRUSTED_TOKEN = 'abr-trusted-K2n_yP0q8rLw5Vb3xZc7mN1aS6dF4bbb';
export const ABR_UNTRUSTED_TOKEN = 'abr-untrusted-Jq4_cV9b2nM7xZ1aS5dF8gH3kL6ccc';

export type Group = 'untrusted' | 'trusted' | 'admin';
const RANK: Record<Group, number> = { untrusted: 0, trusted: 1, admin: 2 };
const REGIONS = ['us', 'ca', 'uk', 'au', 'fr', 'de', 'jp', 'it', 'in', 'es', 'br'];
const EVENTS = ['onNewRequest', 'onSuccessfulDownload', 'onFailedDownload'];
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const PLACEHOLDER_COVER_URL = 'https://picsum.photos/id/24/500/500';

export interface AbrUser {
	username: string;
	group: Group;
	root: boolean;
	password: string;
	extra_data: string | null;
}

export interface AbrBook {
	asin: string;
	title: string;
	subtitle: string | null;
	authors: string[];
	narrators: string[];
	cover_image: string | null;
	release_date: string;
	runtime_length_min: number;
	updated_at: string;
	downloaded: boolean;
}

export interface AbrRequest {
	asin: string;
	user_username: string;
	updated_at: string;
}

export interface AbrManualRequest {
	id: string;
	user_username: string;
	title: string;
	subtitle: string | null;
	authors: string[];
	narrators: string[];
	publish_date: string | null;
	additional_info: string | null;
	updated_at: string;
	downloaded: boolean;
}

export interface AbrNotification {
	id: string;
	name: string;
	url: string;
	headers: Record<string, string>;
	event: string;
	body_type: 'text' | 'json';
	body: string;
	enabled: boolean;
}

export interface AbrSource {
	guid: string;
	indexer_id: number;
	indexer: string;
	title: string;
	size: number;
	publish_date: string;
	info_url: string | null;
	indexer_flags: string[];
	download_url: string | null;
	magnet_url: string | null;
	book_metadata: {
		title: string | null;
		subtitle: string | null;
		authors: string[];
		narrators: string[];
		filetype: string | null;
	};
	protocol: 'torrent';
	seeders: number;
	leechers: number;
}

export interface AbrState {
	/** API key → username. */
	keys: Map<string, string>;
	users: Map<string, AbrUser>;
	/** What "Audible" knows (reachable by search and single-product lookup). */
	catalog: Map<string, AbrBook>;
	/** ABR's local cache of books (filled by search and lookups). */
	cached: Map<string, AbrBook>;
	requests: AbrRequest[];
	manual: AbrManualRequest[];
	notifications: AbrNotification[];
	/** Answer POST /api/requests/{asin} with the upstream 500-after-save (true) or the declared 200 (false). */
	createAnswers500: boolean;
	/** When set, the create route fails BEFORE saving (500 and nothing stored). */
	createFailsBeforeSave: boolean;
	prowlarrConfigured: boolean;
	/** ABR_APP__BASE_URL (e.g. "/abr"); its redirects are prefixed with it. */
	baseUrlPath: string;
	sources: AbrSource[];
	/** Minimum password length setting. */
	minPasswordLength: number;
}

export interface Delivery {
	notificationId: string;
	/** HTTP status of the receiver, or undefined when nothing was sent. */
	status?: number;
	/** Why nothing was sent or the send failed (invalid JSON after filling, connection error, non-2xx). */
	error?: string;
	/** Exactly what was sent. */
	body?: string;
	contentType?: string;
}

export interface FireOptions {
	/** Book whose data fills the placeholders (joinedUsers = all its requesters). */
	asin?: string;
	/** Manual request whose data fills them (users = its requester; errors are swallowed upstream). */
	manualId?: string;
	/** Extra placeholders such as errorStatus / sourceTitle. */
	replacements?: Record<string, string>;
}

export interface FakeAudioBookRequest extends FakeServer {
	state: AbrState;
	router: Router;
	/** Delivers every enabled notification of `event` like ABR does, in order; stops at the first failure (book events). */
	fire(event: string, options?: FireOptions): Promise<Delivery[]>;
	/** Deliveries made by background tasks (PATCH …/downloaded, POST …/download). */
	backgroundDeliveries: Array<Promise<Delivery[]>>;
}

function book(
	asin: string,
	title: string,
	authors: string[],
	narrators: string[],
	extra: Partial<AbrBook> = {},
): AbrBook {
	return {
		asin,
		title,
		subtitle: null,
		authors,
		narrators,
		cover_image: `https://m.media-amazon.com/images/I/${asin}.jpg`,
		release_date: '2007-01-01T00:00:00Z',
		runtime_length_min: 600,
		updated_at: '2026-11-22T10:34:52',
		downloaded: false,
		...extra,
	};
}

export const ABR_BOOKS = {
	dune: book('B002V1OF70', 'Dune', ['Frank Herbert'], ['Scott Brick', 'Simon Vance'], {
		subtitle: 'Book One',
		runtime_length_min: 1260,
	}),
	messiah: book('B002V5D7RU', 'Dune Messiah', ['Frank Herbert'], ['Scott Brick']),
	goodOmens: book(
		'B00B5HZGUG',
		'Good Omens',
		['Terry Pratchett', 'Neil Gaiman'],
		['Martin Jarvis'],
	),
	quoted: book('B0QUOTE001', 'The "Quoted" Book', ['Jane "JD" Doe'], ['Narrator, Jr.']),
	noCover: book('B0NOCOVER1', 'Coverless', ['Anon'], [], { cover_image: null }),
};

function now(): string {
	return new Date().toISOString().replace('Z', '').padEnd(26, '0');
}

function detail(status: number, message: string): FakeResponse {
	return { status, body: { detail: message } };
}

const AUTH_REQUIRED: FakeResponse = { status: 401, body: { detail: 'Authentication required' } };
const NOT_FOUND: FakeResponse = { status: 404, body: { detail: 'Not Found' } };
const NO_CONTENT: FakeResponse = { status: 204 };
const INTERNAL_ERROR: FakeResponse = {
	status: 500,
	headers: { 'Content-Type': 'text/plain; charset=utf-8' },
	body: 'Internal Server Error',
};

interface ValidationEntry {
	type: string;
	loc: Array<string | number>;
	msg: string;
	input: unknown;
	ctx?: Record<string, unknown>;
}

function unprocessable(entries: ValidationEntry[]): FakeResponse {
	return { status: 422, body: { detail: entries } };
}

function literalError(
	loc: Array<string | number>,
	input: unknown,
	values: string[],
): ValidationEntry {
	const expected =
		values.length === 1
			? `'${values[0]}'`
			: `${values
					.slice(0, -1)
					.map((v) => `'${v}'`)
					.join(', ')} or '${values[values.length - 1]}'`;
	return {
		type: 'literal_error',
		loc,
		msg: `Input should be ${expected}`,
		input,
		ctx: { expected },
	};
}

function uuidError(loc: Array<string | number>, input: string): ValidationEntry {
	return {
		type: 'uuid_parsing',
		loc,
		msg: 'Input should be a valid UUID, invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-]',
		input,
		ctx: { error: 'invalid character' },
	};
}

function intError(loc: Array<string | number>, input: unknown): ValidationEntry {
	return {
		type: 'int_parsing',
		loc,
		msg: 'Input should be a valid integer, unable to parse string as an integer',
		input,
	};
}

function boolQuery(
	query: URLSearchParams,
	name: string,
	fallback: boolean,
): boolean | ValidationEntry {
	const raw = query.get(name);
	if (raw === null) return fallback;
	if (['true', '1', 'yes', 'on'].includes(raw.toLowerCase())) return true;
	if (['false', '0', 'no', 'off'].includes(raw.toLowerCase())) return false;
	return {
		type: 'bool_parsing',
		loc: ['query', name],
		msg: 'Input should be a valid boolean, unable to interpret input',
		input: raw,
	};
}

function intQuery(
	query: URLSearchParams,
	name: string,
	fallback: number,
): number | ValidationEntry {
	const raw = query.get(name);
	if (raw === null) return fallback;
	if (!/^-?\d+$/.test(raw)) return intError(['query', name], raw);
	return Number(raw);
}

function regionQuery(query: URLSearchParams, name: string): ValidationEntry | undefined {
	const region = query.get(name);
	if (region !== null && !REGIONS.includes(region))
		return literalError(['query', name], region, REGIONS);
	return undefined;
}

function isEntry(value: unknown): value is ValidationEntry {
	return typeof value === 'object' && value !== null && 'loc' in value;
}

/** Bearer only; the scheme word is case-insensitive (FastAPI HTTPBearer). */
function presentedKey(request: FakeRequest): string | undefined {
	const header = request.headers.authorization;
	if (typeof header !== 'string') return undefined;
	const match = /^bearer\s+(\S+)\s*$/i.exec(header);
	return match?.[1];
}

export function createAbrState(): AbrState {
	const users = new Map<string, AbrUser>([
		[
			'admin',
			{
				username: 'admin',
				group: 'admin',
				root: true,
				password: 'admin',
				extra_data: '@admin-chat',
			},
		],
		[
			'trusty',
			{ username: 'trusty', group: 'trusted', root: false, password: 'pw', extra_data: null },
		],
		[
			'guest',
			{
				username: 'guest',
				group: 'untrusted',
				root: false,
				password: 'pw',
				extra_data: 'guest "extra"',
			},
		],
	]);
	const catalog = new Map(Object.values(ABR_BOOKS).map((b) => [b.asin, { ...b }]));
	return {
		keys: new Map([
			[ABR_ADMIN_TOKEN, 'admin'],
			[ABR_TRUSTED_TOKEN, 'trusty'],
			[ABR_UNTRUSTED_TOKEN, 'guest'],
		]),
		users,
		catalog,
		cached: new Map(),
		requests: [],
		manual: [],
		notifications: [],
		createAnswers500: true,
		createFailsBeforeSave: false,
		prowlarrConfigured: true,
		baseUrlPath: '',
		sources: [
			{
				guid: 'https://indexer.example/torrent/1',
				indexer_id: 3,
				indexer: 'AudioBookBay',
				title: 'Frank Herbert - Dune [M4B]',
				size: 1_073_741_824,
				publish_date: '2024-01-01T00:00:00Z',
				info_url: 'https://indexer.example/info/1',
				indexer_flags: [],
				download_url: null,
				magnet_url: 'magnet:?xt=urn:btih:ABCDEF0123456789&dn=dune',
				book_metadata: {
					title: 'Dune',
					subtitle: null,
					authors: ['Frank Herbert'],
					narrators: [],
					filetype: 'm4b',
				},
				protocol: 'torrent',
				seeders: 12,
				leechers: 1,
			},
		],
		minPasswordLength: 1,
	};
}

const INTERNAL_SERVER_ERROR: FakeResponse = {
	status: 500,
	headers: { 'Content-Type': 'text/plain; charset=utf-8' },
	body: 'Internal Server Error',
};

/** BaseUrlRedirectResponse("/settings/invalid?prowlarr_misconfigured=true"): 302, prefixed with the base URL. */
function PROWLARR_MISCONFIGURED_REDIRECT(state: AbrState): FakeResponse {
	return {
		status: 302,
		headers: {
			Location: `${state.baseUrlPath}/settings/invalid?prowlarr_misconfigured=true`,
			'Content-Length': '0',
		},
		body: '',
	};
}

export function createAbrRouter(
	state: AbrState,
	fire: FakeAudioBookRequest['fire'],
	background: Array<Promise<Delivery[]>>,
): Router {
	const router = new Router();
	/** Routes with their minimum group: a key of a lower group gets the same 401 as a bad key (AnyAuth swallows the 403). */
	const on = (
		method: string,
		path: string,
		group: Group,
		handler: (request: FakeRequest, user: AbrUser) => FakeResponse | Promise<FakeResponse>,
	) =>
		router.on(method, path, (request) => {
			const key = presentedKey(request);
			const username = key ? state.keys.get(key) : undefined;
			const user = username ? state.users.get(username) : undefined;
			if (!user || RANK[user.group] < RANK[group]) return AUTH_REQUIRED;
			return handler(request, user);
		});

	const wishlistEntry = (b: AbrBook) => ({
		book: b,
		requests: state.requests.filter((r) => r.asin === b.asin),
		download_error: null,
	});
	const withRequests = (b: AbrBook, username: string | null) => ({
		book: b,
		requests: state.requests.filter((r) => r.asin === b.asin),
		username,
	});
	const userResponse = (u: AbrUser) => ({ username: u.username, group: u.group, root: u.root });
	const lookup = (asin: string): AbrBook | undefined => {
		const cachedBook = state.cached.get(asin);
		if (cachedBook) return cachedBook;
		const found = state.catalog.get(asin);
		if (found) state.cached.set(asin, found);
		return found;
	};

	router.on('GET', '/api/health', () => ({ status: 200 }));

	// ---- users
	on('GET', '/api/users/me', 'untrusted', (_request, user) => ({
		status: 200,
		body: userResponse(user),
	}));
	on('GET', '/api/users/', 'admin', (request) => {
		const errors: ValidationEntry[] = [];
		const limit = intQuery(request.query, 'limit', 50);
		const offset = intQuery(request.query, 'offset', 0);
		if (isEntry(limit)) errors.push(limit);
		else if (limit > 100)
			errors.push({
				type: 'less_than_equal',
				loc: ['query', 'limit'],
				msg: 'Input should be less than or equal to 100',
				input: String(limit),
				ctx: { le: 100 },
			});
		else if (limit < 1)
			errors.push({
				type: 'greater_than_equal',
				loc: ['query', 'limit'],
				msg: 'Input should be greater than or equal to 1',
				input: String(limit),
				ctx: { ge: 1 },
			});
		if (isEntry(offset)) errors.push(offset);
		else if (offset < 0)
			errors.push({
				type: 'greater_than_equal',
				loc: ['query', 'offset'],
				msg: 'Input should be greater than or equal to 0',
				input: String(offset),
				ctx: { ge: 0 },
			});
		if (errors.length) return unprocessable(errors);
		const all = [...state.users.values()];
		return {
			status: 200,
			body: {
				users: all
					.slice(offset as number, (offset as number) + (limit as number))
					.map(userResponse),
				total: all.length,
			},
		};
	});
	on('POST', '/api/users/', 'admin', (request) => {
		const body = (request.json ?? {}) as Record<string, unknown>;
		const errors: ValidationEntry[] = [];
		if (typeof body.username !== 'string')
			errors.push({
				type: 'missing',
				loc: ['body', 'username'],
				msg: 'Field required',
				input: body,
			});
		else if (body.username.length < 1)
			errors.push({
				type: 'string_too_short',
				loc: ['body', 'username'],
				msg: 'String should have at least 1 character',
				input: body.username,
				ctx: { min_length: 1 },
			});
		if (typeof body.password !== 'string')
			errors.push({
				type: 'missing',
				loc: ['body', 'password'],
				msg: 'Field required',
				input: body,
			});
		if (
			body.group !== undefined &&
			!['untrusted', 'trusted', 'admin'].includes(String(body.group))
		) {
			errors.push({
				type: 'enum',
				loc: ['body', 'group'],
				msg: "Input should be 'untrusted', 'trusted' or 'admin'",
				input: body.group,
				ctx: { expected: "'untrusted', 'trusted' or 'admin'" },
			});
		}
		if (errors.length) return unprocessable(errors);
		const username = body.username as string;
		if (state.users.has(username)) return detail(409, 'Username already exists');
		if ((body.password as string).length < state.minPasswordLength)
			return detail(400, `Password must be at least ${state.minPasswordLength} characters long`);
		const user: AbrUser = {
			username,
			password: body.password as string,
			group: (body.group as Group) ?? 'untrusted',
			root: body.root === true,
			extra_data: (body.extra_data as string) ?? null,
		};
		state.users.set(username, user);
		return { status: 201, body: userResponse(user) };
	});
	on('GET', '/api/users/:username', 'admin', (request) => {
		const user = state.users.get(request.params.username);
		return user ? { status: 200, body: userResponse(user) } : detail(404, 'User not found');
	});
	on('PUT', '/api/users/:username', 'admin', (request) => {
		const user = state.users.get(request.params.username);
		if (!user) return detail(404, 'User not found');
		const body = (request.json ?? {}) as Record<string, unknown>;
		if (
			body.group !== undefined &&
			body.group !== null &&
			!['untrusted', 'trusted', 'admin'].includes(String(body.group))
		) {
			return unprocessable([
				{
					type: 'enum',
					loc: ['body', 'group'],
					msg: "Input should be 'untrusted', 'trusted' or 'admin'",
					input: body.group,
				},
			]);
		}
		if (body.group !== undefined && body.group !== null && user.root)
			return detail(400, "Cannot change root user's group");
		if (typeof body.password === 'string') user.password = body.password;
		if (typeof body.group === 'string') user.group = body.group as Group;
		if (body.extra_data !== undefined) user.extra_data = (body.extra_data as string | null) ?? null;
		return { status: 200, body: userResponse(user) };
	});
	on('DELETE', '/api/users/:username', 'admin', (request, me) => {
		const user = state.users.get(request.params.username);
		if (!user) return detail(404, 'User not found');
		if (user.username === me.username) return detail(400, 'Cannot delete own user');
		if (user.root) return detail(400, 'Cannot delete root user');
		state.users.delete(user.username);
		for (const [key, owner] of state.keys) if (owner === user.username) state.keys.delete(key);
		return NO_CONTENT;
	});

	// ---- search
	on('GET', '/api/search', 'untrusted', (request, user) => {
		const errors: ValidationEntry[] = [];
		const numResults = intQuery(request.query, 'num_results', 20);
		const page = intQuery(request.query, 'page', 0);
		if (isEntry(numResults)) errors.push(numResults);
		if (isEntry(page)) errors.push(page);
		const region = regionQuery(request.query, 'region');
		if (region) errors.push(region);
		if (errors.length) return unprocessable(errors);
		const q = request.query.get('q');
		if (!q) return { status: 200, body: [] };
		const words = q.toLowerCase().split(/\s+/).filter(Boolean);
		const hits = [...state.catalog.values()].filter((b) => {
			const text = `${b.title} ${b.authors.join(' ')} ${b.narrators.join(' ')}`.toLowerCase();
			return words.every((word) => text.includes(word));
		});
		const slice = hits.slice(
			(page as number) * (numResults as number),
			((page as number) + 1) * (numResults as number),
		);
		for (const b of slice) state.cached.set(b.asin, b);
		return { status: 200, body: slice.map((b) => withRequests(b, user.username)) };
	});
	on('GET', '/api/search/suggestions', 'untrusted', (request) => {
		const q = request.query.get('q');
		const errors: ValidationEntry[] = [];
		if (q === null)
			errors.push({ type: 'missing', loc: ['query', 'q'], msg: 'Field required', input: null });
		const region = regionQuery(request.query, 'region');
		if (region) errors.push(region);
		if (errors.length) return unprocessable(errors);
		const needle = (q as string).toLowerCase();
		return {
			status: 200,
			body: [...state.catalog.values()]
				.map((b) => b.title)
				.filter((title) => title.toLowerCase().startsWith(needle)),
		};
	});

	// ---- requests (manual routes first where the shapes overlap)
	on('GET', '/api/requests/manual', 'untrusted', (_request, user) => {
		const mine = state.manual.filter(
			(m) => user.group === 'admin' || m.user_username === user.username,
		);
		return {
			status: 200,
			body: [...mine].sort((a, b) => Number(a.downloaded) - Number(b.downloaded)),
		};
	});
	on('PUT', '/api/requests/manual/:id', 'untrusted', (request, user) => {
		if (!UUID.test(request.params.id))
			return unprocessable([uuidError(['path', 'id'], request.params.id)]);
		const body = (request.json ?? {}) as Record<string, unknown>;
		const errors: ValidationEntry[] = [];
		for (const field of ['title', 'author']) {
			if (typeof body[field] !== 'string')
				errors.push({ type: 'missing', loc: ['body', field], msg: 'Field required', input: body });
		}
		if (errors.length) return unprocessable(errors);
		const entry = state.manual.find((m) => m.id === request.params.id.toLowerCase());
		if (!entry) return detail(404, 'Book request not found');
		if (user.group !== 'admin' && entry.user_username !== user.username)
			return detail(403, 'Not authorized');
		entry.title = body.title as string;
		entry.subtitle = (body.subtitle as string) ?? null;
		// Upstream splits on "," without trimming.
		entry.authors = (body.author as string).split(',');
		entry.narrators =
			typeof body.narrator === 'string' && body.narrator ? body.narrator.split(',') : [];
		entry.publish_date = (body.publish_date as string) ?? null;
		entry.additional_info = (body.info as string) ?? null;
		return NO_CONTENT;
	});
	on('PATCH', '/api/requests/manual/:id/downloaded', 'admin', (request) => {
		if (!UUID.test(request.params.id))
			return unprocessable([uuidError(['path', 'id'], request.params.id)]);
		const entry = state.manual.find((m) => m.id === request.params.id.toLowerCase());
		if (!entry) return detail(404, 'Request not found');
		entry.downloaded = true;
		background.push(fire('onSuccessfulDownload', { manualId: entry.id }));
		return NO_CONTENT;
	});
	on('DELETE', '/api/requests/manual/:id', 'admin', (request) => {
		if (!UUID.test(request.params.id))
			return unprocessable([uuidError(['path', 'id'], request.params.id)]);
		const index = state.manual.findIndex((m) => m.id === request.params.id.toLowerCase());
		if (index < 0) return detail(404, 'Request not found');
		state.manual.splice(index, 1);
		return NO_CONTENT;
	});
	on('GET', '/api/requests', 'untrusted', (request, user) => {
		const filter = request.query.get('filter') ?? 'all';
		if (!['all', 'downloaded', 'not_downloaded'].includes(filter)) {
			return unprocessable([
				literalError(['query', 'filter'], filter, ['all', 'downloaded', 'not_downloaded']),
			]);
		}
		const asins = [
			...new Set(
				state.requests
					.filter((r) => user.group === 'admin' || r.user_username === user.username)
					.map((r) => r.asin),
			),
		];
		const books = asins
			.map((asin) => state.cached.get(asin) ?? state.catalog.get(asin))
			.filter((b): b is AbrBook => !!b)
			.filter((b) => filter === 'all' || (filter === 'downloaded' ? b.downloaded : !b.downloaded));
		return { status: 200, body: books.map(wishlistEntry) };
	});
	on('POST', '/api/requests/:asin', 'untrusted', (request, user) => {
		const region = regionQuery(request.query, 'region');
		if (region) return unprocessable([region]);
		const asin = request.params.asin;
		const found = lookup(asin);
		if (!found) return detail(404, 'Book not found');
		if (state.requests.some((r) => r.asin === asin && r.user_username === user.username))
			return detail(409, 'Book already requested');
		if (state.createFailsBeforeSave) return INTERNAL_ERROR;
		state.requests.push({ asin, user_username: user.username, updated_at: now() });
		// Upstream: response_model=Audiobook but an AudiobookWithRequests is returned → response validation fails
		// after the commit; the background tasks (onNewRequest, auto-download) never run.
		if (state.createAnswers500) return INTERNAL_ERROR;
		background.push(fire('onNewRequest', { asin }));
		return { status: 200, body: found };
	});
	on('DELETE', '/api/requests/:asin', 'untrusted', (request, user) => {
		const asin = request.params.asin;
		state.requests = state.requests.filter(
			(r) => !(r.asin === asin && (user.group === 'admin' || r.user_username === user.username)),
		);
		return NO_CONTENT;
	});
	on('PATCH', '/api/requests/:asin/downloaded', 'admin', (request) => {
		const found =
			state.cached.get(request.params.asin) ??
			[...state.catalog.values()].find(
				(b) => b.asin === request.params.asin && state.requests.some((r) => r.asin === b.asin),
			);
		if (!found) return detail(404, 'Book not found');
		found.downloaded = true;
		background.push(fire('onSuccessfulDownload', { asin: found.asin }));
		return NO_CONTENT;
	});
	// query_sources(): an unknown book is an HTTPException, turned into an HTML toast with 200 by this route; a missing
	// Prowlarr setup raises ProwlarrMisconfigured, which main.py's handler answers with 302 → <base>/settings/invalid.
	const querySourcesFailure = (asinOrUuid: string): FakeResponse | undefined => {
		const known =
			state.cached.has(asinOrUuid) ||
			state.catalog.has(asinOrUuid) ||
			state.manual.some((m) => m.id === asinOrUuid);
		if (!known) {
			return {
				status: 200,
				headers: { 'Content-Type': 'text/html; charset=utf-8' },
				body: '<div class="toast toast-error"><span>Book not found</span></div>',
			};
		}
		if (!state.prowlarrConfigured) return PROWLARR_MISCONFIGURED_REDIRECT(state);
		return undefined;
	};
	on('POST', '/api/requests/:asin/auto-download', 'trusted', (request) => {
		return querySourcesFailure(request.params.asin) ?? NO_CONTENT;
	});
	on('GET', '/api/requests/:asin/sources', 'admin', (request) => {
		const onlyCached = boolQuery(request.query, 'only_cached', false);
		if (isEntry(onlyCached)) return unprocessable([onlyCached]);
		if (!state.prowlarrConfigured) return detail(400, 'Prowlarr misconfigured');
		const target =
			state.cached.get(request.params.asin) ??
			state.manual.find((m) => m.id === request.params.asin);
		if (!target) return detail(404, 'Book not found');
		return { status: 200, body: { sources: state.sources, book: target, state: 'ok' } };
	});
	on('POST', '/api/requests/:asin/download', 'admin', (request) => {
		const body = (request.json ?? {}) as Record<string, unknown>;
		const errors: ValidationEntry[] = [];
		if (typeof body.guid !== 'string')
			errors.push({ type: 'missing', loc: ['body', 'guid'], msg: 'Field required', input: body });
		if (body.indexer_id === undefined)
			errors.push({
				type: 'missing',
				loc: ['body', 'indexer_id'],
				msg: 'Field required',
				input: body,
			});
		else if (!Number.isInteger(body.indexer_id))
			errors.push(intError(['body', 'indexer_id'], body.indexer_id));
		if (errors.length) return unprocessable(errors);
		if (!state.prowlarrConfigured) return detail(500, 'Prowlarr misconfigured');
		const source = state.sources.find(
			(s) => s.guid === body.guid && s.indexer_id === body.indexer_id,
		);
		if (!source) {
			background.push(
				fire('onFailedDownload', {
					asin: request.params.asin,
					replacements: { errorStatus: '404', errorReason: 'Not Found' },
				}),
			);
			return detail(500, 'Failed to start download');
		}
		const cachedBook = state.cached.get(request.params.asin);
		if (cachedBook) cachedBook.downloaded = true;
		background.push(
			fire('onSuccessfulDownload', {
				asin: request.params.asin,
				replacements: {
					bookASIN: request.params.asin,
					torrentInfoHash: 'ABCDEF0123456789',
					sourceSizeMB: String(Math.round(source.size / 1_048_576)),
					sourceTitle: source.title,
					indexerName: source.indexer,
					sourceProtocol: source.protocol,
				},
			}),
		);
		return NO_CONTENT;
	});
	on('POST', '/api/requests/:asin/refresh', 'untrusted', (request) => {
		const failure = querySourcesFailure(request.params.asin);
		// Not caught by this route: the unknown book is FastAPI's JSON 404.
		if (failure?.status === 200) return detail(404, 'Book not found');
		return failure ?? { status: 202 };
	});

	// ---- recommendations
	on('GET', '/api/recommendations/popular', 'untrusted', (request, user) => {
		const limit = intParam(request.query, 'limit', 10);
		const minRequests = intParam(request.query, 'min_requests', 1);
		const excludeDownloaded = boolQuery(request.query, 'exclude_downloaded', true);
		if (isEntry(excludeDownloaded)) return unprocessable([excludeDownloaded]);
		const counts = new Map<string, number>();
		for (const r of state.requests) counts.set(r.asin, (counts.get(r.asin) ?? 0) + 1);
		const list = [...counts.entries()]
			.filter(
				([asin, count]) =>
					count >= minRequests &&
					!state.requests.some((r) => r.asin === asin && r.user_username === user.username),
			)
			.map(([asin, count]) => ({ b: state.cached.get(asin) ?? state.catalog.get(asin)!, count }))
			.filter(({ b }) => !(excludeDownloaded && b.downloaded))
			.sort((a, b) => b.count - a.count)
			.slice(0, limit)
			.map(({ b, count }) => ({ book: withRequests(b, null), request_count: count }));
		return { status: 200, body: list };
	});
	// The route declares response_model=Sequence[Audiobook] but returns AudiobookWithRequests: FastAPI's response
	// validation fails, so any non-empty answer becomes a plain-text 500 (ABR 1.10.4); only an empty list gets through.
	on('GET', '/api/recommendations/recent', 'untrusted', (request, user) => {
		const limit = intParam(request.query, 'limit', 10);
		const daysBack = intParam(request.query, 'days_back', 30);
		const excludeDownloaded = boolQuery(request.query, 'exclude_downloaded', true);
		if (isEntry(excludeDownloaded)) return unprocessable([excludeDownloaded]);
		const cutoff = Date.now() - daysBack * 86_400_000;
		const found = [
			...new Set(
				state.requests
					.filter(
						(r) => r.user_username !== user.username && Date.parse(`${r.updated_at}Z`) >= cutoff,
					)
					.map((r) => r.asin),
			),
		]
			.map((asin) => state.cached.get(asin) ?? state.catalog.get(asin))
			.filter((b) => b !== undefined && !(excludeDownloaded && b.downloaded))
			.slice(0, limit);
		if (found.length > 0) return INTERNAL_SERVER_ERROR;
		return { status: 200, body: [] };
	});
	on('GET', '/api/recommendations/user', 'untrusted', (request) => {
		const limit = intParam(request.query, 'limit', 20);
		const offset = intParam(request.query, 'offset', 0);
		const seeds = request.query.getAll('seed_asins');
		const all = [...state.catalog.values()].filter((b) => !seeds.includes(b.asin));
		return {
			status: 200,
			body: {
				recommendations: all.slice(offset, offset + limit).map((b) => ({
					book: withRequests(b, null),
					reason: seeds.length ? `Because you liked ${seeds.join(', ')}` : null,
				})),
				total: all.length,
			},
		};
	});

	// ---- notifications (admin)
	const validateNotification = (body: Record<string, unknown>): FakeResponse | undefined => {
		const errors: ValidationEntry[] = [];
		for (const field of ['name', 'url', 'event_type', 'body', 'body_type']) {
			if (typeof body[field] !== 'string')
				errors.push({ type: 'missing', loc: ['body', field], msg: 'Field required', input: body });
		}
		for (const field of ['name', 'url']) {
			if (typeof body[field] === 'string' && (body[field] as string).length < 1) {
				errors.push({
					type: 'string_too_short',
					loc: ['body', field],
					msg: 'String should have at least 1 character',
					input: body[field],
					ctx: { min_length: 1 },
				});
			}
		}
		if (typeof body.body_type === 'string' && !['text', 'json'].includes(body.body_type))
			errors.push({
				type: 'enum',
				loc: ['body', 'body_type'],
				msg: "Input should be 'text' or 'json'",
				input: body.body_type,
			});
		if (errors.length) return unprocessable(errors);
		let headers: unknown;
		try {
			headers = JSON.parse((body.headers as string) || '{}');
		} catch {
			return detail(400, 'Invalid headers JSON');
		}
		if (
			!headers ||
			typeof headers !== 'object' ||
			Array.isArray(headers) ||
			Object.values(headers).some((v) => typeof v !== 'string')
		) {
			return detail(400, 'Invalid headers JSON. Not of type object/dict');
		}
		if (body.body_type === 'json') {
			let parsed: unknown;
			try {
				parsed = JSON.parse(body.body as string);
			} catch {
				return detail(422, 'Body is invalid JSON');
			}
			if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
				return detail(422, 'Invalid body. Not a JSON object');
		}
		if (!EVENTS.includes(body.event_type as string)) return detail(400, 'Invalid event type');
		return undefined;
	};
	on('GET', '/api/settings/notifications', 'admin', () => ({
		status: 200,
		body: state.notifications,
	}));
	on('POST', '/api/settings/notifications', 'admin', (request) => {
		const body = (request.json ?? {}) as Record<string, unknown>;
		const invalid = validateNotification(body);
		if (invalid) return invalid;
		const storedBody =
			body.body_type === 'json'
				? JSON.stringify(JSON.parse(body.body as string), null, 2)
				: (body.body as string);
		const values = {
			name: body.name as string,
			url: body.url as string,
			event: body.event_type as string,
			body_type: body.body_type as 'text' | 'json',
			body: storedBody,
			headers: JSON.parse((body.headers as string) || '{}') as Record<string, string>,
			enabled: true,
		};
		if (typeof body.id === 'string') {
			const existing = state.notifications.find((n) => n.id === body.id);
			if (!existing) return detail(404, 'Notification not found');
			Object.assign(existing, values);
			return { status: 200, body: existing };
		}
		const notification: AbrNotification = { id: randomUUID(), ...values };
		state.notifications.push(notification);
		return { status: 200, body: notification };
	});
	on('DELETE', '/api/settings/notifications/:id', 'admin', (request) => {
		if (!UUID.test(request.params.id))
			return unprocessable([uuidError(['path', 'id'], request.params.id)]);
		const index = state.notifications.findIndex((n) => n.id === request.params.id.toLowerCase());
		if (index < 0) return detail(404, 'Notification not found');
		state.notifications.splice(index, 1);
		return NO_CONTENT;
	});
	on('PATCH', '/api/settings/notifications/:id/enable', 'admin', (request) => {
		if (!UUID.test(request.params.id))
			return unprocessable([uuidError(['path', 'id'], request.params.id)]);
		const notification = state.notifications.find((n) => n.id === request.params.id.toLowerCase());
		if (!notification) return detail(404, 'Notification not found');
		notification.enabled = !notification.enabled;
		return { status: 200, body: notification };
	});
	on('POST', '/api/settings/notifications/:id/test', 'admin', async (request) => {
		if (!UUID.test(request.params.id))
			return unprocessable([uuidError(['path', 'id'], request.params.id)]);
		const notification = state.notifications.find((n) => n.id === request.params.id.toLowerCase());
		if (!notification) return detail(404, 'Notification not found');
		const [delivery] = await deliverAll(state, [notification], {}, true);
		if (delivery.error) return detail(400, delivery.error);
		return { status: 200 };
	});
	return router;
}

/** `_replace_variables` of app/internal/notifications.py: plain replace, no escaping, unfilled placeholders stay. */
export function renderTemplate(
	state: AbrState,
	template: string,
	event: string,
	options: FireOptions,
): string {
	let text = template;
	let users: AbrUser[] = [];
	let title: string | undefined;
	let authors: string | undefined;
	let narrators: string | undefined;
	let cover: string | null | undefined;
	if (options.asin) {
		const b = state.cached.get(options.asin) ?? state.catalog.get(options.asin);
		if (b) {
			title = b.title;
			authors = b.authors.join(',');
			narrators = b.narrators.join(',');
			cover = b.cover_image;
			users = state.requests
				.filter((r) => r.asin === b.asin)
				.map((r) => state.users.get(r.user_username)!)
				.filter(Boolean);
		}
	} else if (options.manualId) {
		const m = state.manual.find((entry) => entry.id === options.manualId);
		if (m) {
			title = m.title;
			authors = m.authors.join(',');
			narrators = m.narrators.join(',');
			const requester = state.users.get(m.user_username);
			users = requester ? [requester] : [];
		}
	}
	if (users.length) {
		text = text.split('{eventUser}').join(users[0].username);
		if (users[0].extra_data) text = text.split('{eventUserExtraData}').join(users[0].extra_data);
		text = text.split('{joinedUsers}').join(users.map((u) => u.username).join(', '));
		const joinedExtra = users
			.map((u) => u.extra_data)
			.filter(Boolean)
			.join(', ');
		if (joinedExtra) text = text.split('{joinedUsersExtraData}').join(joinedExtra);
	}
	if (title) text = text.split('{bookTitle}').join(title);
	if (authors) text = text.split('{bookAuthors}').join(authors);
	if (narrators) text = text.split('{bookNarrators}').join(narrators);
	text = text.split('{bookCover}').join(cover || PLACEHOLDER_COVER_URL);
	text = text.split('{eventType}').join(event);
	for (const [key, value] of Object.entries(options.replacements ?? {}))
		text = text.split(`{${key}}`).join(value);
	return text;
}

/** Python's json.dumps default separators (", " and ": "). */
function pythonJson(value: unknown): string {
	return JSON.stringify(value).replace(
		/("(?:[^"\\]|\\.)*")|([,:])/g,
		(match, str: string | undefined, sep: string | undefined) => (str ? str : `${sep} `),
	);
}

function post(
	url: string,
	headers: Record<string, string>,
	body: string,
	contentType: string,
): Promise<number> {
	return new Promise((resolve, reject) => {
		const request = http.request(
			url,
			{
				method: 'POST',
				headers: {
					'User-Agent': 'Python/3.12 aiohttp/3.12.15',
					...headers,
					'Content-Type': contentType,
					'Content-Length': String(Buffer.byteLength(body)),
				},
			},
			(response) => {
				response.resume();
				response.on('end', () => resolve(response.statusCode ?? 0));
			},
		);
		request.on('error', reject);
		request.end(body);
	});
}

async function deliverAll(
	state: AbrState,
	notifications: AbrNotification[],
	options: FireOptions,
	stopOnFailure: boolean,
): Promise<Delivery[]> {
	const deliveries: Delivery[] = [];
	for (const notification of notifications) {
		const text = renderTemplate(state, notification.body, notification.event, options);
		let payload = text;
		let contentType = 'text/plain; charset=utf-8';
		const delivery: Delivery = { notificationId: notification.id };
		deliveries.push(delivery);
		if (notification.body_type === 'json') {
			try {
				payload = pythonJson(JSON.parse(text));
				contentType = 'application/json';
			} catch (error) {
				delivery.error = `Expecting ',' delimiter: ${(error as Error).message}`;
				if (stopOnFailure) break;
				continue;
			}
		}
		delivery.body = payload;
		delivery.contentType = contentType;
		try {
			delivery.status = await post(notification.url, notification.headers, payload, contentType);
			if (delivery.status >= 400)
				delivery.error = `${delivery.status}, message='${http.STATUS_CODES[delivery.status] ?? ''}', url='${notification.url}'`;
		} catch (error) {
			delivery.error = `Cannot connect to host: ${(error as Error).message}`;
		}
		if (delivery.error && stopOnFailure) break;
	}
	return deliveries;
}

export interface StartAbrOptions {
	/** Latency of every request, standing for the argon2 verification of the API key. */
	argonMs?: number;
	state?: Partial<AbrState>;
}

export async function startFakeAudioBookRequest(
	options: StartAbrOptions = {},
): Promise<FakeAudioBookRequest> {
	const state: AbrState = { ...createAbrState(), ...options.state };
	const backgroundDeliveries: Array<Promise<Delivery[]>> = [];
	const fire: FakeAudioBookRequest['fire'] = async (event, fireOptions = {}) => {
		const targets = state.notifications.filter((n) => n.event === event && n.enabled);
		// Book events raise on the first failure (the rest are skipped); manual-request sends swallow errors.
		return await deliverAll(state, targets, fireOptions, !fireOptions.manualId);
	};
	const router = createAbrRouter(state, fire, backgroundDeliveries);
	const server = await startFakeServer({
		router,
		latencyMs: options.argonMs ?? 0,
		notFound: () => NOT_FOUND,
	});
	return Object.assign(server, { state, router, fire, backgroundDeliveries });
}
