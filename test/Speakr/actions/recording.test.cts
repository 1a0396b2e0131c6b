import { readFileSync } from 'node:fs';
import path from 'node:path';

import { jsonOf } from '../../harness/engine.cjs';
import { SPEAKR_TOKEN, startFakeSpeakr, type FakeSpeakr } from '../../fakes/speakr.cjs';
import { byId, expectNoTokenLeak, fromList, requestLines, runSpeakr } from '../helpers.cjs';

const fixture = (name: string) =>
	JSON.parse(
		readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'speakr', name), 'utf8'),
	) as Record<string, unknown>;

let speakr: FakeSpeakr;
beforeAll(async () => {
	speakr = await startFakeSpeakr({ recordings: 12 });
});
afterAll(async () => await speakr.close());
beforeEach(() => {
	speakr.resetStats();
	speakr.clearFaults();
});

describe('Speakr → Recording → Get', () => {
	test('returns the detail simplified, asking only for the small content field', async () => {
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'get',
			recordingId: fromList(2),
		});
		expect(result.error).toBeUndefined();
		expect(requestLines(speakr)).toEqual(['GET /api/v1/recordings/2?include=notes']);
		const [recording] = jsonOf(result.items);
		expect(recording).toMatchObject({
			id: 2,
			title: 'Meeting 2',
			status: 'COMPLETED',
			participants: 'Alice B, Bob',
		});
		expect(recording).not.toHaveProperty('transcription');
		expect(recording).not.toHaveProperty('original_filename');
	});

	test('full detail of a recording whose job failed: the ERROR_JSON reason in `transcription` becomes error_message / error_details', async () => {
		const failed = speakr.state.recordings.find((r) => r.id === 4)!;
		const saved = { ...failed };
		failed.status = 'FAILED';
		failed.error_message = null;
		failed.transcription =
			'ERROR_JSON:{"t": "Transcription Failed", "m": "The transcription service returned an error.", "g": "Try again.", "i": "fa-exclamation-circle", "y": "unknown", "k": false, "d": "ASR request failed: 502"}';
		try {
			const result = await runSpeakr(speakr, {
				resource: 'recording',
				operation: 'get',
				recordingId: byId(4),
				simplify: false,
				options: { include: ['transcription'] },
			});
			expect(jsonOf(result.items)[0]).toMatchObject({
				status: 'FAILED',
				error_message:
					'Transcription Failed: The transcription service returned an error. (ASR request failed: 502)',
				error_details: {
					title: 'Transcription Failed',
					message: 'The transcription service returned an error.',
					guidance: 'Try again.',
					technical: 'ASR request failed: 502',
				},
				transcription: null,
			});
		} finally {
			Object.assign(failed, saved);
		}
	});

	test('full detail with the chosen content fields, shaped like the recorded fixture', async () => {
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'get',
			recordingId: byId(' 3 '),
			simplify: false,
			options: { include: ['transcription', 'summary'] },
		});
		expect(result.error).toBeUndefined();
		expect(requestLines(speakr)).toEqual([
			'GET /api/v1/recordings/3?include=transcription%2Csummary',
		]);
		const [recording] = jsonOf(result.items);
		expect(recording.transcription).toBe(fixture('recording.json').transcription);
		expect(recording).not.toHaveProperty('notes');
		const fixtureKeys = Object.keys(fixture('recording.json'))
			.filter((key) => key !== 'notes')
			.sort();
		expect(Object.keys(recording).sort()).toEqual(fixtureKeys);
	});

	test('404 from Speakr names the problem; Continue On Fail gives an error item with pairedItem', async () => {
		const failed = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'get',
			recordingId: byId(999),
		});
		expect(failed.error?.message).toContain('Speakr answered 404 Not Found: Recording not found');
		expectNoTokenLeak(failed);
		const continued = await runSpeakr(
			speakr,
			{ resource: 'recording', operation: 'get', recordingId: byId(999) },
			{ continueOnFail: true },
		);
		expect(continued.error).toBeUndefined();
		expect(continued.items).toHaveLength(1);
		expect(continued.items[0].json.error).toContain('Recording not found');
		expect(continued.items[0].pairedItem).toEqual({ item: 0 });
		expectNoTokenLeak(continued);
	});

	test.each([
		['={{ "" }}', 'Recording ID is empty'],
		['={{ "abc" }}', 'Recording ID "abc" is not valid'],
		['={{ "3/../../users" }}', 'is not valid'],
		['={{ 0 }}', 'is not valid'],
	])('bad id mapped in as %s is refused before any request', async (value, message) => {
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'get',
			recordingId: byId(value),
		});
		expect(result.error?.message).toContain(message);
		expect(speakr.stats.requests).toBe(0);
	});

	test('a typed non-numeric ID is a node issue: n8n does not even start the run', async () => {
		await expect(
			runSpeakr(speakr, { resource: 'recording', operation: 'get', recordingId: byId('abc') }),
		).rejects.toThrow('Not a valid Recording ID: expected a positive whole number such as 42');
		expect(speakr.stats.requests).toBe(0);
	});

	test('a bad token (302 → /login) becomes a clear auth error without leaking the token', async () => {
		const result = await runSpeakr(
			speakr,
			{ resource: 'recording', operation: 'get', recordingId: byId(3) },
			{ credentials: { apiToken: 'wrong-token-123456' } },
		);
		expect(result.error?.message).toContain('Speakr rejected the API token');
		expect(result.serialized).not.toContain('wrong-token-123456');
	});
});

describe('Speakr → Recording → Get Transcript', () => {
	test('JSON segments by default, equal to the recorded fixture', async () => {
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'getTranscript',
			recordingId: byId(3),
		});
		expect(result.error).toBeUndefined();
		expect(requestLines(speakr)).toEqual(['GET /api/v1/recordings/3/transcript?format=json']);
		expect(jsonOf(result.items)).toEqual([{ recording_id: 3, ...fixture('transcript-json.json') }]);
	});

	test('JSON split into one item per segment, each paired to its input item', async () => {
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'getTranscript',
			recordingId: byId(3),
			splitSegments: true,
		});
		expect(jsonOf(result.items)).toEqual([
			{
				recording_id: 3,
				index: 0,
				speaker: 'SPEAKER_00',
				sentence: 'Hello there.',
				start_time: 0,
				end_time: 1.2,
			},
			{
				recording_id: 3,
				index: 1,
				speaker: 'SPEAKER_01',
				sentence: 'Hi, how are you?',
				start_time: 1.3,
				end_time: 2.9,
			},
		]);
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(
			true,
		);
	});

	test.each(['text', 'srt', 'vtt'])('%s content equals the recorded fixture', async (format) => {
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'getTranscript',
			recordingId: byId(3),
			format,
		});
		expect(result.error).toBeUndefined();
		expect(requestLines(speakr)).toEqual([`GET /api/v1/recordings/3/transcript?format=${format}`]);
		expect(result.items[0].json).toEqual({
			recording_id: 3,
			format,
			content: fixture(`transcript-${format}.json`).content,
		});
		expect(result.items[0].binary).toBeUndefined();
	});

	test.each([
		['srt', 'recording-3-transcript.srt', 'application/x-subrip'],
		['vtt', 'recording-3-transcript.vtt', 'text/vtt'],
		['text', 'recording-3-transcript.txt', 'text/plain'],
	])('%s as a binary file', async (format, fileName, mimeType) => {
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'getTranscript',
			recordingId: byId(3),
			format,
			asFile: true,
			binaryPropertyName: 'subtitles',
		});
		expect(result.error).toBeUndefined();
		const file = result.items[0].binary?.subtitles;
		expect(file).toMatchObject({ fileName, mimeType });
		expect(Buffer.from(String(file?.data), 'base64').toString('utf8')).toBe(
			fixture(`transcript-${format}.json`).content,
		);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test("no transcription yet: Speakr's 404 message is shown", async () => {
		// Recording 5 is PENDING in the fake's data set; make sure it has no transcript.
		speakr.state.recordings.find((r) => r.id === 5)!.transcription = null;
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'getTranscript',
			recordingId: byId(5),
			format: 'srt',
		});
		expect(result.error?.message).toContain('No transcription available');
	});
});

describe('Speakr → Recording → Get Summary', () => {
	test('Markdown, and plain text on request', async () => {
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'getSummary',
			recordingId: byId(7),
			plainText: true,
		});
		expect(result.error).toBeUndefined();
		expect(requestLines(speakr)).toEqual(['GET /api/v1/recordings/7/summary']);
		expect(result.items[0].json).toEqual({
			recording_id: 7,
			has_summary: true,
			summary: '## Summary\n\nSummary of meeting 7.',
			summary_text: 'Summary\n\nSummary of meeting 7.',
		});
	});

	test('fixture summary converts to readable text', async () => {
		const recording = speakr.state.recordings.find((r) => r.id === 2)!;
		recording.summary =
			String(fixture('summary.json').summary) + '\n\n**Owner:** _Alice_ see [doc](https://x.test)';
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'getSummary',
			recordingId: byId(2),
			plainText: true,
		});
		expect(result.items[0].json.summary_text).toBe(
			'Summary\n\nA short canned summary.\n\n- point one\n- point two\n\nOwner: Alice see doc',
		);
	});

	test('a failed summary is flagged', async () => {
		speakr.state.recordings.find((r) => r.id === 4)!.summary =
			'[Summary generation failed: LLM unavailable]';
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'getSummary',
			recordingId: byId(4),
		});
		expect(result.items[0].json).toMatchObject({ summary_failed: true, has_summary: true });
	});
});

describe('Speakr → Recording → Get Status', () => {
	test('returns the status answer as is', async () => {
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'getStatus',
			recordingId: byId(5),
		});
		expect(requestLines(speakr)).toEqual(['GET /api/v1/recordings/5/status']);
		expect(result.items[0].json).toEqual({
			id: 5,
			status: 'PROCESSING',
			queue_position: 1,
			error_message: null,
			completed_at: null,
		});
	});
});

describe('Speakr → Recording → Update', () => {
	test("sends only the chosen fields with Speakr's names", async () => {
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'update',
			recordingId: byId(7),
			updateFields: {
				title: 'Weekly sync',
				participants: 'Ann, Ben',
				isHighlighted: true,
				isInbox: false,
				meetingDate: '2026-03-02T09:30:00',
				folderId: '2',
			},
		});
		expect(result.error).toBeUndefined();
		expect(speakr.stats.log.map((e) => `${e.method} ${e.path}`)).toEqual([
			'PATCH /api/v1/recordings/7',
		]);
		expect(result.items[0].json).toEqual({
			id: 7,
			title: 'Weekly sync',
			participants: 'Ann, Ben',
			notes: '# Notes\nhello',
			summary: '## Summary\n\nSummary of meeting 7.',
			meeting_date: '2026-03-02T09:30:00',
			is_inbox: false,
			is_highlighted: true,
			folder_id: 2,
		});
		const stored = speakr.state.recordings.find((r) => r.id === 7)!;
		expect(stored.folder).toEqual({ id: 2, name: 'Customers' });
	});

	test('a date with an offset is sent in UTC without zone; "none" clears the folder', async () => {
		await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'update',
			recordingId: byId(8),
			updateFields: { meetingDate: '2026-03-02T09:30:00+02:00', folderId: 'none' },
		});
		const stored = speakr.state.recordings.find((r) => r.id === 8)!;
		expect(stored.meeting_date).toBe('2026-03-02T07:30:00');
		expect(stored.folder_id).toBeNull();
	});

	test("unknown folder: Speakr's 404 message", async () => {
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'update',
			recordingId: byId(8),
			updateFields: { folderId: '77' },
		});
		expect(result.error?.message).toContain('Folder 77 not found');
	});

	test.each([
		[{}, 'Nothing to update'],
		[{ meetingDate: 'next tuesday' }, 'Meeting Date "next tuesday" is not a valid date'],
		[{ folderId: 'work' }, 'Folder ID "work" is not valid'],
	])('bad input %j is refused before any request', async (updateFields, message) => {
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'update',
			recordingId: byId(8),
			updateFields,
		});
		expect(result.error?.message).toContain(message);
		expect(speakr.stats.requests).toBe(0);
	});
});

describe('Speakr → Recording → Delete', () => {
	test('returns { deleted: true }', async () => {
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'delete',
			recordingId: byId(12),
		});
		expect(result.error).toBeUndefined();
		expect(requestLines(speakr)).toEqual(['DELETE /api/v1/recordings/12']);
		expect(jsonOf(result.items)).toEqual([{ deleted: true }]);
		expect(speakr.state.recordings.some((r) => r.id === 12)).toBe(false);
	});

	test("deletion disabled by the admin: 403 with Speakr's words and the hint", async () => {
		speakr.state.usersCanDelete = false;
		try {
			const result = await runSpeakr(
				speakr,
				{ resource: 'recording', operation: 'delete', recordingId: byId(11) },
				{ continueOnFail: true },
			);
			expect(result.items[0].json.error).toContain(
				'Speakr answered 403 Forbidden: Deletion not allowed',
			);
			expect(result.items[0].pairedItem).toEqual({ item: 0 });
		} finally {
			speakr.state.usersCanDelete = true;
		}
	});

	test('several items: each deleted once, errors stay with their item', async () => {
		const result = await runSpeakr(
			speakr,
			{ resource: 'recording', operation: 'delete', recordingId: byId('={{ $json.id }}') },
			{
				input: [{ json: { id: 10 } }, { json: { id: 404 } }, { json: { id: 9 } }],
				continueOnFail: true,
			},
		);
		expect(jsonOf(result.items)).toEqual([
			{ deleted: true },
			expect.objectContaining({ error: expect.stringContaining('Recording not found') }),
			{ deleted: true },
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
	});
});

describe('Speakr → the ?token= scheme (issue 13 item 13)', () => {
	test('reads work; a change is refused before any request, per item, naming the header schemes', async () => {
		const read = await runSpeakr(
			speakr,
			{ resource: 'recording', operation: 'get', recordingId: byId(2) },
			{ credentials: { authScheme: 'query' } },
		);
		expect(read.error).toBeUndefined();
		expect(read.items[0].json).toMatchObject({ id: 2 });
		speakr.resetStats();
		const write = await runSpeakr(
			speakr,
			{ resource: 'recording', operation: 'summarize', recordingId: byId(2) },
			{ credentials: { authScheme: 'query' }, continueOnFail: true },
		);
		expect(speakr.stats.requests).toBe(0);
		expect(write.items[0].json.error).toBe(
			'Speakr refuses changes (POST) when the token is sent as the ?token= query parameter (Speakr accepts it for reads only), so nothing was sent [item 0]',
		);
		expect(write.items[0].pairedItem).toEqual({ item: 0 });
		expectNoTokenLeak(write);
	});

	test("the fake is as strict as Speakr: a ?token= write is answered 400 'The CSRF token is missing.'", async () => {
		const response = await fetch(
			`${speakr.url}/api/v1/recordings/2/summarize?token=${SPEAKR_TOKEN}`,
			{ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' },
		);
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('The CSRF token is missing.');
	});

	test('a wrong header token on a change: Speakr answers with its CSRF check, and the message says what it means', async () => {
		const result = await runSpeakr(
			speakr,
			{ resource: 'recording', operation: 'summarize', recordingId: byId(2) },
			{ credentials: { apiToken: 'revoked-token-000' } },
		);
		expect(result.error?.message).toMatch(
			/^Speakr answered 400 Bad Request: The CSRF token is missing\. \(Speakr accepts a change only with a valid API token in a header/,
		);
		expect(result.serialized).not.toContain('revoked-token-000');
	});
});

describe('Speakr → Recording → Re-transcribe / Re-summarize', () => {
	test("re-transcribe sends the options with Speakr's names", async () => {
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'transcribe',
			recordingId: byId(2),
			options: { language: 'de', minSpeakers: 2, maxSpeakers: 3, hotwords: 'Speakr, n8n' },
		});
		expect(result.error).toBeUndefined();
		expect(requestLines(speakr)).toEqual(['POST /api/v1/recordings/2/transcribe']);
		expect(result.items[0].json).toEqual({
			recording_id: 2,
			job_id: expect.any(Number),
			status: 'QUEUED',
			message: 'Transcription queued',
		});
	});

	test('re-transcribe refuses max < min speakers before any request', async () => {
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'transcribe',
			recordingId: byId(2),
			options: { minSpeakers: 4, maxSpeakers: 2 },
		});
		expect(result.error?.message).toContain('Max Speakers (2) is smaller than Min Speakers (4)');
		expect(speakr.stats.requests).toBe(0);
	});

	test.each([
		['re-summarize without a custom prompt', { operation: 'summarize' }],
		['re-transcribe without options', { operation: 'transcribe', options: {} }],
	])(
		'%s sends {} as JSON: Speakr reads the body with get_json() and refuses a POST without one',
		async (_label, parameters) => {
			const result = await runSpeakr(speakr, {
				resource: 'recording',
				recordingId: byId(2),
				...parameters,
			});
			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toMatchObject({ recording_id: 2, status: 'QUEUED' });
			const [sent] = speakr.stats.log;
			expect(String(sent.headers['content-type'])).toMatch(/^application\/json/);
			expect(sent.headers['content-length']).toBe('2');
		},
	);

	test("re-summarize with a custom prompt; without transcript Speakr's 400 is shown", async () => {
		const ok = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'summarize',
			recordingId: byId(2),
			customPrompt: 'List action items',
		});
		expect(ok.items[0].json).toMatchObject({
			recording_id: 2,
			status: 'QUEUED',
			message: 'Summarization queued',
		});
		speakr.state.recordings.find((r) => r.id === 1)!.transcription = null;
		const failed = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'summarize',
			recordingId: byId(1),
		});
		expect(failed.error?.message).toContain('No transcription available - transcribe first');
	});
});
