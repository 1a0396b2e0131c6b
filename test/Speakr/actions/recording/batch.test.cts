import { startFakeSpeakr, type FakeSpeakr } from '../../../fakes/speakr.cjs';
import { requestLines, runSpeakr } from '../../helpers.cjs';

let speakr: FakeSpeakr;
beforeEach(async () => {
	speakr = await startFakeSpeakr({ recordings: 8 });
});
afterEach(async () => await speakr.close());

const recording = (id: number) => speakr.state.recordings.find((r) => r.id === id);
const bodies = () => speakr.stats.log.map((entry) => entry.method);

describe('Speakr → Recording → Update Many / Delete Many / Re-Transcribe Many', () => {
	test('Update Many sends one PATCH /recordings/batch with the mapped updates', async () => {
		const seen: unknown[] = [];
		speakr.router.routes.unshift({
			method: 'PATCH',
			pattern: /^\/api\/v1\/recordings\/batch$/,
			keys: [],
			name: 'spy',
			handler: (request) => {
				seen.push(request.json);
				speakr.router.routes.shift();
				return speakr.router.match('PATCH', '/api/v1/recordings/batch')!.route.handler(request);
			},
		});
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'updateMany',
			recordingIds: '1, 2, 2, 99',
			updateFields: { folderId: '2', addTagIds: '2', removeTagIds: '1', isHighlighted: true },
		});
		expect(result.error).toBeUndefined();
		expect(requestLines(speakr)).toEqual(['PATCH /api/v1/recordings/batch']);
		expect(seen).toEqual([
			{
				recording_ids: [1, 2, 99],
				updates: { is_highlighted: true, folder_id: 2, add_tag_ids: [2], remove_tag_ids: [1] },
			},
		]);
		expect(result.items[0].json).toEqual({
			updated: [1, 2],
			failed: [{ id: 99, error: 'Not found' }],
		});
		expect(recording(2)).toMatchObject({ folder_id: 2, is_highlighted: true });
		expect(recording(2)!.tags.map((tag) => tag.id)).toEqual([2]);
	});

	test('Update Many: nothing to update, no IDs, or a bad ID is refused before any request', async () => {
		for (const [parameters, message] of [
			[{ recordingIds: '1', updateFields: {} }, /Nothing to update \[item 0\]/],
			[
				{ recordingIds: ' , ', updateFields: { isInbox: true } },
				/Recording IDs is empty \[item 0\]/,
			],
			[{ recordingIds: '1, x', updateFields: { isInbox: true } }, /Recording ID "x" is not valid/],
			[{ recordingIds: '1', updateFields: { folderId: 'work' } }, /Folder ID "work" is not valid/],
		] as const) {
			const result = await runSpeakr(speakr, {
				resource: 'recording',
				operation: 'updateMany',
				...parameters,
			});
			expect(result.error?.message).toMatch(message);
		}
		expect(speakr.stats.requests).toBe(0);
	});

	test("Update Many to a folder that does not exist: Speakr's 404 for the whole batch", async () => {
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'updateMany',
			recordingIds: '1',
			updateFields: { folderId: '77' },
		});
		expect(result.error?.message).toBe(
			'Speakr answered 404 Not Found: Folder 77 not found [item 0]',
		);
	});

	test('Delete Many deletes with a JSON body on DELETE and returns { deleted: true } with the IDs', async () => {
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'deleteMany',
			recordingIds: '3,4',
		});
		expect(result.error).toBeUndefined();
		expect(bodies()).toEqual(['DELETE']);
		expect(result.items[0].json).toEqual({ deleted: true, deleted_ids: [3, 4], failed: [] });
		expect(recording(3)).toBeUndefined();
	});

	test('a batch where nothing worked fails the item, naming each failure', async () => {
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'deleteMany',
			recordingIds: '90, 91',
		});
		expect(result.error?.message).toBe(
			'Speakr deleted none of the recordings: 90: Not found; 91: Not found [item 0]',
		);
	});

	test('Delete Many when the admin disabled deleting: 403', async () => {
		speakr.state.usersCanDelete = false;
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'deleteMany',
			recordingIds: '1',
		});
		expect(result.error?.message).toBe(
			'Speakr answered 403 Forbidden: Deletion not allowed [item 0]',
		);
		expect(recording(1)).toBeDefined();
	});

	test('Re-Transcribe Many returns the job of each queued recording and the ones refused', async () => {
		recording(6)!.audio_available = false;
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'transcribeMany',
			recordingIds: '5, 6',
		});
		expect(result.error).toBeUndefined();
		expect(requestLines(speakr)).toEqual(['POST /api/v1/recordings/batch/transcribe']);
		expect(result.items[0].json).toEqual({
			queued: [5],
			failed: [{ id: 6, error: 'Audio deleted' }],
			jobs: [{ id: 5, job_id: 100 }],
		});
	});
});
