import { jsonOf } from '../../harness/engine.cjs';
import { startFakeSpeakr, type FakeSpeakr } from '../../fakes/speakr.cjs';
import { fromList, requestLines, runSpeakr } from '../helpers.cjs';

let speakr: FakeSpeakr;
beforeAll(async () => {
	speakr = await startFakeSpeakr({ recordings: 130 });
});
afterAll(async () => await speakr.close());
beforeEach(() => {
	speakr.resetStats();
	speakr.state.foldersEnabled = true;
});

describe('Speakr → Folder', () => {
	test('Get Many reads the bare array; Get reads one folder', async () => {
		const many = await runSpeakr(speakr, {
			resource: 'folder',
			operation: 'getAll',
			returnAll: true,
		});
		expect(jsonOf(many.items).map((f) => f.name)).toEqual(['Work', 'Customers']);
		const one = await runSpeakr(speakr, {
			resource: 'folder',
			operation: 'get',
			folderId: fromList(2),
		});
		expect(one.items[0].json).toMatchObject({ id: 2, name: 'Customers', retention_days: 90 });
		expect(requestLines(speakr)).toEqual(['GET /api/v1/folders', 'GET /api/v1/folders/2']);
	});

	test('folders disabled by the admin: 403 explains it', async () => {
		speakr.state.foldersEnabled = false;
		const result = await runSpeakr(speakr, {
			resource: 'folder',
			operation: 'getAll',
			returnAll: true,
		});
		expect(result.error?.message).toContain(
			'Speakr answered 403 Forbidden: Folders feature is not enabled',
		);
		expect(result.error?.description).toContain('Folders feature is disabled by the admin');
	});
});
