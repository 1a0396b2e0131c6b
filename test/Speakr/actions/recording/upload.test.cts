import type { INodeExecutionData } from 'n8n-workflow';

import { startFakeSpeakr, type FakeSpeakr } from '../../../fakes/speakr.cjs';
import { expectNoTokenLeak, requestLines, runSpeakr } from '../../helpers.cjs';

/** A real (tiny) PCM WAV file: 0.25 s of a 440 Hz tone, 8 kHz mono 16-bit. */
function toneWav(seconds = 0.25): Buffer {
	const rate = 8000;
	const samples = Math.round(rate * seconds);
	const buffer = Buffer.alloc(44 + samples * 2);
	buffer.write('RIFF', 0);
	buffer.writeUInt32LE(36 + samples * 2, 4);
	buffer.write('WAVEfmt ', 8);
	buffer.writeUInt32LE(16, 16);
	buffer.writeUInt16LE(1, 20);
	buffer.writeUInt16LE(1, 22);
	buffer.writeUInt32LE(rate, 24);
	buffer.writeUInt32LE(rate * 2, 28);
	buffer.writeUInt16LE(2, 32);
	buffer.writeUInt16LE(16, 34);
	buffer.write('data', 36);
	buffer.writeUInt32LE(samples * 2, 40);
	for (let i = 0; i < samples; i++)
		buffer.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
	return buffer;
}

const wav = toneWav();
const audioItem = (property = 'data'): INodeExecutionData[] => [
	{
		json: {},
		binary: {
			[property]: {
				data: wav.toString('base64'),
				mimeType: 'audio/wav',
				fileName: 'tone.wav',
				fileExtension: 'wav',
			},
		},
	},
];

let speakr: FakeSpeakr;
beforeAll(async () => {
	speakr = await startFakeSpeakr({ recordings: 3 });
});
afterAll(async () => await speakr.close());
beforeEach(() => {
	speakr.resetStats();
	speakr.state.uploads = [];
	speakr.state.uploadLifecycle = ['PENDING', 'QUEUED', 'PROCESSING', 'SUMMARIZING', 'COMPLETED'];
	speakr.state.uploadOutcome = 'completed';
	speakr.state.maxUploadMb = 300;
});

describe('Speakr → Recording → Upload', () => {
	test('sends a real multipart body with the file and the metadata fields; returns the 202 recording', async () => {
		const result = await runSpeakr(
			speakr,
			{
				resource: 'recording',
				operation: 'upload',
				binaryPropertyName: 'data',
				additionalFields: {
					title: 'Standup',
					notes: '# Agenda',
					meetingDate: '2026-02-03T09:15:00',
					language: 'en',
					minSpeakers: 2,
					maxSpeakers: 4,
					hotwords: 'Speakr, n8n',
					tagIds: '1, 2',
					folderId: '1',
					keepAudioOnly: true,
					promptVariables: '{"client":"ACME"}',
				},
			},
			{ input: audioItem() },
		);
		expect(result.error).toBeUndefined();
		expect(requestLines(speakr)).toEqual(['POST /api/v1/recordings/upload']);
		const [upload] = speakr.state.uploads;
		expect(upload.contentType).toMatch(/^multipart\/form-data; boundary=/);
		const file = upload.parts.find((part) => part.name === 'file')!;
		expect(file).toMatchObject({ filename: 'tone.wav', contentType: 'audio/wav' });
		expect(file.data.equals(wav)).toBe(true);
		const fields = Object.fromEntries(
			upload.parts
				.filter((part) => part.filename === undefined)
				.map((part) => [part.name, part.data.toString('utf8')]),
		);
		expect(fields).toEqual({
			title: 'Standup',
			notes: '# Agenda',
			meeting_date: '2026-02-03T09:15:00',
			language: 'en',
			min_speakers: '2',
			max_speakers: '4',
			hotwords: 'Speakr, n8n',
			prompt_variables: '{"client":"ACME"}',
			folder_id: '1',
			'tag_ids[0]': '1',
			'tag_ids[1]': '2',
			keep_audio_only: 'true',
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			id: 4,
			title: 'Standup',
			status: 'PENDING',
			folder: { id: 1, name: 'Work' },
		});
		expect(result.items[0].json.tags).toEqual([
			{ id: 1, name: 'meetings', color: '#00ff00' },
			{ id: 2, name: 'viaheader', color: '#3B82F6' },
		]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('participants are set with a PATCH right after the upload', async () => {
		const result = await runSpeakr(
			speakr,
			{
				resource: 'recording',
				operation: 'upload',
				additionalFields: { participants: 'Ann, Ben' },
				simplify: false,
			},
			{ input: audioItem() },
		);
		expect(result.error).toBeUndefined();
		const id = result.items[0].json.id as number;
		expect(requestLines(speakr)).toEqual([
			'POST /api/v1/recordings/upload',
			`PATCH /api/v1/recordings/${id}`,
		]);
		expect(result.items[0].json).toMatchObject({
			participants: 'Ann, Ben',
			status: 'PENDING',
			user_id: 1,
		});
	});

	test('Wait for Completion polls /status through the lifecycle and returns the finished recording', async () => {
		const result = await runSpeakr(
			speakr,
			{
				resource: 'recording',
				operation: 'upload',
				waitForCompletion: true,
				pollIntervalSeconds: 1,
				maxWaitSeconds: 60,
			},
			{ input: audioItem() },
		);
		expect(result.error).toBeUndefined();
		const id = result.items[0].json.id as number;
		expect(requestLines(speakr)).toEqual([
			'POST /api/v1/recordings/upload',
			...Array(4).fill(`GET /api/v1/recordings/${id}/status`),
			`GET /api/v1/recordings/${id}`,
		]);
		expect(result.items[0].json).toMatchObject({
			id,
			status: 'COMPLETED',
			processing_outcome: 'completed',
			transcription: '[SPEAKER_00]: Hello there.\n[SPEAKER_01]: Hi, how are you?',
			summary: expect.stringContaining('canned summary'),
		});
	}, 20_000);

	test('FAILED with a failed summary is reported as summary_failed (transcript usable)', async () => {
		speakr.state.uploadLifecycle = ['PENDING', 'FAILED'];
		speakr.state.uploadOutcome = 'summary_failed';
		const result = await runSpeakr(
			speakr,
			{
				resource: 'recording',
				operation: 'upload',
				waitForCompletion: true,
				pollIntervalSeconds: 1,
			},
			{ input: audioItem() },
		);
		expect(result.items[0].json).toMatchObject({
			status: 'FAILED',
			processing_outcome: 'summary_failed',
			error_message: null,
		});
	});

	test('a failed transcription is reported as failed, with the reason Speakr stored as ERROR_JSON in the transcription', async () => {
		speakr.state.uploadLifecycle = ['PENDING', 'FAILED'];
		speakr.state.uploadOutcome = 'failed';
		const result = await runSpeakr(
			speakr,
			{
				resource: 'recording',
				operation: 'upload',
				waitForCompletion: true,
				pollIntervalSeconds: 1,
			},
			{ input: audioItem() },
		);
		expect(result.items[0].json).toMatchObject({
			status: 'FAILED',
			processing_outcome: 'failed',
			error_message:
				'Transcription Failed: The transcription service returned an error. (ASR request failed: 502 Bad Gateway)',
			error_details: {
				title: 'Transcription Failed',
				message: 'The transcription service returned an error.',
				guidance:
					'If this error persists, try reprocessing the recording or contact support for assistance.',
				technical: 'ASR request failed: 502 Bad Gateway',
			},
			transcription: null,
		});
	});

	test('the wait is bounded: still processing at Max Wait returns timed_out instead of blocking', async () => {
		speakr.state.uploadOutcome = 'never';
		const started = Date.now();
		const result = await runSpeakr(
			speakr,
			{
				resource: 'recording',
				operation: 'upload',
				waitForCompletion: true,
				pollIntervalSeconds: 1,
				maxWaitSeconds: 2,
			},
			{ input: audioItem() },
		);
		const elapsed = Date.now() - started;
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			status: 'PENDING',
			processing_outcome: 'timed_out',
		});
		// It waited Max Wait, then stopped: at most one poll per interval, and no blocking (the test's ceiling).
		expect(elapsed).toBeGreaterThanOrEqual(2000);
		const polls = speakr.stats.byRoute['GET /api/v1/recordings/:id/status'];
		expect(polls).toBeGreaterThanOrEqual(1);
		expect(polls).toBeLessThanOrEqual(3);
	}, 60_000);

	test("413 too large: Speakr's limit is shown; Continue On Fail keeps the item", async () => {
		speakr.state.maxUploadMb = 0.001;
		const failed = await runSpeakr(
			speakr,
			{ resource: 'recording', operation: 'upload' },
			{ input: audioItem() },
		);
		expect(failed.error?.message).toContain(
			'Speakr answered 413 Payload Too Large: File too large',
		);
		expect(failed.error?.description).toContain('larger than the server allows');
		expectNoTokenLeak(failed);
		const continued = await runSpeakr(
			speakr,
			{ resource: 'recording', operation: 'upload' },
			{ input: audioItem(), continueOnFail: true },
		);
		expect(continued.items[0].json.error).toContain('413');
		expect(continued.items[0].pairedItem).toEqual({ item: 0 });
	});

	test.each([
		[{ binaryPropertyName: 'audio' }, audioItem(), 'audio'],
		[{ additionalFields: { tagIds: '1, x' } }, audioItem(), 'Tag ID "x" is not valid'],
		[{ additionalFields: { folderId: 'Work' } }, audioItem(), 'Folder ID "Work" is not valid'],
		[
			{ additionalFields: { minSpeakers: 5, maxSpeakers: 2 } },
			audioItem(),
			'Max Speakers (2) is smaller than Min Speakers (5)',
		],
		[
			{ additionalFields: { promptVariables: '[1,2]' } },
			audioItem(),
			'Prompt Variables must be a JSON object',
		],
		[
			{ additionalFields: { meetingDate: 'soon' } },
			audioItem(),
			'Meeting Date "soon" is not a valid date',
		],
	])('bad input %j is refused before any request', async (parameters, input, message) => {
		const result = await runSpeakr(
			speakr,
			{ resource: 'recording', operation: 'upload', ...parameters },
			{ input },
		);
		expect(result.error?.message).toContain(message);
		expect(speakr.stats.requests).toBe(0);
	});
});
