import { startFakeSpeakr, type FakeSpeakr } from '../../fakes/speakr.cjs';
import { byId, requestLines, runSpeakr } from '../helpers.cjs';

let speakr: FakeSpeakr;
beforeEach(async () => {
	speakr = await startFakeSpeakr({ recordings: 8 });
});
afterEach(async () => await speakr.close());

describe('Speakr → Folder → Create / Update / Delete', () => {
	test('Create returns the new folder (201) with its retention and defaults', async () => {
		const result = await runSpeakr(speakr, {
			resource: 'folder',
			operation: 'create',
			name: 'Interviews',
			additionalFields: {
				retentionDays: -1,
				defaultHotwords: 'Speakr, n8n',
				defaultLanguage: 'de',
			},
		});
		expect(result.error).toBeUndefined();
		expect(requestLines(speakr)).toEqual(['POST /api/v1/folders']);
		expect(result.items[0].json).toMatchObject({
			id: 3,
			name: 'Interviews',
			color: '#10B981',
			retention_days: -1,
			default_hotwords: 'Speakr, n8n',
			default_language: 'de',
			recording_count: 0,
		});
	});

	test('Folders disabled by the admin: 403 with how to fix it', async () => {
		speakr.state.foldersEnabled = false;
		const result = await runSpeakr(speakr, { resource: 'folder', operation: 'create', name: 'X' });
		expect(result.error?.message).toBe(
			'Speakr answered 403 Forbidden: Folders feature is not enabled [item 0]',
		);
		expect(result.error?.description).toMatch(/Folders feature is disabled by the admin/);
	});

	test("Update renames (another folder's name is Speakr's 400) and returns the folder", async () => {
		const clash = await runSpeakr(speakr, {
			resource: 'folder',
			operation: 'update',
			folderId: byId(1),
			updateFields: { name: 'Customers' },
		});
		expect(clash.error?.message).toBe(
			'Speakr answered 400 Bad Request: Another folder with this name already exists [item 0]',
		);
		const result = await runSpeakr(speakr, {
			resource: 'folder',
			operation: 'update',
			folderId: byId(1),
			updateFields: { name: 'Work 2026', retentionDays: 0 },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: 1, name: 'Work 2026', retention_days: null });
		expect(speakr.state.recordings.find((r) => r.id === 4)!.folder).toEqual({
			id: 1,
			name: 'Work 2026',
		});
	});

	test('Delete returns { deleted: true }; its recordings stay, without a folder', async () => {
		const result = await runSpeakr(speakr, {
			resource: 'folder',
			operation: 'delete',
			folderId: byId(1),
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ deleted: true });
		expect(speakr.state.recordings.find((r) => r.id === 4)).toMatchObject({
			folder_id: null,
			folder: null,
		});
		const unknown = await runSpeakr(speakr, {
			resource: 'folder',
			operation: 'delete',
			folderId: byId(1),
		});
		expect(unknown.error?.message).toBe('Speakr answered 404 Not Found: Folder not found [item 0]');
	});
});
