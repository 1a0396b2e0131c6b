import { startFakeSpeakr, type FakeSpeakr } from '../../../fakes/speakr.cjs';
import { requestLines, runSpeakr } from '../../helpers.cjs';

let speakr: FakeSpeakr;
beforeEach(async () => {
	speakr = await startFakeSpeakr({ recordings: 3 });
});
afterEach(async () => await speakr.close());

describe('Speakr → Tag → Create', () => {
	test('Create posts the mapped fields and returns the new tag (201)', async () => {
		const result = await runSpeakr(speakr, {
			resource: 'tag',
			operation: 'create',
			name: ' Customer calls ',
			additionalFields: {
				color: '#FF0000',
				customPrompt: 'List the customer asks',
				defaultMinSpeakers: 2,
				defaultMaxSpeakers: 3,
				protectFromDeletion: true,
			},
		});
		expect(result.error).toBeUndefined();
		expect(requestLines(speakr)).toEqual(['POST /api/v1/tags']);
		expect(result.items[0].json).toEqual({
			id: 3,
			name: 'Customer calls',
			color: '#FF0000',
			is_group_tag: false,
			group_id: null,
			custom_prompt: 'List the customer asks',
			default_language: null,
			default_min_speakers: 2,
			default_max_speakers: 3,
			protect_from_deletion: true,
		});
	});

	test("a duplicate name is Speakr's 400", async () => {
		const result = await runSpeakr(speakr, {
			resource: 'tag',
			operation: 'create',
			name: 'meetings',
		});
		expect(result.error?.message).toBe(
			'Speakr answered 400 Bad Request: Tag with this name already exists [item 0]',
		);
	});

	test.each([
		[{ name: '   ' }, /Name is empty/],
		[{ name: 'x'.repeat(51) }, /Name is longer than 50 characters/],
		[{ name: 'a', additionalFields: { color: 'red' } }, /Color "red" is not a #RRGGBB colour/],
		[
			{ name: 'a', additionalFields: { defaultMinSpeakers: 3, defaultMaxSpeakers: 2 } },
			/Min Speakers \(3\) is more than/,
		],
		[
			{ name: 'a', additionalFields: { defaultMinSpeakers: 1.5 } },
			/Default Min Speakers must be a whole number/,
		],
	])('Create refuses bad input before any request: %j', async (parameters, message) => {
		const result = await runSpeakr(speakr, { resource: 'tag', operation: 'create', ...parameters });
		expect(result.error?.message).toMatch(message);
		expect(speakr.stats.requests).toBe(0);
	});
});
