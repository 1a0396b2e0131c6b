import { jsonOf } from '../../harness/engine.cjs';
import {
	ABR_ADMIN_TOKEN,
	ABR_TRUSTED_TOKEN,
	createAbrState,
	startFakeAudioBookRequest,
	type FakeAudioBookRequest,
} from '../../fakes/audiobookrequest.cjs';
import { byId, calls, run } from '../helpers.cjs';

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
		// Typed: the editor's check refuses it before the run starts. Mapped: the same rule refuses the item.
		await expect(
			run(abr, { resource: 'user', operation: 'get', username: byId('a/b') }),
		).rejects.toThrow('Not a valid Username');
		const slash = await run(abr, {
			resource: 'user',
			operation: 'get',
			username: byId('={{ "a/b" }}'),
		});
		expect(slash.error?.message).toBe('Username "a/b" is not valid [item 0]');
		expect(slash.error?.description).toMatch(/without \/, \\, \?, #/);
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
