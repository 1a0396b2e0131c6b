import { startFakeSpeakr, type FakeSpeakr } from '../../../fakes/speakr.cjs';
import { byId, runSpeakr } from '../../helpers.cjs';

let speakr: FakeSpeakr;
beforeEach(async () => {
	speakr = await startFakeSpeakr({ recordings: 3 });
});
afterEach(async () => await speakr.close());

const speakersOf = (id: number) =>
	(
		JSON.parse(speakr.state.recordings.find((r) => r.id === id)!.transcription!) as Array<{
			speaker: string;
		}>
	).map((segment) => segment.speaker);

describe('Speakr → Speaker → Identify in Recording', () => {
	test("returns the AI's suggestions without changing the recording (POST with a JSON body)", async () => {
		const result = await runSpeakr(speakr, {
			resource: 'speaker',
			operation: 'identifyInRecording',
			recordingId: byId(2),
		});
		expect(result.error).toBeUndefined();
		expect(speakr.stats.log[0].headers['content-type']).toMatch(/application\/json/);
		expect(result.items[0].json).toEqual({
			recording_id: 2,
			speaker_map: { SPEAKER_00: 'Alice', SPEAKER_01: '' },
		});
		expect(speakersOf(2)).toEqual(['SPEAKER_00', 'SPEAKER_01']);
	});

	test("no language model configured: Speakr's 503", async () => {
		speakr.state.llmConfigured = false;
		const result = await runSpeakr(speakr, {
			resource: 'speaker',
			operation: 'identifyInRecording',
			recordingId: byId(2),
		});
		expect(result.error?.message).toBe(
			'Speakr answered 503 Service Unavailable: No LLM provider configured [item 0]',
		);
	});
});
