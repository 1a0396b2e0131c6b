import {
	ABS_INACTIVE_TOKEN,
	ABS_READER_TOKEN,
	ABS_TOKEN,
	BOOK_LIBRARY_ID,
	PODCAST_LIBRARY_ID,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../../fakes/audiobookshelf.cjs';
import { jsonOf } from '../../harness/engine.cjs';
import { byId, requests, run } from '../common.cjs';

let abs: FakeAudiobookshelf;
beforeAll(async () => {
	abs = await startFakeAudiobookshelf();
});
afterAll(async () => await abs.close());
beforeEach(() => {
	abs.resetStats();
	abs.clearFaults();
});

describe('Audiobookshelf → Library', () => {
	test('Get Many returns every library as one item each, with stats when asked', async () => {
		const result = await run(abs, {
			resource: 'library',
			operation: 'getAll',
			returnAll: true,
			includeStats: true,
		});
		expect(result.error).toBeUndefined();
		const libraries = jsonOf(result.items);
		expect(libraries.map((library) => library.name)).toEqual(['Books', 'Podcasts']);
		expect(libraries[0].stats).toMatchObject({ totalItems: 3 });
		expect(requests(abs)).toEqual(['GET /api/libraries?include=stats']);
		expect(abs.stats.log[0].headers.authorization).toBe(`Bearer ${ABS_TOKEN}`);
	});

	test('Get Many with Limit 1 returns one library', async () => {
		const result = await run(abs, {
			resource: 'library',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
		});
		expect(jsonOf(result.items)).toHaveLength(1);
	});

	test('the key can travel as ?token= instead of the header', async () => {
		const result = await run(
			abs,
			{ resource: 'library', operation: 'get', libraryId: byId(BOOK_LIBRARY_ID) },
			{ credentials: { authScheme: 'query' } },
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.items)[0].id).toBe(BOOK_LIBRARY_ID);
		expect(abs.stats.log[0].query).toContain('token=');
		expect(abs.stats.log[0].headers.authorization).toBeUndefined();
	});

	test('Get Stats and Get Filter Data call their endpoints', async () => {
		const stats = await run(abs, {
			resource: 'library',
			operation: 'getStats',
			libraryId: byId(BOOK_LIBRARY_ID),
		});
		expect(jsonOf(stats.items)[0]).toMatchObject({ totalItems: 3 });
		const filterData = await run(abs, {
			resource: 'library',
			operation: 'getFilterData',
			libraryId: {
				__rl: true,
				mode: 'url',
				value: `http://abs.local/library/${BOOK_LIBRARY_ID}/bookshelf`,
			},
		});
		expect(filterData.error).toBeUndefined();
		expect(jsonOf(filterData.items)[0].genres).toContain('Fiction');
		expect(requests(abs)).toEqual([
			`GET /api/libraries/${BOOK_LIBRARY_ID}/stats`,
			`GET /api/libraries/${BOOK_LIBRARY_ID}/filterdata`,
		]);
	});

	test('an unknown library is a clear 404 with the server sentence, not a stack', async () => {
		const result = await run(abs, {
			resource: 'library',
			operation: 'get',
			libraryId: byId('00000000-0000-4000-8000-000000000000'),
		});
		expect(result.error?.message).toBe(
			'Audiobookshelf answered 404 Not Found: Library not found [item 0]',
		);
		expect(result.serialized).not.toContain(ABS_TOKEN);
	});

	test('a malformed library id is refused before any request', async () => {
		// A mapped value (an expression) is not checked by the editor: the node refuses it.
		const result = await run(abs, {
			resource: 'library',
			operation: 'get',
			libraryId: byId('={{ "lib_abc/../x" }}'),
		});
		expect(result.error?.message).toContain('Library ID "lib_abc/../x" is not valid');
		expect(abs.stats.requests).toBe(0);
		const empty = await run(abs, {
			resource: 'library',
			operation: 'getStats',
			libraryId: byId('={{ "" }}'),
		});
		expect(empty.error?.message).toContain('Library ID is empty');
		expect(abs.stats.requests).toBe(0);
	});

	test('an inactive key gets the 401 hint about isActive; the key never appears in the run', async () => {
		const result = await run(
			abs,
			{ resource: 'library', operation: 'getAll', returnAll: true },
			{ credentials: { apiToken: ABS_INACTIVE_TOKEN } },
		);
		expect(result.error?.message).toBe('Audiobookshelf answered 401 Unauthorized [item 0]');
		expect(result.error?.description).toContain('a key created with isActive false never works');
		expect(result.serialized).not.toContain(ABS_INACTIVE_TOKEN);
	});

	test('Continue On Fail turns the error into an item paired with its input', async () => {
		const result = await run(
			abs,
			{
				resource: 'library',
				operation: 'get',
				libraryId: byId('00000000-0000-4000-8000-000000000000'),
			},
			{ continueOnFail: true, input: [{ json: {} }, { json: {} }] },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.items[1].json.error).toContain('Library not found');
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
	});

	test('a user without access to the library gets the 403 permission hint', async () => {
		const result = await run(
			abs,
			{ resource: 'library', operation: 'getStats', libraryId: byId(PODCAST_LIBRARY_ID) },
			{ credentials: { apiToken: ABS_READER_TOKEN } },
		);
		expect(result.error?.message).toBe('Audiobookshelf answered 403 Forbidden [item 0]');
		expect(result.error?.description).toContain('access to this library');
		expect(result.serialized).not.toContain(ABS_READER_TOKEN);
	});

	test('Scan answers {success:true} at once by default', async () => {
		const before = abs.state.scansStarted;
		const result = await run(abs, {
			resource: 'library',
			operation: 'scan',
			libraryId: byId(BOOK_LIBRARY_ID),
			scanOptions: { force: true },
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.items)).toEqual([
			{ success: true, libraryId: BOOK_LIBRARY_ID, scanStarted: true },
		]);
		expect(requests(abs)).toEqual([`POST /api/libraries/${BOOK_LIBRARY_ID}/scan?force=1`]);
		expect(abs.state.scansStarted).toBe(before + 1);
	});

	test('Scan with "Wait for Scan to Finish" polls the library until lastScan changes', async () => {
		abs.state.scanDurationMs = 700;
		const result = await run(abs, {
			resource: 'library',
			operation: 'scan',
			libraryId: byId(PODCAST_LIBRARY_ID),
			scanOptions: { wait: true, intervalSeconds: 0.2 },
		});
		expect(result.error).toBeUndefined();
		const output = jsonOf(result.items)[0];
		expect(output).toMatchObject({
			success: true,
			scanFinished: true,
			libraryId: PODCAST_LIBRARY_ID,
		});
		expect(Number(output.waitedMs)).toBeGreaterThanOrEqual(600);
		const log = requests(abs);
		expect(log[0]).toMatch(new RegExp(`^GET /api/libraries/${PODCAST_LIBRARY_ID}\\?_ts=\\d+$`));
		expect(log[1]).toBe(`POST /api/libraries/${PODCAST_LIBRARY_ID}/scan`);
		expect(log.length).toBeGreaterThanOrEqual(4);
		expect(log.length).toBeLessThanOrEqual(8);
	});

	test('Scan wait is bounded: it fails with a timeout message when the scan does not finish', async () => {
		abs.state.scanDurationMs = 60_000;
		const result = await run(abs, {
			resource: 'library',
			operation: 'scan',
			libraryId: byId(BOOK_LIBRARY_ID),
			scanOptions: { wait: true, intervalSeconds: 0.2, maxWaitSeconds: 1 },
		});
		expect(result.error?.message).toContain('did not finish within 1 s');
		expect(abs.stats.requests).toBeLessThanOrEqual(8);
		abs.state.scanDurationMs = 300;
	});

	test('Scan by a non-admin is a 403 with the permission hint', async () => {
		const result = await run(
			abs,
			{ resource: 'library', operation: 'scan', libraryId: byId(BOOK_LIBRARY_ID) },
			{ credentials: { apiToken: ABS_READER_TOKEN } },
		);
		expect(result.error?.message).toBe('Audiobookshelf answered 403 Forbidden [item 0]');
		expect(result.error?.description).toContain('admin');
	});
});
