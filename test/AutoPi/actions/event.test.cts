import { AutoPi } from '../../../nodes/AutoPi/AutoPi.node';
import { jsonOf, runNode } from '../../harness/engine.cjs';
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

describe('AutoPi → Event → Get Many', () => {
	test('Return All pages with page_num (1-based) + page_hits, concurrently once the count is known', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'event',
				operation: 'getAll',
				deviceId: locator(device().id),
				returnAll: true,
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(450);
		expect(new Set(jsonOf(result.items).map((e) => e.ts)).size).toBe(450);
		// page_hits 200 is capped at 100 by the fake: the node counts pages with the size it got.
		const pages = autopi.stats.log.map((entry) => queryOf(entry));
		expect(pages[0]).toEqual({ device_id: device().id, page_num: '1', page_hits: '200' });
		expect(pages.map((q) => q.page_num).sort()).toEqual(['1', '2', '3', '4', '5']);
		expect(pages.slice(1).every((q) => q.page_hits === '100')).toBe(true);
	});

	test('the first page number is configurable (0-based environments)', async () => {
		autopi.options.eventsFirstPage = 0;
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'event',
				operation: 'getAll',
				deviceId: locator(device().id),
				returnAll: true,
				options: { firstPage: 0 },
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.items).toHaveLength(450);
		expect(autopi.stats.log.map((entry) => queryOf(entry).page_num).sort()).toEqual([
			'0',
			'1',
			'2',
			'3',
			'4',
		]);
	});

	test('a wrong first page number is not silently short: Return All fails with the count mismatch', async () => {
		autopi.options.eventsFirstPage = 0;
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'event',
				operation: 'getAll',
				deviceId: locator(device().id),
				returnAll: true,
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.error?.message).toMatch(/AutoPi reported 450 records but only 350 could be read/);
	});

	test('date range → start_utc/end_utc, and events outside it are dropped; Limit is one request', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'event',
				operation: 'getAll',
				deviceId: locator(device().id),
				from: '2026-03-19T23:00:00Z',
				to: '2026-03-19T23:59:59Z',
				limit: 4,
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.error).toBeUndefined();
		expect(autopi.stats.requests).toBe(1);
		expect(queryOf(autopi.stats.log[0])).toEqual({
			device_id: device().id,
			start_utc: '2026-03-19T23:00:00.000Z',
			end_utc: '2026-03-19T23:59:59.000Z',
			page_num: '1',
			page_hits: '4',
		});
		expect(jsonOf(result.items).map((e) => e.ts)).toEqual([
			'2026-03-19T23:50:00.000Z',
			'2026-03-19T23:40:00.000Z',
			'2026-03-19T23:30:00.000Z',
			'2026-03-19T23:20:00.000Z',
		]);
	});

	test('an end before the start is refused before any request', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'event',
				operation: 'getAll',
				deviceId: locator(device().id),
				from: '2026-03-20T00:00:00Z',
				to: '2026-03-19T00:00:00Z',
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.error?.message).toMatch(/The date range ends/);
		expect(autopi.stats.requests).toBe(0);
	});
});
