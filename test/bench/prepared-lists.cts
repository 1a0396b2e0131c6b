/**
 * Prepared list answers for the benchmark. The fakes rebuild (filter + sort + map) the whole list on every page
 * request: 30-70 ms of CPU per page at 10,000-50,000 records, in the benchmark's own single thread. That would
 * add server time per request (and serialise concurrent pages), which neither a real server's indexed query nor
 * the anchor's plain fake has. So, for the unfiltered list only, each record is serialised once and a page is a
 * string join; every other request (filters, sorts, other routes, the auth guard) stays the fake's own.
 * `verify()` checks that both answer identically (same JSON, same key order) before anything is measured.
 */
import {
	Router,
	type FakeRequest,
	type FakeResponse,
	type FakeServer,
	type Handler,
} from '../fakes/base.cjs';
import { BOOK_LIBRARY_ID, makeBook, type FakeAudiobookshelf } from '../fakes/audiobookshelf.cjs';
import { filterRecordings, listItem, makeRecordings, type FakeSpeakr } from '../fakes/speakr.cjs';

export interface PreparedList {
	/** Record ids in the order the service lists them. */
	ids: Array<string | number>;
	/** Bytes of the largest answer since the last reset (server load per request). */
	maxAnswerBytes: number;
	reset(): void;
	/** Bytes of all records as one JSON array (about the size of a single answer holding everything). */
	wholeBytes(): number;
	/** Fills the service with `count` records and prepares the answers. */
	fill(count: number): Promise<void>;
	/** Compares prepared and original answers for a few URLs; throws on the first difference. */
	verify(): Promise<void>;
}

const onlyKeys = (query: URLSearchParams, allowed: string[]) =>
	[...query.keys()].every((key) => allowed.includes(key));
const digits = (value: string | null) => value === null || /^\d+$/.test(value);

function originalHandler(server: FakeServer, path: string): Handler {
	const found = server.router.match('GET', path);
	if (!found) throw new Error(`no GET route for ${path}`);
	return found.route.handler;
}

async function compare(
	server: FakeServer,
	token: string,
	urls: string[],
	prepared: { enabled: boolean },
): Promise<void> {
	const fetchText = async (url: string) => {
		const response = await fetch(`${server.url}${url}`, {
			headers: { Authorization: `Bearer ${token}` },
		});
		return `${response.status} ${response.headers.get('content-type')} ${await response.text()}`;
	};
	for (const url of urls) {
		prepared.enabled = false;
		const original = await fetchText(url);
		prepared.enabled = true;
		const fast = await fetchText(url);
		if (original !== fast) {
			const [a, b] = [original, fast].map((text) => text.slice(0, 300));
			throw new Error(
				`prepared answer differs from the fake's own for ${url}:\n  fake:     ${a}\n  prepared: ${b}`,
			);
		}
	}
	server.resetStats();
}

/** Speakr `GET /api/v1/recordings` without filters (1-based page, per_page default 25, max 100, ≤ 0 → 20). */
export function prepareSpeakr(server: FakeSpeakr, token: string): PreparedList {
	const path = '/api/v1/recordings';
	const original = originalHandler(server, path);
	const switchState = { enabled: true };
	let records: string[] = [];
	const list: PreparedList = {
		ids: [],
		maxAnswerBytes: 0,
		reset() {
			list.maxAnswerBytes = 0;
		},
		wholeBytes: () => records.reduce((sum, record) => sum + Buffer.byteLength(record) + 1, 1),
		async fill(count) {
			server.state.recordings = makeRecordings(count);
			const sorted = filterRecordings(server.state.recordings, new URLSearchParams());
			list.ids = sorted.map((recording) => recording.id);
			records = sorted.map((recording) => JSON.stringify(listItem(recording)));
		},
		async verify() {
			const n = list.ids.length;
			const urls = [
				`${path}`,
				`${path}?page=1&per_page=100`,
				`${path}?page=2&per_page=100`,
				`${path}?per_page=25&page=3`,
				`${path}?page=${Math.ceil(n / 100)}&per_page=100`,
				`${path}?page=${Math.ceil(n / 100) + 1}&per_page=100`,
				`${path}?page=1&per_page=500`,
				`${path}?page=0&per_page=0`,
			];
			await compare(server, token, urls, switchState);
		},
	};
	const fast: Handler = (request: FakeRequest): FakeResponse | Promise<FakeResponse> => {
		const query = request.query;
		if (
			!switchState.enabled ||
			!onlyKeys(query, ['page', 'per_page']) ||
			!digits(query.get('page')) ||
			!digits(query.get('per_page'))
		)
			return original(request);
		let page = query.get('page') === null ? 1 : Number(query.get('page'));
		if (page < 1) page = 1;
		let perPage = query.get('per_page') === null ? 25 : Number(query.get('per_page'));
		if (perPage <= 0) perPage = 20;
		perPage = Math.min(perPage, 100);
		const total = records.length;
		const totalPages = Math.ceil(total / perPage);
		const pagination = {
			page,
			per_page: perPage,
			total,
			total_pages: totalPages,
			has_next: page < totalPages,
			has_prev: page > 1,
		};
		const body = `{"recordings":[${records.slice((page - 1) * perPage, page * perPage).join(',')}],"pagination":${JSON.stringify(pagination)}}`;
		list.maxAnswerBytes = Math.max(list.maxAnswerBytes, Buffer.byteLength(body));
		return { status: 200, headers: { 'Content-Type': 'application/json' }, body };
	};
	server.router.routes.unshift(...new Router().on('GET', path, fast).routes);
	return list;
}

/** Audiobookshelf `GET /api/libraries/<book library>/items` without filter or sort (0-based page, limit 0 = all). */
export function prepareAudiobookshelf(server: FakeAudiobookshelf, token: string): PreparedList {
	const path = `/api/libraries/${BOOK_LIBRARY_ID}/items`;
	const original = originalHandler(server, path);
	const switchState = { enabled: true };
	let records: string[] = [];
	const list: PreparedList = {
		ids: [],
		maxAnswerBytes: 0,
		reset() {
			list.maxAnswerBytes = 0;
		},
		wholeBytes: () => records.reduce((sum, record) => sum + Buffer.byteLength(record) + 1, 1),
		async fill(count) {
			// Book 0 is the recorded fixture book; the others are generated like startFakeAudiobookshelf does.
			const keep = server.state.books[0];
			server.state.books = [
				keep,
				...Array.from({ length: Math.max(0, count - 1) }, (_unused, index) => makeBook(index + 1)),
			].slice(0, count);
			server.clearCache();
			switchState.enabled = false;
			const response = await fetch(`${server.url}${path}?limit=0`, {
				headers: { Authorization: `Bearer ${token}` },
			});
			switchState.enabled = true;
			const all = ((await response.json()) as { results: Array<{ id: string }> }).results;
			list.ids = all.map((item) => item.id);
			records = all.map((item) => JSON.stringify(item));
			server.resetStats();
		},
		async verify() {
			const n = list.ids.length;
			const urls = [
				`${path}?limit=100&page=0`,
				`${path}?limit=100&page=1`,
				`${path}?limit=500&page=0`,
				`${path}?page=${Math.ceil(n / 500) - 1}&limit=500`,
				`${path}?limit=500&page=${Math.ceil(n / 500)}`,
				`${path}?limit=0`,
			];
			await compare(server, token, n <= 10_000 ? urls : urls.slice(0, -1), switchState);
		},
	};
	const fast: Handler = (request: FakeRequest): FakeResponse | Promise<FakeResponse> => {
		const query = request.query;
		if (
			!switchState.enabled ||
			request.params.id !== BOOK_LIBRARY_ID ||
			!onlyKeys(query, ['limit', 'page']) ||
			!digits(query.get('limit')) ||
			!digits(query.get('page'))
		) {
			return original(request);
		}
		const limit = Number(query.get('limit') ?? 0);
		const page = Number(query.get('page') ?? 0);
		const slice = limit ? records.slice(page * limit, page * limit + limit) : records;
		const tail = {
			sortDesc: false,
			mediaType: 'book',
			minified: false,
			collapseseries: false,
			include: '',
			offset: page * limit,
		};
		const body = `{"results":[${slice.join(',')}],"total":${records.length},"limit":${limit},"page":${page},${JSON.stringify(tail).slice(1)}`;
		list.maxAnswerBytes = Math.max(list.maxAnswerBytes, Buffer.byteLength(body));
		return { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body };
	};
	// Only the happy path of the book library is replaced; the fake's library middleware (access, 404, paging
	// errors) answers everything else.
	server.router.routes.unshift(...new Router().on('GET', '/api/libraries/:id/items', fast).routes);
	return list;
}
