import { startFakeSpeakr, type FakeSpeakr } from '../../../fakes/speakr.cjs';
import { byId, requestLines, runSpeakr } from '../../helpers.cjs';

let speakr: FakeSpeakr;
beforeAll(async () => {
	speakr = await startFakeSpeakr({ recordings: 4 });
});
afterAll(async () => await speakr.close());
beforeEach(() => speakr.resetStats());

const recording = (id: number) => speakr.state.recordings.find((r) => r.id === id)!;

describe('Speakr → Recording → Set Notes / Set Summary', () => {
	test('Set Summary replaces the summary with PUT (no recording.updated webhook) and returns it as saved', async () => {
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'setSummary',
			recordingId: byId(1),
			summary: '## Decisions\n\n- ship on Friday',
		});
		expect(result.error).toBeUndefined();
		expect(requestLines(speakr)).toEqual(['PUT /api/v1/recordings/1/summary']);
		expect(result.items[0].json).toEqual({
			recording_id: 1,
			summary: '## Decisions\n\n- ship on Friday',
		});
		expect(recording(1).summary).toBe('## Decisions\n\n- ship on Friday');
	});

	test('Set Notes appends after the existing notes (read first), separated by a blank line', async () => {
		recording(2).notes = '# Notes\nhello\n\n';
		const result = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'setNotes',
			recordingId: byId(2),
			notes: '## Action items\n- Alice: send the contract',
			mode: 'append',
		});
		expect(result.error).toBeUndefined();
		expect(requestLines(speakr)).toEqual([
			'GET /api/v1/recordings/2/notes',
			'PUT /api/v1/recordings/2/notes',
		]);
		expect(recording(2).notes).toBe(
			'# Notes\nhello\n\n## Action items\n- Alice: send the contract',
		);
		expect(result.items[0].json).toEqual({ recording_id: 2, notes: recording(2).notes });
	});

	test('appending to empty notes writes just the text; an empty replace clears them', async () => {
		recording(3).notes = null;
		await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'setNotes',
			recordingId: byId(3),
			notes: 'first',
			mode: 'append',
		});
		expect(recording(3).notes).toBe('first');
		await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'setNotes',
			recordingId: byId(3),
			notes: '',
		});
		expect(recording(3).notes).toBe('');
	});

	test('the body is JSON: without it Speakr answers with an HTML error page (400), which the node never sends', async () => {
		const response = await fetch(`${speakr.url}/api/v1/recordings/1/notes`, {
			method: 'PUT',
			headers: { Authorization: 'Bearer spk_good_token_7Gx2' },
			body: 'notes=x',
		});
		expect(response.status).toBe(400);
		const noField = await fetch(`${speakr.url}/api/v1/recordings/1/notes`, {
			method: 'PUT',
			headers: { Authorization: 'Bearer spk_good_token_7Gx2', 'Content-Type': 'application/json' },
			body: '{}',
		});
		expect(await noField.json()).toEqual({ error: 'notes field required' });
	});

	test('unknown recording: the 404 names it', async () => {
		const unknown = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'setSummary',
			recordingId: byId(404),
			summary: 'x',
		});
		expect(unknown.error?.message).toBe(
			'Speakr answered 404 Not Found: Recording not found [item 0]',
		);
	});
});
