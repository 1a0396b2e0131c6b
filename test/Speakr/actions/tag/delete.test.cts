import { startFakeSpeakr, type FakeSpeakr } from '../../../fakes/speakr.cjs';
import { byId, runSpeakr } from '../../helpers.cjs';

let speakr: FakeSpeakr;
beforeEach(async () => {
	speakr = await startFakeSpeakr({ recordings: 3 });
});
afterEach(async () => await speakr.close());

describe('Speakr → Tag → Delete', () => {
	test('Delete returns { deleted: true } and the tag is gone from its recordings; unknown → 404', async () => {
		const result = await runSpeakr(speakr, {
			resource: 'tag',
			operation: 'delete',
			tagId: byId(1),
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ deleted: true });
		expect(speakr.state.recordings.find((r) => r.id === 3)!.tags).toEqual([]);
		const again = await runSpeakr(speakr, { resource: 'tag', operation: 'delete', tagId: byId(1) });
		expect(again.error?.message).toBe('Speakr answered 404 Not Found: Tag not found [item 0]');
	});
});
