import { startFakeSpeakr, type FakeSpeakr } from '../../../fakes/speakr.cjs';
import { byId, runSpeakr } from '../../helpers.cjs';

let speakr: FakeSpeakr;
beforeEach(async () => {
	speakr = await startFakeSpeakr({ recordings: 8 });
});
afterEach(async () => await speakr.close());

describe('Speakr → Folder → Update', () => {
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
});
