import { jsonOf } from '../../harness/engine.cjs';
import {
	ABR_TRUSTED_TOKEN,
	ABR_UNTRUSTED_TOKEN,
	createAbrState,
	startFakeAudioBookRequest,
	type AbrManualRequest,
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
