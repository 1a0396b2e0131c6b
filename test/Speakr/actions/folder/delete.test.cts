import { startFakeSpeakr, type FakeSpeakr } from '../../../fakes/speakr.cjs';
import { byId, runSpeakr } from '../../helpers.cjs';

let speakr: FakeSpeakr;
beforeEach(async () => {
	speakr = await startFakeSpeakr({ recordings: 8 });
});
afterEach(async () => await speakr.close());

describe('Speakr → Folder → Delete', () => {
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
