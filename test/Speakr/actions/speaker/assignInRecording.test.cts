import { startFakeSpeakr, type FakeSpeakr } from '../../../fakes/speakr.cjs';
import { byId, requestLines, runSpeakr } from '../../helpers.cjs';

let speakr: FakeSpeakr;
beforeEach(async () => {
	speakr = await startFakeSpeakr({ recordings: 3 });
});
afterEach(async () => await speakr.close());

const assign = (parameters: Record<string, unknown>) =>
	runSpeakr(speakr, {
		resource: 'speaker',
		operation: 'assignInRecording',
		recordingId: byId(1),
		...parameters,
	});
const speakersOf = (id: number) =>
	(
		JSON.parse(speakr.state.recordings.find((r) => r.id === id)!.transcription!) as Array<{
			speaker: string;
		}>
	).map((segment) => segment.speaker);

describe('Speakr → Speaker → Assign in Recording', () => {
	test('names the labels (fields), checks them against the recording first, and returns the participants', async () => {
		const result = await assign({
			speakers: {
				speaker: [
					{ label: 'SPEAKER_00', name: 'Alice', isMe: false },
					{ label: 'SPEAKER_01', name: '', isMe: true },
				],
			},
			regenerateSummary: true,
		});
		expect(result.error).toBeUndefined();
		expect(requestLines(speakr)).toEqual([
			'GET /api/v1/recordings/1/speakers',
			'PUT /api/v1/recordings/1/speakers/assign',
		]);
		expect(speakersOf(1)).toEqual(['Alice', 'Alice']);
		expect(result.items[0].json).toEqual({
			recording_id: 1,
			participants: 'Alice',
			status: 'COMPLETED',
			summary_queued: true,
			embeddings_updated: 0,
			snippets_created: 0,
		});
	});

	test('JSON map, e.g. from Identify in Recording: empty names are skipped', async () => {
		const result = await assign({
			inputMode: 'json',
			speakerMap: JSON.stringify({ SPEAKER_00: 'Carol', SPEAKER_01: '' }),
		});
		expect(result.error).toBeUndefined();
		expect(speakersOf(1)).toEqual(['Carol', 'SPEAKER_01']);
	});

	test('a label the recording does not have is refused (Speakr would answer success and change nothing)', async () => {
		const result = await assign({ inputMode: 'json', speakerMap: '{"SPEAKER_07": "Dan"}' });
		expect(result.error?.message).toBe('Recording 1 has no speaker "SPEAKER_07" [item 0]');
		expect(result.error?.description).toBe('Its speakers are: SPEAKER_00, SPEAKER_01.');
		expect(requestLines(speakr)).toEqual(['GET /api/v1/recordings/1/speakers']);
	});

	test.each([
		[{ speakers: {} }, /No speaker to assign/],
		[
			{ speakers: { speaker: [{ label: 'SPEAKER_00', name: ' ' }] } },
			/The name for "SPEAKER_00" is empty/,
		],
		[
			{
				speakers: {
					speaker: [
						{ label: 'SPEAKER_00', name: 'A' },
						{ label: 'SPEAKER_00', name: 'B' },
					],
				},
			},
			/"SPEAKER_00" is assigned twice/,
		],
		[{ inputMode: 'json', speakerMap: '["Alice"]' }, /must be a JSON object of label → name/],
		[{ inputMode: 'json', speakerMap: '{"SPEAKER_00": 3}' }, /must be a name or/],
	])('bad input is refused before any request: %j', async (parameters, message) => {
		const result = await assign(parameters);
		expect(result.error?.message).toMatch(message);
		expect(speakr.stats.requests).toBe(0);
	});
});
