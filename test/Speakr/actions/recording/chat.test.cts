import { startFakeSpeakr, type FakeSpeakr } from '../../../fakes/speakr.cjs';
import { byId, expectNoTokenLeak, requestLines, runSpeakr } from '../../helpers.cjs';

let speakr: FakeSpeakr;
beforeAll(async () => {
	speakr = await startFakeSpeakr({ recordings: 6 });
});
afterAll(async () => await speakr.close());
beforeEach(() => {
	speakr.resetStats();
	speakr.state.llmConfigured = true;
});

const ask = (parameters: Record<string, unknown>) =>
	runSpeakr(speakr, {
		resource: 'recording',
		operation: 'chat',
		recordingId: byId(1),
		...parameters,
	});

describe('Speakr → Recording → Ask Question', () => {
	test('posts the question with the earlier turns and returns the answer', async () => {
		const result = await ask({
			message: 'What was decided?',
			options: {
				conversationHistory: JSON.stringify([
					{ role: 'user', content: 'Who spoke?' },
					{ role: 'assistant', content: 'Alice and Bob' },
				]),
			},
		});
		expect(result.error).toBeUndefined();
		expect(requestLines(speakr)).toEqual(['POST /api/v1/recordings/1/chat']);
		expect(result.items[0].json).toEqual({
			recording_id: 1,
			question: 'What was decided?',
			answer: 'Answer about "Meeting 1" to: What was decided? (after 2 earlier turns)',
			sources: [],
		});
		expectNoTokenLeak(result);
	});

	test.each([
		[{ message: '   ' }, /Question is empty \[item 0\]/],
		[
			{ message: 'q', options: { conversationHistory: '{not json' } },
			/Conversation History is not valid JSON/,
		],
		[{ message: 'q', options: { conversationHistory: '{"role":"user"}' } }, /must be a JSON array/],
		[
			{ message: 'q', options: { conversationHistory: '[{"role":"system","content":"x"}]' } },
			/turn 1 needs a role \("user" or "assistant"\)/,
		],
	])('bad input is refused before any request: %j', async (parameters, message) => {
		const result = await ask(parameters);
		expect(result.error?.message).toMatch(message);
		expect(speakr.stats.requests).toBe(0);
	});

	test("Speakr's own refusals: no transcript yet (400) and no chat model configured (503, not retried)", async () => {
		speakr.state.recordings.find((r) => r.id === 4)!.transcription = null;
		const noTranscript = await ask({ recordingId: byId(4), message: 'Anything?' });
		expect(noTranscript.error?.message).toBe(
			'Speakr answered 400 Bad Request: No transcription available [item 0]',
		);
		speakr.state.llmConfigured = false;
		speakr.resetStats();
		const noModel = await runSpeakr(speakr, {
			resource: 'recording',
			operation: 'chat',
			recordingId: byId(1),
			message: 'Anything?',
			requestOptions: { maxRetries: 3 },
		});
		expect(noModel.error?.message).toBe(
			'Speakr answered 503 Service Unavailable: Chat service not available [item 0]',
		);
		// A POST that the server may have acted on is not repeated on 503.
		expect(speakr.stats.requests).toBe(1);
	});
});
