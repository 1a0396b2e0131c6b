import { jsonOf } from '../harness/engine.cjs';
import {
	ABR_ADMIN_TOKEN,
	ABR_BOOKS,
	ABR_TRUSTED_TOKEN,
	ABR_UNTRUSTED_TOKEN,
	createAbrState,
	startFakeAudioBookRequest,
	type AbrManualRequest,
	type FakeAudioBookRequest,
} from '../fakes/audiobookrequest.cjs';
import { byId, calls, expectNoSecret, run } from './helpers.cjs';

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

describe('AudioBookRequest → Book', () => {
	test('Search sends q, num_results, page and region; one item per book', async () => {
		const result = await run(
			abr,
			{
				resource: 'book',
				operation: 'search',
				query: 'dune',
				region: 'de',
				numResults: 5,
				page: 0,
			},
			{ token: ABR_UNTRUSTED_TOKEN },
		);
		expect(calls(abr)).toEqual(['GET /api/search?q=dune&num_results=5&page=0&region=de']);
		expect(jsonOf(result.items).map((entry) => (entry.book as { title: string }).title)).toEqual([
			'Dune',
			'Dune Messiah',
		]);
	});

	test('Search without region leaves it to the server; an empty query is refused before any request', async () => {
		await run(abr, { resource: 'book', operation: 'search', query: 'omens' });
		expect(calls(abr)).toEqual(['GET /api/search?q=omens&num_results=20&page=0']);
		abr.resetStats();
		const result = await run(abr, { resource: 'book', operation: 'search', query: '={{ "  " }}' });
		expect(result.error?.message).toBe('Query is empty [item 0]');
		expect(abr.stats.requests).toBe(0);
	});

	test('Get Suggestions: one item per suggestion', async () => {
		const result = await run(abr, { resource: 'book', operation: 'getSuggestions', query: 'dune' });
		expect(jsonOf(result.items)).toEqual([{ suggestion: 'Dune' }, { suggestion: 'Dune Messiah' }]);
		expect(calls(abr)).toEqual(['GET /api/search/suggestions?q=dune']);
	});

	test('a slow server (argon2 check) is waited for; timeout is reported clearly', async () => {
		const slow = await startFakeAudioBookRequest({ argonMs: 300 });
		try {
			const ok = await run(slow, { resource: 'book', operation: 'search', query: 'dune' });
			expect(ok.error).toBeUndefined();
			const timedOut = await run(slow, {
				resource: 'book',
				operation: 'search',
				query: 'dune',
				requestOptions: { timeout: 100, maxRetries: 0 },
			});
			expect(timedOut.error?.message).toMatch(/did not answer within 100 ms/);
		} finally {
			await slow.close();
		}
	});
});

const MANUAL_ID = '3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f';
function manual(overrides: Partial<AbrManualRequest> = {}): AbrManualRequest {
	return {
		id: MANUAL_ID,
		user_username: 'guest',
		title: 'Obscure Book',
		subtitle: 'Vol 1',
		authors: ['Someone'],
		narrators: [],
		publish_date: '2019',
		additional_info: 'German edition',
		updated_at: '2026-01-01T00:00:00',
		downloaded: false,
		...overrides,
	};
}

describe('AudioBookRequest → Manual Request', () => {
	beforeEach(() => {
		abr.state.manual.push(
			manual(),
			manual({
				id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
				user_username: 'admin',
				downloaded: true,
			}),
		);
	});

	test('Get Many: one call, Limit in the node; untrusted sees its own', async () => {
		const all = await run(abr, { resource: 'manualRequest', operation: 'getAll', returnAll: true });
		expect(jsonOf(all.items)).toHaveLength(2);
		const limited = await run(abr, { resource: 'manualRequest', operation: 'getAll', limit: 1 });
		expect(jsonOf(limited.items)).toHaveLength(1);
		const mine = await run(
			abr,
			{ resource: 'manualRequest', operation: 'getAll', returnAll: true },
			{ token: ABR_UNTRUSTED_TOKEN },
		);
		expect(jsonOf(mine.items).map((entry) => entry.user_username)).toEqual(['guest']);
		expect(abr.stats.requests).toBe(3);
	});

	test('Update trims the comma lists (upstream does not), sends every field, answers 204', async () => {
		const result = await run(
			abr,
			{
				resource: 'manualRequest',
				operation: 'update',
				manualRequestId: byId(MANUAL_ID.toUpperCase()),
				title: 'Better Title',
				author: 'Terry Pratchett,  Neil Gaiman ',
				additionalFields: { narrator: 'A, B' },
			},
			{ token: ABR_UNTRUSTED_TOKEN },
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.items)[0]).toEqual({
			id: MANUAL_ID,
			updated: true,
			title: 'Better Title',
			subtitle: null,
			authors: ['Terry Pratchett', 'Neil Gaiman'],
			narrators: ['A', 'B'],
			publish_date: null,
			additional_info: null,
		});
		expect(abr.state.manual[0]).toMatchObject({
			title: 'Better Title',
			authors: ['Terry Pratchett', 'Neil Gaiman'],
			narrators: ['A', 'B'],
			subtitle: null,
		});
		expect(calls(abr)).toEqual([`PUT /api/requests/manual/${MANUAL_ID}`]);
	});

	test("Update of someone else's request by a non-admin: 403 with the service message", async () => {
		const result = await run(
			abr,
			{
				resource: 'manualRequest',
				operation: 'update',
				manualRequestId: byId('aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'),
				title: 'x',
				author: 'y',
			},
			{ token: ABR_TRUSTED_TOKEN },
		);
		expect(result.error?.message).toBe(
			'AudioBookRequest answered 403 Forbidden: Not authorized [item 0]',
		);
	});

	test('a malformed ID and an empty author are refused before any request', async () => {
		const result = await run(
			abr,
			{
				resource: 'manualRequest',
				operation: 'update',
				manualRequestId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				title: 'x',
				author: '={{ $json.author }}',
			},
			{
				continueOnFail: true,
				input: [{ json: { id: '42', author: 'a' } }, { json: { id: MANUAL_ID, author: ' , ' } }],
			},
		);
		expect(result.items.map((item) => item.json.error)).toEqual([
			'Manual Request ID "42" is not valid [item 0]',
			'Authors is empty [item 1]',
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(abr.stats.requests).toBe(0);
	});

	test('Mark Downloaded and Delete (admin): 204 → meaningful output; 404 for an unknown id', async () => {
		const marked = await run(abr, {
			resource: 'manualRequest',
			operation: 'markDownloaded',
			manualRequestId: byId(MANUAL_ID),
		});
		expect(jsonOf(marked.items)).toEqual([{ id: MANUAL_ID, downloaded: true }]);
		const deleted = await run(abr, {
			resource: 'manualRequest',
			operation: 'delete',
			manualRequestId: byId(MANUAL_ID),
		});
		expect(jsonOf(deleted.items)).toEqual([{ deleted: true }]);
		const again = await run(abr, {
			resource: 'manualRequest',
			operation: 'delete',
			manualRequestId: byId(MANUAL_ID),
		});
		expect(again.error?.message).toBe(
			'AudioBookRequest answered 404 Not Found: Request not found [item 0]',
		);
		expect(calls(abr)).toEqual([
			`PATCH /api/requests/manual/${MANUAL_ID}/downloaded`,
			`DELETE /api/requests/manual/${MANUAL_ID}`,
			`DELETE /api/requests/manual/${MANUAL_ID}`,
		]);
	});

	test('Delete with a trusted key: 401 group hint', async () => {
		const result = await run(
			abr,
			{ resource: 'manualRequest', operation: 'delete', manualRequestId: byId(MANUAL_ID) },
			{ token: ABR_TRUSTED_TOKEN },
		);
		expect(result.error?.httpCode).toBe('401');
		expect(result.error?.description).toMatch(/group is too low/);
		expectNoSecret(result, ABR_TRUSTED_TOKEN);
	});
});

describe('AudioBookRequest → User', () => {
	test('Get Current: GET /api/users/me', async () => {
		const result = await run(
			abr,
			{ resource: 'user', operation: 'getCurrent' },
			{ token: ABR_TRUSTED_TOKEN },
		);
		expect(jsonOf(result.items)).toEqual([{ username: 'trusty', group: 'trusted', root: false }]);
		expect(calls(abr)).toEqual(['GET /api/users/me']);
	});

	test('Get Many pages /api/users/ (trailing slash) with limit ≤ 100 + offset; Limit ≤ 100 is one request', async () => {
		for (let i = 0; i < 150; i++)
			abr.state.users.set(`user${i}`, {
				username: `user${i}`,
				group: 'untrusted',
				root: false,
				password: 'x',
				extra_data: null,
			});
		const all = await run(abr, { resource: 'user', operation: 'getAll', returnAll: true });
		expect(jsonOf(all.items)).toHaveLength(153);
		expect(calls(abr)).toEqual([
			'GET /api/users/?offset=0&limit=100',
			'GET /api/users/?offset=100&limit=100',
		]);
		abr.resetStats();
		const some = await run(abr, { resource: 'user', operation: 'getAll', limit: 7 });
		expect(jsonOf(some.items)).toHaveLength(7);
		expect(calls(abr)).toEqual(['GET /api/users/?offset=0&limit=7']);
	});

	test('the fake answers /api/users without the slash with the real 404 (so our paths are checked)', async () => {
		const response = await fetch(`${abr.url}/api/users`, {
			headers: { Authorization: `Bearer ${ABR_ADMIN_TOKEN}` },
		});
		expect(response.status).toBe(404);
		expect(await response.json()).toEqual({ detail: 'Not Found' });
	});

	test('Get, Create, Update, Delete', async () => {
		const created = await run(abr, {
			resource: 'user',
			operation: 'create',
			username: 'carol',
			password: 'secret-pw',
			group: 'trusted',
			additionalFields: { extraData: '@carol' },
		});
		expect(jsonOf(created.items)).toEqual([{ username: 'carol', group: 'trusted', root: false }]);
		expect(abr.state.users.get('carol')).toMatchObject({
			extra_data: '@carol',
			password: 'secret-pw',
		});
		expect(created.serialized).not.toContain('secret-pw');
		const got = await run(abr, { resource: 'user', operation: 'get', username: byId('carol') });
		expect(jsonOf(got.items)).toEqual([{ username: 'carol', group: 'trusted', root: false }]);
		const updated = await run(abr, {
			resource: 'user',
			operation: 'update',
			username: byId('carol'),
			updateFields: { group: 'admin' },
		});
		expect(jsonOf(updated.items)).toEqual([{ username: 'carol', group: 'admin', root: false }]);
		const deleted = await run(abr, {
			resource: 'user',
			operation: 'delete',
			username: byId('carol'),
		});
		expect(jsonOf(deleted.items)).toEqual([{ deleted: true }]);
		expect(calls(abr)).toEqual([
			'POST /api/users/',
			'GET /api/users/carol',
			'PUT /api/users/carol',
			'DELETE /api/users/carol',
		]);
		expect(abr.stats.log[0].status).toBe(201);
	});

	test('service errors: 409 duplicate, 400 root group, 404 unknown, 401 for a non-admin', async () => {
		const duplicate = await run(abr, {
			resource: 'user',
			operation: 'create',
			username: 'guest',
			password: 'x',
			group: 'untrusted',
		});
		expect(duplicate.error?.message).toBe(
			'AudioBookRequest answered 409 Conflict: Username already exists [item 0]',
		);
		const root = await run(abr, {
			resource: 'user',
			operation: 'update',
			username: byId('admin'),
			updateFields: { group: 'admin' },
		});
		expect(root.error?.message).toBe(
			"AudioBookRequest answered 400 Bad Request: Cannot change root user's group [item 0]",
		);
		const missing = await run(abr, {
			resource: 'user',
			operation: 'get',
			username: byId('nobody'),
		});
		expect(missing.error?.message).toBe(
			'AudioBookRequest answered 404 Not Found: User not found [item 0]',
		);
		const lowGroup = await run(
			abr,
			{ resource: 'user', operation: 'getAll', returnAll: true },
			{ token: ABR_TRUSTED_TOKEN },
		);
		expect(lowGroup.error?.message).toMatch(/401 Unauthorized: Authentication required/);
		expect(lowGroup.error?.description).toMatch(/Admin: users/);
	});

	test('bad input refused before any request: slash in username, empty update', async () => {
		const slash = await run(abr, { resource: 'user', operation: 'get', username: byId('a/b') });
		expect(slash.error?.message).toMatch(/cannot be used in a URL path/);
		const empty = await run(abr, {
			resource: 'user',
			operation: 'update',
			username: byId('guest'),
			updateFields: {},
		});
		expect(empty.error?.message).toBe('Nothing to update for user "guest" [item 0]');
		expect(abr.stats.requests).toBe(0);
	});
});

describe('AudioBookRequest → Recommendation', () => {
	beforeEach(() => {
		abr.state.requests.push(
			{ asin: ABR_BOOKS.dune.asin, user_username: 'guest', updated_at: '2026-01-01T00:00:00' },
			{ asin: ABR_BOOKS.dune.asin, user_username: 'trusty', updated_at: '2026-01-01T00:00:00' },
			{ asin: ABR_BOOKS.goodOmens.asin, user_username: 'guest', updated_at: '2026-01-01T00:00:00' },
		);
	});

	test('Get Popular sends limit, min_requests, exclude_downloaded', async () => {
		const result = await run(abr, {
			resource: 'recommendation',
			operation: 'getPopular',
			limit: 5,
			minRequests: 2,
			excludeDownloaded: false,
		});
		expect(calls(abr)).toEqual([
			'GET /api/recommendations/popular?limit=5&min_requests=2&exclude_downloaded=false',
		]);
		expect(jsonOf(result.items)).toEqual([expect.objectContaining({ request_count: 2 })]);
	});

	test('Get Recent', async () => {
		const result = await run(abr, {
			resource: 'recommendation',
			operation: 'getRecent',
			limit: 10,
			daysBack: 7,
		});
		expect(calls(abr)).toEqual([
			'GET /api/recommendations/recent?limit=10&days_back=7&exclude_downloaded=true',
		]);
		expect(jsonOf(result.items)).toEqual([]);
	});

	test("Get Recent when another user requested a book in the window: ABR 1.10's 500 is explained, with the way around it", async () => {
		abr.state.requests.push({
			asin: ABR_BOOKS.goodOmens.asin,
			user_username: 'guest',
			updated_at: new Date().toISOString().slice(0, 19),
		});
		const result = await run(abr, {
			resource: 'recommendation',
			operation: 'getRecent',
			limit: 10,
			daysBack: 7,
		});
		expect(result.error?.message).toBe(
			'AudioBookRequest failed to list recent requests: a known bug in AudioBookRequest (1.10) makes Get Recent answer 500 whenever another user requested a book in the chosen days [item 0]',
		);
		expect(result.error?.description).toMatch(
			/Get Popular \(Min Requests 1\) or Request → Get Many/,
		);
		expect(calls(abr)).toHaveLength(1);
	});

	test('Get for User: seed ASINs repeated as FastAPI expects; invalid seed refused before any request', async () => {
		const result = await run(abr, {
			resource: 'recommendation',
			operation: 'getForUser',
			limit: 2,
			seedAsins: 'b002v1of70, B00B5HZGUG',
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.items)).toHaveLength(2);
		expect(abr.stats.log[0].query).toContain('seed_asins=B002V1OF70&seed_asins=B00B5HZGUG');
		abr.resetStats();
		const bad = await run(abr, {
			resource: 'recommendation',
			operation: 'getForUser',
			seedAsins: 'B002V1OF70, nope',
		});
		expect(bad.error?.message).toBe('Seed ASIN "NOPE" is not valid [item 0]');
		expect(abr.stats.requests).toBe(0);
	});
});
