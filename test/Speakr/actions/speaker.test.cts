import { jsonOf } from '../../harness/engine.cjs';
import { startFakeSpeakr, type FakeSpeakr } from '../../fakes/speakr.cjs';
import { byId, requestLines, runSpeakr } from '../helpers.cjs';

let speakr: FakeSpeakr;
beforeAll(async () => {
	speakr = await startFakeSpeakr({ recordings: 130 });
});
afterAll(async () => await speakr.close());
beforeEach(() => {
	speakr.resetStats();
	speakr.state.foldersEnabled = true;
});

describe('Speakr → Speaker', () => {
	test('Get Many lists saved speakers', async () => {
		const result = await runSpeakr(speakr, {
			resource: 'speaker',
			operation: 'getAll',
			returnAll: true,
		});
		expect(requestLines(speakr)).toEqual(['GET /api/v1/speakers']);
		expect(jsonOf(result.items).map((s) => s.name)).toEqual(['Alice', 'Bob']);
	});

	test('Get Many for Recording gives one item per label with its suggestions', async () => {
		const result = await runSpeakr(speakr, {
			resource: 'speaker',
			operation: 'getForRecording',
			recordingId: byId(2),
		});
		expect(requestLines(speakr)).toEqual(['GET /api/v1/recordings/2/speakers']);
		expect(jsonOf(result.items)).toEqual([
			{
				recording_id: 2,
				label: 'SPEAKER_00',
				identified_name: null,
				speaker_id: null,
				segment_count: 1,
				suggestions: [{ speaker_id: 1, name: 'Alice', similarity: 0.91 }],
			},
			{
				recording_id: 2,
				label: 'SPEAKER_01',
				identified_name: null,
				speaker_id: null,
				segment_count: 1,
				suggestions: [],
			},
		]);
	});
});
