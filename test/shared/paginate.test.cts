/**
 * The shared paginator over every paging style, driven by the probe node in n8n-core's engine
 * against a generic fake list server.
 */
import type { IDataObject } from 'n8n-workflow';

import { recordArray, type ListEndpoint } from '../../nodes/shared/paginate';
import {
	holdAnswersUntilInFlight,
	intParam,
	Router,
	startFakeServer,
	type FakeServer,
} from '../fakes/base.cjs';
import { SPEAKR_TOKEN } from '../fakes/speakr.cjs';
import { jsonOf, RealCredentialsHelper, runNode } from '../harness/engine.cjs';
import { Probe, probeEndpoints } from '../harness/probe-node.cjs';

const RECORDS = Array.from({ length: 1000 }, (_, i) => ({ id: i + 1, name: `record ${i + 1}` }));
let server: FakeServer;
let repeatPages = false;

beforeAll(async () => {
	const router = new Router()
		// 0-based page + limit with total (Audiobookshelf style); limit 0 or absent = everything.
		.on('GET', '/zero-based', (r) => {
			const limit = intParam(r.query, 'limit', 0);
			const page = intParam(r.query, 'page', 0);
			const results = limit > 0 ? RECORDS.slice(page * limit, (page + 1) * limit) : RECORDS;
			return { status: 200, body: { results, total: RECORDS.length, limit, page } };
		})
		// offset + limit with total (AudioBookRequest users style), limit capped at 100.
		.on('GET', '/offset', (r) => {
			const limit = Math.min(intParam(r.query, 'limit', 50), 100);
			const offset = intParam(r.query, 'offset', 0);
			return {
				status: 200,
				body: { users: RECORDS.slice(offset, offset + limit), total: RECORDS.length },
			};
		})
		// no totals at all: only full / short pages tell when to stop (or, with repeatPages, a server ignoring ?page=).
		.on('GET', '/no-total', (r) => {
			const size = intParam(r.query, 'page_size', 10);
			const page = repeatPages ? 1 : intParam(r.query, 'page', 1);
			return { status: 200, body: RECORDS.slice((page - 1) * size, page * size) };
		})
		.on('GET', '/everything', () => ({ status: 200, body: RECORDS.slice(0, 30) }));
	server = await startFakeServer({ router });
	const read = (key: string) => (body: unknown) => {
		const record = body as IDataObject;
		if (!Array.isArray(record[key])) return undefined;
		return { items: record[key] as IDataObject[], total: record.total as number };
	};
	const endpoints: Record<string, ListEndpoint> = {
		zeroBased: {
			path: '/zero-based',
			paging: { style: 'page', pageParam: 'page', sizeParam: 'limit', firstPage: 0 },
			maxPageSize: 100,
			read: read('results'),
			idField: 'id',
		},
		offset: {
			path: '/offset',
			paging: { style: 'offset', offsetParam: 'offset', sizeParam: 'limit' },
			maxPageSize: 100,
			read: read('users'),
			idField: 'id',
		},
		noTotal: {
			path: '/no-total',
			paging: { style: 'page', pageParam: 'page', sizeParam: 'page_size', firstPage: 1 },
			maxPageSize: 100,
			read: (body) => (Array.isArray(body) ? { items: body as IDataObject[] } : undefined),
			idField: 'id',
		},
		everything: {
			path: '/everything',
			paging: { style: 'none' },
			read: (body) => (Array.isArray(body) ? { items: body as IDataObject[] } : undefined),
		},
		wrongShape: {
			path: '/offset',
			paging: { style: 'offset', offsetParam: 'offset', sizeParam: 'limit' },
			read: read('results'),
		},
	};
	for (const [name, endpoint] of Object.entries(endpoints)) probeEndpoints.set(name, endpoint);
});
afterAll(async () => await server.close());
beforeEach(() => {
	server.resetStats();
	server.clearFaults();
	server.latencyMs = 0;
	repeatPages = false;
});

const list = async (endpoint: string, extra: Record<string, unknown> = {}) =>
	await runNode({
		node: new Probe(),
		parameters: { resource: 'probe', operation: 'list', endpoint, returnAll: true, ...extra },
		credentials: {
			speakrApi: { baseUrl: server.url, apiToken: SPEAKR_TOKEN, authScheme: 'bearer' },
		},
	});
const ids = (items: Parameters<typeof jsonOf>[0]) => jsonOf(items).map((item) => item.id);
const expected = (count: number) => RECORDS.slice(0, count).map((record) => record.id);

describe.each(['zeroBased', 'offset', 'noTotal'])('%s paging', (endpoint) => {
	test('Return All is complete, in order, with the largest page size', async () => {
		const result = await list(endpoint);
		expect(result.error).toBeUndefined();
		expect(ids(result.items)).toEqual(expected(1000));
		// 10 pages of 100; without a total one more (empty) page proves the end.
		expect(server.stats.requests).toBe(endpoint === 'noTotal' ? 11 : 10);
		expect(server.stats.log.every((entry) => /(limit|page_size)=100/.test(entry.query))).toBe(true);
	});

	test('Limit 50 is one request asking for 50', async () => {
		const result = await list(endpoint, { returnAll: false, limit: 50 });
		expect(ids(result.items)).toEqual(expected(50));
		expect(server.stats.requests).toBe(1);
		expect(server.stats.log[0].query).toMatch(/(limit|page_size)=50/);
	});

	test('Limit 250 stops after the pages it needs', async () => {
		const result = await list(endpoint, { returnAll: false, limit: 250 });
		expect(ids(result.items)).toEqual(expected(250));
		expect(server.stats.requests).toBe(3);
	});
});

test('known page counts are fetched concurrently (bounded) and keep their order', async () => {
	// Pages after the first are held until 4 are at the server at once: the peak is the node's bound, on any machine.
	const release = holdAnswersUntilInFlight(
		server,
		'GET /zero-based',
		4,
		(request) => intParam(request.query, 'page', 0) > 0,
	);
	try {
		const result = await list('zeroBased', { requestOptions: { concurrency: 4 } });
		expect(ids(result.items)).toEqual(expected(1000));
		expect(server.stats.peakInFlight).toBe(4);
	} finally {
		release();
	}
}, 180_000);

test('the credential is read from n8n once per item, not once per page (n8n decrypts it from its database each time)', async () => {
	const reads = jest.spyOn(RealCredentialsHelper.prototype, 'getDecrypted');
	try {
		const result = await list('zeroBased');
		expect(ids(result.items)).toEqual(expected(1000));
		expect(server.stats.requests).toBe(10);
		expect(reads).toHaveBeenCalledTimes(1);
		// Every page still went out authenticated by the credential.
		expect(
			server.stats.log.every((entry) => entry.headers.authorization === `Bearer ${SPEAKR_TOKEN}`),
		).toBe(true);
	} finally {
		reads.mockRestore();
	}
});

test('recordArray accepts an array of objects as it is (no copy) and refuses anything else', () => {
	const page = [{ id: 1, tags: [{ id: 2 }] }, { id: 2 }];
	const parsed = recordArray.safeParse(page);
	expect(parsed.success && parsed.data).toBe(page);
	expect(parsed.success && parsed.data[0]).toBe(page[0]);
	expect(recordArray.safeParse([]).success).toBe(true);
	for (const wrong of [undefined, null, {}, 'x', [1], [null], [[]], [{ id: 1 }, 'x']])
		expect(recordArray.safeParse(wrong).success).toBe(false);
});

test('without a page size the whole list is one request and Limit is applied in the node', async () => {
	const all = await list('everything');
	expect(all.items).toHaveLength(30);
	const limited = await list('everything', { returnAll: false, limit: 7 });
	expect(ids(limited.items)).toEqual(expected(7));
	expect(server.stats.requests).toBe(2);
});

test('a server that ignores the page parameter ends in an error, not an endless loop', async () => {
	repeatPages = true;
	const result = await list('noTotal');
	expect(result.error?.message).toMatch(/returned the same page twice/);
	expect(server.stats.requests).toBe(2);
});

test('the page cap ends a Return All with an error', async () => {
	const result = await list('noTotal', { maxPages: 5 });
	expect(result.error?.message).toMatch(/more than 5 pages/);
	expect(server.stats.requests).toBe(5);
});

test('a list shorter than the reported total is an error, never a silently partial Return All', async () => {
	const shortServer = await startFakeServer({
		router: new Router().on('GET', '/zero-based', (r) => {
			const limit = intParam(r.query, 'limit', 0);
			const page = intParam(r.query, 'page', 0);
			// reports 1000 but the last page comes back empty (records deleted while reading)
			const results = page >= 9 ? [] : RECORDS.slice(page * limit, (page + 1) * limit);
			return { status: 200, body: { results, total: 1000 } };
		}),
	});
	try {
		const result = await runNode({
			node: new Probe(),
			parameters: { resource: 'probe', operation: 'list', endpoint: 'zeroBased', returnAll: true },
			credentials: {
				speakrApi: { baseUrl: shortServer.url, apiToken: SPEAKR_TOKEN, authScheme: 'bearer' },
			},
		});
		expect(result.items).toHaveLength(0);
		expect(result.error?.message).toMatch(/reported 1000 records but only 900 could be read/);
	} finally {
		await shortServer.close();
	}
});

test('an unexpected response shape is a clear error', async () => {
	const result = await list('wrongShape');
	expect(result.error?.message).toMatch(/returned a list in an unexpected shape/);
});

test('a cancelled execution stops paginating promptly', async () => {
	server.latencyMs = 50;
	let cancel: () => void = () => undefined;
	const running = runNode({
		node: new Probe(),
		parameters: { resource: 'probe', operation: 'list', endpoint: 'noTotal', returnAll: true },
		credentials: {
			speakrApi: { baseUrl: server.url, apiToken: SPEAKR_TOKEN, authScheme: 'bearer' },
		},
		onStart: (execution) => (cancel = execution.cancel),
	});
	// Cancel mid-list (two pages asked), not after a fixed time: a busy machine may not have sent one by then.
	const ceiling = Date.now() + 60_000;
	while (server.stats.requests < 2) {
		if (Date.now() > ceiling) throw new Error('waited 60 s for the first two page requests');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
	cancel();
	const requestsAtCancel = server.stats.requests;
	const result = await running;
	expect(result.items).toHaveLength(0);
	// Give a node that ignored the cancel time to ask for more pages (each takes 50 ms here).
	await new Promise((resolve) => setTimeout(resolve, 500));
	// At most the page already on its way when it was cancelled; no page after it.
	expect(server.stats.requests).toBeLessThanOrEqual(requestsAtCancel + 1);
}, 120_000);
