import { readFileSync } from 'node:fs';
import path from 'node:path';

import { jsonOf } from '../../harness/engine.cjs';
import { startFakeSpeakr, type FakeSpeakr } from '../../fakes/speakr.cjs';
import { byId, expectNoTokenLeak, fromList, requestLines, runSpeakr } from '../helpers.cjs';

const tagsFixture = JSON.parse(
	readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'speakr', 'tags.json'), 'utf8'),
) as { tags: unknown[] };

let speakr: FakeSpeakr;
beforeAll(async () => {
	speakr = await startFakeSpeakr({ recordings: 130 });
});
afterAll(async () => await speakr.close());
beforeEach(() => {
	speakr.resetStats();
	speakr.state.foldersEnabled = true;
});

describe('Speakr → Tag', () => {
	test('Get Many returns the tags exactly as the recorded fixture, Limit applied', async () => {
		const all = await runSpeakr(speakr, { resource: 'tag', operation: 'getAll', returnAll: true });
		expect(jsonOf(all.items)).toEqual(tagsFixture.tags);
		const limited = await runSpeakr(speakr, { resource: 'tag', operation: 'getAll', limit: 1 });
		expect(jsonOf(limited.items)).toEqual([tagsFixture.tags[0]]);
		expect(requestLines(speakr)).toEqual(['GET /api/v1/tags', 'GET /api/v1/tags']);
	});

	test('Add to Recording sends tag_ids (picked + extra, deduplicated) and returns what was added', async () => {
		const result = await runSpeakr(speakr, {
			resource: 'tag',
			operation: 'addToRecording',
			recordingId: byId(1),
			tagId: fromList(2),
			moreTagIds: '1, 2',
		});
		expect(result.error).toBeUndefined();
		expect(requestLines(speakr)).toEqual(['POST /api/v1/recordings/1/tags']);
		expect(result.items[0].json).toEqual({
			recording_id: 1,
			added_tags: [
				{ id: 2, name: 'viaheader' },
				{ id: 1, name: 'meetings' },
			],
			errors: [],
		});
		expect(
			speakr.state.recordings
				.find((r) => r.id === 1)!
				.tags.map((t) => t.id)
				.sort(),
		).toEqual([1, 2]);
	});

	test('Speakr answers 200 for unknown tags: partly unknown keeps errors[], all unknown fails the item', async () => {
		const partly = await runSpeakr(speakr, {
			resource: 'tag',
			operation: 'addToRecording',
			recordingId: byId(2),
			tagId: byId(1),
			moreTagIds: '99',
		});
		expect(partly.items[0].json).toEqual({
			recording_id: 2,
			added_tags: [{ id: 1, name: 'meetings' }],
			errors: ['Tag 99 not found'],
		});
		const none = await runSpeakr(
			speakr,
			{ resource: 'tag', operation: 'addToRecording', recordingId: byId(2), tagId: byId(98) },
			{ continueOnFail: true },
		);
		expect(none.items[0].json.error).toContain('Speakr added none of the tags: Tag 98 not found');
		expect(none.items[0].pairedItem).toEqual({ item: 0 });
	});

	test("Remove from Recording; a tag not on the recording gives Speakr's 404 message", async () => {
		const removed = await runSpeakr(speakr, {
			resource: 'tag',
			operation: 'removeFromRecording',
			recordingId: byId(3),
			tagId: byId(1),
		});
		expect(removed.error).toBeUndefined();
		expect(requestLines(speakr)).toEqual(['DELETE /api/v1/recordings/3/tags/1']);
		expect(removed.items[0].json).toEqual({ recording_id: 3, tag_id: 1, removed: true });
		const again = await runSpeakr(speakr, {
			resource: 'tag',
			operation: 'removeFromRecording',
			recordingId: byId(3),
			tagId: byId(1),
		});
		expect(again.error?.message).toContain('Tag not on this recording');
		expectNoTokenLeak(again);
	});

	test('bad tag ids are refused before any request', async () => {
		const result = await runSpeakr(speakr, {
			resource: 'tag',
			operation: 'addToRecording',
			recordingId: byId(3),
			tagId: byId('={{ "meetings" }}'),
		});
		expect(result.error?.message).toContain('Tag ID "meetings" is not valid');
		const extra = await runSpeakr(speakr, {
			resource: 'tag',
			operation: 'addToRecording',
			recordingId: byId(3),
			tagId: byId(1),
			moreTagIds: '2; 3',
		});
		expect(extra.error?.message).toContain('Tag ID "2; 3" is not valid');
		expect(speakr.stats.requests).toBe(0);
	});
});
