/**
 * Minimal HTTP framework for the fake servers: routing, request counting (total, per path, peak in
 * flight), fixed latency, and fault injection (429 + Retry-After, 5xx, connection reset, slow answers,
 * malformed JSON, HTML error pages, empty bodies). Each service's fake adds its own routes and quirks.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	/** The request target exactly as sent (path and query, encoded as the client encoded it). */
	rawUrl: string;
	headers: http.IncomingHttpHeaders;
	rawBody: Buffer;
	/** JSON body when the request sent one (undefined otherwise). */
	json: unknown;
	params: Record<string, string>;
}

export interface FakeResponse {
	status: number;
	headers?: Record<string, string>;
	/** Objects are sent as JSON; strings and buffers as they are. */
	body?: unknown;
}

export type Handler = (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;

export type FaultKind =
	| '429'
	| '500'
	| '502'
	| '503'
	| '504'
	| 'reset'
	| 'slow'
	| 'malformed'
	| 'html'
	| 'empty'
	| 'wrongToken';

/**
 * Where credentials travel in our services' requests. The `wrongToken` fault spoils each of them (the token is
 * revoked mid-run), so the service's own auth check gives its own answer: Speakr's 302 to /login, Audiobookshelf's
 * plain-text 401, AudioBookRequest's JSON 401, AutoPi's DRF 401 (and a 401 for an expired session).
 */
const CREDENTIAL_HEADERS = ['authorization', 'x-api-token', 'api-token'];
const CREDENTIAL_QUERY = ['token'];

export interface Fault {
	kind: FaultKind;
	/** Retry-After seconds for 429. */
	retryAfter?: number;
	/** Delay for "slow". */
	delayMs?: number;
	/**
	 * Which requests: by default the next matching one. `wrongToken` is not an answer of its own: the request goes on
	 * to the service's routes with its credential made wrong.
	 */
	match?: (request: FakeRequest) => boolean;
	/** How many times this fault fires (default 1). */
	times?: number;
}

export interface ServerStats {
	requests: number;
	peakInFlight: number;
	byRoute: Record<string, number>;
	log: Array<{
		method: string;
		path: string;
		query: string;
		headers: http.IncomingHttpHeaders;
		status: number;
		startedAt?: number;
		finishedAt?: number;
	}>;
	faultsFired: Record<string, number>;
}

export interface FakeServer {
	url: string;
	port: number;
	/** The routes being served; a route added in front of the others takes precedence (e.g. a benchmark's prepared list). */
	router: Router;
	stats: ServerStats;
	/** Fixed latency added to every answer. */
	latencyMs: number;
	injectFault(fault: Fault): void;
	clearFaults(): void;
	resetStats(): void;
	close(): Promise<void>;
}

interface Route {
	method: string;
	pattern: RegExp;
	keys: string[];
	name: string;
	handler: Handler;
}

export class Router {
	readonly routes: Route[] = [];

	/** `path` like "/api/v1/recordings/:id"; `:id` matches one segment. */
	on(method: string, path: string, handler: Handler): this {
		const keys: string[] = [];
		const pattern = new RegExp(
			`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_match, key: string) => {
				keys.push(key);
				return '([^/]+)';
			})}$`,
		);
		this.routes.push({ method, pattern, keys, name: `${method} ${path}`, handler });
		return this;
	}

	match(
		method: string,
		path: string,
	): { route: Route; params: Record<string, string> } | undefined {
		for (const route of this.routes) {
			if (route.method !== method) continue;
			const found = route.pattern.exec(path);
			if (!found) continue;
			const params: Record<string, string> = {};
			route.keys.forEach((key, index) => (params[key] = decodeURIComponent(found[index + 1])));
			return { route, params };
		}
		return undefined;
	}
}

export interface StartOptions {
	router: Router;
	/** Runs before routing: return a response to short-circuit (e.g. the service's bad-token answer). */
	guard?: (request: FakeRequest) => FakeResponse | undefined;
	/** Answer for unknown routes. */
	notFound?: (request: FakeRequest) => FakeResponse;
	latencyMs?: number;
	port?: number;
	/** Served below this path, like an app behind a reverse proxy at a sub-path (e.g. "/speakr"). */
	pathPrefix?: string;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startFakeServer(options: StartOptions): Promise<FakeServer> {
	let inFlight = 0;
	let faults: Array<Fault & { remaining: number }> = [];
	const stats: ServerStats = {
		requests: 0,
		peakInFlight: 0,
		byRoute: {},
		log: [],
		faultsFired: {},
	};
	const sockets = new Set<import('node:net').Socket>();

	const server = http.createServer(async (req, res) => {
		const startedAt = performance.now();
		inFlight++;
		stats.requests++;
		stats.peakInFlight = Math.max(stats.peakInFlight, inFlight);
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const url = new URL(req.url ?? '/', 'http://fake');
		if (options.pathPrefix) {
			if (!url.pathname.startsWith(`${options.pathPrefix}/`)) {
				inFlight--;
				send(res, {
					status: 404,
					headers: { 'Content-Type': 'text/plain' },
					body: 'Not Found (outside the sub-path)',
				});
				return;
			}
			url.pathname = url.pathname.slice(options.pathPrefix.length);
		}
		let json: unknown;
		if (/json/i.test(String(req.headers['content-type'] ?? '')) && rawBody.length) {
			try {
				json = JSON.parse(rawBody.toString('utf8'));
			} catch {
				json = undefined;
			}
		}
		const request: FakeRequest = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: url.searchParams,
			rawUrl: req.url ?? '/',
			headers: req.headers,
			rawBody,
			json,
			params: {},
		};
		try {
			if (fake.latencyMs > 0) await delay(fake.latencyMs);
			const fault = faults.find(
				(candidate) => candidate.remaining > 0 && (!candidate.match || candidate.match(request)),
			);
			if (fault) {
				fault.remaining--;
				stats.faultsFired[fault.kind] = (stats.faultsFired[fault.kind] ?? 0) + 1;
				if (fault.kind === 'wrongToken') {
					spoilCredentials(request);
				} else {
					const handled = await applyFault(fault, req, res);
					stats.log.push({
						method: request.method,
						path: request.path,
						query: url.search,
						headers: req.headers,
						status: handled,
						startedAt,
					});
					return;
				}
			}
			let response = options.guard?.(request);
			if (!response) {
				const found = options.router.match(request.method, request.path);
				if (found) {
					request.params = found.params;
					stats.byRoute[found.route.name] = (stats.byRoute[found.route.name] ?? 0) + 1;
					response = await found.route.handler(request);
				} else {
					response = options.notFound?.(request) ?? { status: 404, body: { error: 'Not found' } };
				}
			}
			const entry: ServerStats['log'][number] = {
				method: request.method,
				path: request.path,
				query: url.search,
				headers: req.headers,
				status: response.status,
				startedAt,
			};
			stats.log.push(entry);
			send(res, response);
			// When the answer was serialised and handed to the socket (for timing comparisons).
			entry.finishedAt = performance.now();
		} catch (error) {
			send(res, {
				status: 500,
				headers: { 'Content-Type': 'text/plain' },
				body: `fake server error: ${(error as Error).message}`,
			});
		} finally {
			inFlight--;
		}
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;

	const fake: FakeServer = {
		url: `http://127.0.0.1:${port}`,
		port,
		router: options.router,
		stats,
		latencyMs: options.latencyMs ?? 0,
		injectFault(fault) {
			faults.push({ ...fault, remaining: fault.times ?? 1 });
		},
		clearFaults() {
			faults = [];
		},
		resetStats() {
			stats.requests = 0;
			stats.peakInFlight = 0;
			stats.byRoute = {};
			stats.log = [];
			stats.faultsFired = {};
		},
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	return fake;
}

export function send(res: http.ServerResponse, response: FakeResponse): void {
	const headers: Record<string, string> = { ...(response.headers ?? {}) };
	let payload: Buffer | undefined;
	if (response.body === undefined || response.body === null) {
		payload = undefined;
	} else if (Buffer.isBuffer(response.body)) {
		payload = response.body;
	} else if (typeof response.body === 'string') {
		payload = Buffer.from(response.body, 'utf8');
	} else {
		payload = Buffer.from(JSON.stringify(response.body), 'utf8');
		if (!Object.keys(headers).some((key) => key.toLowerCase() === 'content-type'))
			headers['Content-Type'] = 'application/json';
	}
	if (payload) headers['Content-Length'] = String(payload.length);
	res.writeHead(response.status, headers);
	res.end(payload);
}

async function applyFault(
	fault: Fault,
	req: http.IncomingMessage,
	res: http.ServerResponse,
): Promise<number> {
	switch (fault.kind) {
		case '429':
			send(res, {
				status: 429,
				headers: { 'Retry-After': String(fault.retryAfter ?? 1) },
				body: { error: 'Too many requests' },
			});
			return 429;
		case '500':
		case '502':
		case '503':
		case '504':
			send(res, {
				status: Number(fault.kind),
				headers: { 'Content-Type': 'text/html' },
				body: `<html><body><h1>${fault.kind} Error</h1></body></html>`,
			});
			return Number(fault.kind);
		case 'reset': {
			// Headers and half a body, then the connection is cut.
			res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
			res.write('{"partial":');
			await delay(5);
			req.socket.destroy();
			return 0;
		}
		case 'slow':
			// Until the delay is over, or the client gave up (then nobody is left to answer).
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, fault.delayMs ?? 5000);
				res.once('close', () => {
					clearTimeout(timer);
					resolve();
				});
			});
			if (!res.destroyed) send(res, { status: 200, body: { slow: true } });
			return 200;
		case 'malformed':
			send(res, {
				status: 200,
				headers: { 'Content-Type': 'application/json' },
				body: '{"recordings": [ {"id": 1,,,',
			});
			return 200;
		case 'html':
			send(res, {
				status: 200,
				headers: { 'Content-Type': 'text/html; charset=utf-8' },
				body: '<!doctype html><html><head><title>Sign in</title></head><body>Proxy login</body></html>',
			});
			return 200;
		case 'empty':
			send(res, { status: 200, headers: { 'Content-Type': 'application/json' }, body: '' });
			return 200;
		default:
			return 0;
	}
}

/** Makes every credential the request carries wrong (the same value with a suffix), keeping where it travels. */
function spoilCredentials(request: FakeRequest): void {
	const headers = { ...request.headers };
	for (const name of CREDENTIAL_HEADERS) {
		const value = headers[name];
		if (typeof value === 'string' && value) headers[name] = `${value}-revoked`;
	}
	request.headers = headers;
	const query = new URLSearchParams(request.query);
	for (const name of CREDENTIAL_QUERY) {
		const value = query.get(name);
		if (value) query.set(name, `${value}-revoked`);
	}
	request.query = query;
}

/** Reads a positive integer query parameter the way Python/JS servers usually do, with a fallback. */
export function intParam(query: URLSearchParams, name: string, fallback: number): number {
	const raw = query.get(name);
	if (raw === null || !/^-?\d+$/.test(raw)) return fallback;
	return Number(raw);
}

/**
 * Holds the answers of one route until `want` requests are at the server at once (or 60 s passed), for the requests
 * `held` picks; returns a function that restores the route. Measures a client's concurrency without timing: with a
 * fixed latency instead, a busy machine answers the first requests of a batch before its last ones arrive, and the
 * peak the server sees then measures the machine.
 */
export function holdAnswersUntilInFlight(
	fake: FakeServer,
	routeName: string,
	want: number,
	held: (request: FakeRequest) => boolean = () => true,
): () => void {
	const route = fake.router.routes.find((candidate) => candidate.name === routeName);
	if (!route) throw new Error(`no route ${routeName}`);
	const answer = route.handler;
	route.handler = async (request) => {
		if (held(request)) {
			const ceiling = Date.now() + 60_000;
			while (fake.stats.peakInFlight < want && Date.now() < ceiling) await delay(5);
		}
		return await answer(request);
	};
	return () => (route.handler = answer);
}
