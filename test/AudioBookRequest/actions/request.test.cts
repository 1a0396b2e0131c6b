import { jsonOf } from '../../harness/engine.cjs';
import {
	ABR_ADMIN_TOKEN,
	ABR_BOOKS,
	ABR_TRUSTED_TOKEN,
	ABR_UNTRUSTED_TOKEN,
	createAbrState,
	startFakeAudioBookRequest,
	type FakeAudioBookRequest,
} from '../../fakes/audiobookrequest.cjs';
import { byId, calls, expectNoSecret, run } from '../helpers.cjs';

let abr: FakeAudioBookRequest;
beforeAll(async () => {
	abr = await startFakeAudioBookRequest();
});
afterAll(async () => await abr.close());
beforeEach(() => {
	Object.assign(abr.state, createAbrState());
	abr.resetStats();
	abr.clearFaults();
});

const DUNE = ABR_BOOKS.dune.asin;
const create = (asin: string, extra: Record<string, unknown> = {}) => ({
	resource: 'request',
	operation: 'create',
	asin: byId(asin),
	...extra,
});

describe('AudioBookRequest → Request → Create', () => {
	test('the 500-after-save is confirmed through the request list and reported as created', async () => {
		const result = await run(abr, create(DUNE, { region: 'uk' }), { token: ABR_UNTRUSTED_TOKEN });
		expect(result.error).toBeUndefined();
		const [output] = jsonOf(result.items);
		expect(output).toMatchObject({
			asin: DUNE,
			created: true,
			alreadyRequested: false,
			confirmedAfterServerError: true,
		});
		expect(output.note).toMatch(/500.*upstream bug/);
		expect((output.book as { title: string }).title).toBe('Dune');
		expect(output.requests).toEqual([
			expect.objectContaining({ asin: DUNE, user_username: 'guest' }),
		]);
		expect(calls(abr)).toEqual([
			`POST /api/requests/${DUNE}?region=uk`,
			'GET /api/requests?filter=all',
			'GET /api/users/me',
		]);
		expect(abr.state.requests).toHaveLength(1);
	});

	test('lower-case ASIN is normalised; the create POST is sent once even though the server answered 500', async () => {
		const result = await run(abr, create(DUNE.toLowerCase()), { token: ABR_UNTRUSTED_TOKEN });
		expect(result.error).toBeUndefined();
		expect(abr.stats.byRoute['POST /api/requests/:asin']).toBe(1);
	});

	test('/users/me is asked once per execution for several items', async () => {
		const result = await run(
			abr,
			{
				resource: 'request',
				operation: 'create',
				asin: { __rl: true, mode: 'id', value: '={{ $json.asin }}' },
			},
			{
				token: ABR_UNTRUSTED_TOKEN,
				input: [{ json: { asin: DUNE } }, { json: { asin: ABR_BOOKS.messiah.asin } }],
			},
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.items).map((item) => item.asin)).toEqual([DUNE, ABR_BOOKS.messiah.asin]);
		expect(abr.stats.byRoute['GET /api/users/me']).toBe(1);
		expect(abr.stats.requests).toBe(5);
	});

	test('a 500 that did not save anything is an error (no /users/me call when the book is not listed)', async () => {
		abr.state.createFailsBeforeSave = true;
		const result = await run(abr, create(DUNE), { token: ABR_UNTRUSTED_TOKEN });
		expect(result.error?.message).toMatch(
			/500 Internal Server Error: Internal Server Error, and the request for B002V1OF70 was not saved/,
		);
		expect(calls(abr)).toEqual([`POST /api/requests/${DUNE}`, 'GET /api/requests?filter=all']);
		expectNoSecret(result, ABR_UNTRUSTED_TOKEN);
	});

	test('a 500 where only another user requested the book is an error for an admin key', async () => {
		abr.state.requests.push({
			asin: DUNE,
			user_username: 'guest',
			updated_at: '2026-01-01T00:00:00',
		});
		abr.state.createFailsBeforeSave = true;
		const result = await run(abr, create(DUNE));
		expect(result.error?.message).toMatch(/was not saved/);
		expect(calls(abr)).toEqual([
			`POST /api/requests/${DUNE}`,
			'GET /api/requests?filter=all',
			'GET /api/users/me',
		]);
	});

	test('a fixed server (2xx) is passed through without any extra call', async () => {
		abr.state.createAnswers500 = false;
		const result = await run(abr, create(DUNE));
		expect(jsonOf(result.items)[0]).toMatchObject({
			asin: DUNE,
			created: true,
			confirmedAfterServerError: false,
			title: 'Dune',
		});
		expect(abr.stats.requests).toBe(1);
	});

	test('409: an error by default, a success with the option', async () => {
		abr.state.requests.push({
			asin: DUNE,
			user_username: 'admin',
			updated_at: '2026-01-01T00:00:00',
		});
		const failed = await run(abr, create(DUNE));
		expect(failed.error?.message).toMatch(/already requested the book B002V1OF70/);
		expect(failed.error?.description).toMatch(/Treat Already Requested as Success/);
		abr.resetStats();
		const ok = await run(abr, create(DUNE, { treatConflictAsSuccess: true }));
		expect(jsonOf(ok.items)).toEqual([{ asin: DUNE, created: false, alreadyRequested: true }]);
		expect(abr.stats.requests).toBe(1);
	});

	test('404 Book not found names the cause', async () => {
		const result = await run(abr, create('B0UNKNOWN1'));
		expect(result.error?.message).toBe(
			'AudioBookRequest answered 404 Not Found: Book not found [item 0]',
		);
	});

	test('invalid ASINs are refused before any request', async () => {
		const bad = ['', 'B002V1OF7', 'B002V1OF70X', 'B002V1OF7/', 'dune book', '../users/'];
		const result = await run(
			abr,
			{
				resource: 'request',
				operation: 'create',
				asin: { __rl: true, mode: 'id', value: '={{ $json.asin }}' },
			},
			{ continueOnFail: true, input: bad.map((asin) => ({ json: { asin } })) },
		);
		const errors = jsonOf(result.items).map((item) => String(item.error));
		expect(errors[0]).toMatch(/^Book ASIN is empty/);
		for (const error of errors.slice(1)) expect(error).toMatch(/^Book ASIN ".*" is not valid/);
		expect(abr.stats.requests).toBe(0);
	});

	test('an Audible URL gives the ASIN', async () => {
		const result = await run(abr, {
			resource: 'request',
			operation: 'create',
			asin: {
				__rl: true,
				mode: 'url',
				value: `https://www.audible.co.uk/pd/Dune-Audiobook/${DUNE}?qid=1`,
			},
		});
		expect(result.error).toBeUndefined();
		expect(abr.stats.log[0].path).toBe(`/api/requests/${DUNE}`);
	});

	test('a bad key gets the 401 hint about groups; the key never leaks', async () => {
		const result = await run(abr, create(DUNE), { token: 'wrong-key-123456' });
		expect(result.error?.message).toBe(
			'AudioBookRequest answered 401 Unauthorized: Authentication required [item 0]',
		);
		expect(result.error?.description).toMatch(/OR its user's group is too low/);
		expectNoSecret(result, 'wrong-key-123456');
	});

	test('Continue On Fail keeps going with an error item paired to its input', async () => {
		const result = await run(
			abr,
			{
				resource: 'request',
				operation: 'create',
				asin: { __rl: true, mode: 'id', value: '={{ $json.asin }}' },
			},
			{ continueOnFail: true, input: [{ json: { asin: 'nope' } }, { json: { asin: DUNE } }] },
		);
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.error).toMatch(/ASIN "nope" is not valid/);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[1].json).toMatchObject({ asin: DUNE, created: true });
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
	});

	test('never retried after the server may have acted (connection reset on the POST)', async () => {
		abr.injectFault({ kind: 'reset', match: (request) => request.method === 'POST' });
		const result = await run(abr, { ...create(DUNE), requestOptions: { maxRetries: 3 } });
		expect(result.error).toBeDefined();
		expect(abr.stats.requests).toBe(1);
	});

	test('a refused 503 on the POST is not retried either (the server may have acted)', async () => {
		abr.injectFault({ kind: '503', match: (request) => request.method === 'POST' });
		const result = await run(abr, { ...create(DUNE), requestOptions: { maxRetries: 3 } });
		expect(result.error?.message).toMatch(/503/);
		expect(abr.stats.requests).toBe(1);
	});
});

describe('AudioBookRequest → Request → Get Many', () => {
	beforeEach(() => {
		abr.state.cached.set(DUNE, abr.state.catalog.get(DUNE)!);
		abr.state.requests.push(
			{ asin: DUNE, user_username: 'guest', updated_at: '2026-01-01T00:00:00' },
			{ asin: ABR_BOOKS.messiah.asin, user_username: 'admin', updated_at: '2026-01-01T00:00:00' },
			{ asin: ABR_BOOKS.goodOmens.asin, user_username: 'admin', updated_at: '2026-01-01T00:00:00' },
		);
		abr.state.catalog.get(ABR_BOOKS.goodOmens.asin)!.downloaded = true;
	});

	test('one call, filter sent, Limit applied in the node', async () => {
		const result = await run(abr, {
			resource: 'request',
			operation: 'getAll',
			filter: 'not_downloaded',
			limit: 1,
		});
		expect(jsonOf(result.items)).toHaveLength(1);
		expect(calls(abr)).toEqual(['GET /api/requests?filter=not_downloaded']);
	});

	test('Return All: one item per book; an untrusted key sees only its own books', async () => {
		const all = await run(abr, { resource: 'request', operation: 'getAll', returnAll: true });
		expect(
			jsonOf(all.items)
				.map((entry) => (entry.book as { asin: string }).asin)
				.sort(),
		).toEqual([DUNE, ABR_BOOKS.messiah.asin, ABR_BOOKS.goodOmens.asin].sort());
		const mine = await run(
			abr,
			{ resource: 'request', operation: 'getAll', returnAll: true },
			{ token: ABR_UNTRUSTED_TOKEN },
		);
		expect(jsonOf(mine.items).map((entry) => (entry.book as { asin: string }).asin)).toEqual([
			DUNE,
		]);
	});

	test('a 422 from the server is flattened to "loc: msg"', async () => {
		const result = await run(abr, {
			resource: 'request',
			operation: 'getAll',
			filter: 'everything',
		});
		expect(result.error?.message).toBe(
			"AudioBookRequest answered 422 Unprocessable Entity: query.filter: Input should be 'all', 'downloaded' or 'not_downloaded' [item 0]",
		);
	});
});

describe('AudioBookRequest → Request → Delete, Mark Downloaded, Auto-Download, Sources, Download', () => {
	beforeEach(() => {
		abr.state.cached.set(DUNE, abr.state.catalog.get(DUNE)!);
		abr.state.requests.push({
			asin: DUNE,
			user_username: 'guest',
			updated_at: '2026-01-01T00:00:00',
		});
	});

	test('Delete answers 204 and returns { deleted: true }', async () => {
		const result = await run(abr, { resource: 'request', operation: 'delete', asin: byId(DUNE) });
		expect(jsonOf(result.items)).toEqual([{ deleted: true }]);
		expect(calls(abr)).toEqual([`DELETE /api/requests/${DUNE}`]);
		expect(abr.state.requests).toHaveLength(0);
	});

	test('Mark Downloaded (admin) → 204 → { asin, downloaded: true }; an untrusted key gets the 401 group hint', async () => {
		const ok = await run(abr, {
			resource: 'request',
			operation: 'markDownloaded',
			asin: byId(DUNE),
		});
		expect(jsonOf(ok.items)).toEqual([{ asin: DUNE, downloaded: true }]);
		expect(calls(abr)).toEqual([`PATCH /api/requests/${DUNE}/downloaded`]);
		const denied = await run(
			abr,
			{ resource: 'request', operation: 'markDownloaded', asin: byId(DUNE) },
			{ token: ABR_UNTRUSTED_TOKEN },
		);
		expect(denied.error?.httpCode).toBe('401');
		expect(denied.error?.description).toMatch(/Admin: .*Mark Downloaded/);
		expectNoSecret(denied, ABR_UNTRUSTED_TOKEN);
	});

	test('Mark Downloaded of an unknown book is a 404 with the service message', async () => {
		const result = await run(abr, {
			resource: 'request',
			operation: 'markDownloaded',
			asin: byId('B0UNKNOWN1'),
		});
		expect(result.error?.message).toBe(
			'AudioBookRequest answered 404 Not Found: Book not found [item 0]',
		);
	});

	test('Start Auto-Download: 204 is success; the HTML-toast 200 is an error', async () => {
		const ok = await run(
			abr,
			{ resource: 'request', operation: 'startAutoDownload', asin: byId(DUNE) },
			{ token: ABR_TRUSTED_TOKEN },
		);
		expect(jsonOf(ok.items)).toEqual([{ asin: DUNE, autoDownloadStarted: true }]);
		abr.state.prowlarrConfigured = false;
		const failed = await run(
			abr,
			{ resource: 'request', operation: 'startAutoDownload', asin: byId(DUNE) },
			{ token: ABR_TRUSTED_TOKEN },
		);
		// ABR answers 302 → /settings/invalid?prowlarr_misconfigured=true: said as what it means, not as a Base URL problem.
		expect(failed.error?.message).toBe(
			'AudioBookRequest cannot search for sources: Prowlarr is not configured in AudioBookRequest [item 0]',
		);
		expect(failed.error?.description).toMatch(/Settings → Prowlarr/);
		expect(failed.error?.description).not.toMatch(/Base URL/);
		abr.state.prowlarrConfigured = true;
		const unknown = await run(
			abr,
			{ resource: 'request', operation: 'startAutoDownload', asin: byId('B000000000') },
			{ token: ABR_TRUSTED_TOKEN },
		);
		expect(unknown.error?.message).toMatch(/could not start the auto-download of B000000000/);
		expect(unknown.error?.description).toMatch(/Book not found/);
		abr.state.prowlarrConfigured = false;
		const untrusted = await run(
			abr,
			{ resource: 'request', operation: 'startAutoDownload', asin: byId(DUNE) },
			{ token: ABR_UNTRUSTED_TOKEN },
		);
		expect(untrusted.error?.httpCode).toBe('401');
	});

	test('Get Sources and Download Source', async () => {
		const sources = await run(abr, {
			resource: 'request',
			operation: 'getSources',
			asin: byId(DUNE),
			onlyCached: true,
		});
		const [result] = jsonOf(sources.items);
		expect(result).toMatchObject({ asin: DUNE, state: 'ok' });
		expect(calls(abr)).toEqual([`GET /api/requests/${DUNE}/sources?only_cached=true`]);
		const source = (result.sources as Array<{ guid: string; indexer_id: number }>)[0];
		abr.resetStats();
		const download = await run(abr, {
			resource: 'request',
			operation: 'downloadSource',
			asin: byId(DUNE),
			guid: source.guid,
			indexerId: source.indexer_id,
		});
		expect(jsonOf(download.items)).toEqual([
			{ asin: DUNE, downloadStarted: true, guid: source.guid, indexer_id: 3 },
		]);
		expect(abr.stats.log[0]).toMatchObject({
			method: 'POST',
			path: `/api/requests/${DUNE}/download`,
		});
	});

	test("Download Source with an unknown source: the server's 500 detail is shown; bad indexer id refused before any request", async () => {
		const failed = await run(abr, {
			resource: 'request',
			operation: 'downloadSource',
			asin: byId(DUNE),
			guid: 'nope',
			indexerId: 1,
		});
		expect(failed.error?.message).toBe(
			'AudioBookRequest answered 500 Internal Server Error: Failed to start download [item 0]',
		);
		abr.resetStats();
		const bad = await run(abr, {
			resource: 'request',
			operation: 'downloadSource',
			asin: byId(DUNE),
			guid: 'x',
			indexerId: 1.5,
		});
		expect(bad.error?.message).toMatch(/Indexer ID "1.5" is not valid/);
		expect(abr.stats.requests).toBe(0);
	});

	test('Get Sources: Prowlarr not configured → 400 with its message', async () => {
		abr.state.prowlarrConfigured = false;
		const result = await run(abr, {
			resource: 'request',
			operation: 'getSources',
			asin: byId(DUNE),
		});
		expect(result.error?.message).toBe(
			'AudioBookRequest answered 400 Bad Request: Prowlarr misconfigured [item 0]',
		);
	});

	test('Bearer is the only scheme sent', async () => {
		await run(abr, { resource: 'request', operation: 'delete', asin: byId(DUNE) });
		expect(abr.stats.log[0].headers.authorization).toBe(`Bearer ${ABR_ADMIN_TOKEN}`);
	});
});
