import { startFakeSpeakr, type FakeSpeakr } from '../../../fakes/speakr.cjs';
import { requestLines, runSpeakr } from '../../helpers.cjs';

let speakr: FakeSpeakr;
beforeEach(async () => {
	speakr = await startFakeSpeakr({ recordings: 8 });
});
afterEach(async () => await speakr.close());

describe('Speakr → Folder → Create', () => {
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
});
