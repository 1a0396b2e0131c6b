import { startFakeSpeakr, type FakeSpeakr } from '../../../fakes/speakr.cjs';
import { byId, requestLines, runSpeakr } from '../../helpers.cjs';

let speakr: FakeSpeakr;
beforeEach(async () => {
	speakr = await startFakeSpeakr({ recordings: 3 });
});
afterEach(async () => await speakr.close());

describe('Speakr → Tag → Update', () => {
	test('Update sends only the changed fields (an empty text clears one) and returns the tag as saved', async () => {
		const result = await runSpeakr(speakr, {
			resource: 'tag',
			operation: 'update',
			tagId: byId(1),
			updateFields: { name: 'standups', customPrompt: '' },
		});
		expect(result.error).toBeUndefined();
		expect(requestLines(speakr)).toEqual(['PUT /api/v1/tags/1']);
		expect(result.items[0].json).toMatchObject({
			id: 1,
			name: 'standups',
			custom_prompt: null,
			color: '#00ff00',
		});
		const nothing = await runSpeakr(speakr, {
			resource: 'tag',
			operation: 'update',
			tagId: byId(1),
			updateFields: {},
		});
		expect(nothing.error?.message).toMatch(/Nothing to update \[item 0\]/);
		expect(speakr.stats.requests).toBe(1);
	});
});
