import { startFakeSpeakr, type FakeSpeakr } from '../../../fakes/speakr.cjs';
import { jsonOf } from '../../../harness/engine.cjs';
import { byId, requestLines, runSpeakr } from '../../helpers.cjs';

let speakr: FakeSpeakr;
beforeAll(async () => {
	speakr = await startFakeSpeakr({ recordings: 4 });
	speakr.state.events.set(2, [
		{
			id: 7,
			title: 'Launch review',
			start_datetime: '2026-02-03T10:00:00',
			end_datetime: '2026-02-03T11:00:00',
			description: 'Go/no-go',
			location: 'Room 1',
		},
		{
			id: 8,
			title: 'Send the contract',
			start_datetime: '2026-02-05T09:00:00',
			end_datetime: null,
			description: null,
			location: null,
		},
	]);
});
afterAll(async () => await speakr.close());
beforeEach(() => speakr.resetStats());

const events = (parameters: Record<string, unknown>) =>
	runSpeakr(speakr, { resource: 'recording', operation: 'getEvents', ...parameters });

describe('Speakr → Recording → Get Events', () => {
	test('one item per extracted event, each naming its recording', async () => {
		const result = await events({ recordingId: byId(2) });
		expect(result.error).toBeUndefined();
		expect(requestLines(speakr)).toEqual(['GET /api/v1/recordings/2/events']);
		expect(jsonOf(result.items)).toEqual([
			expect.objectContaining({
				recording_id: 2,
				id: 7,
				title: 'Launch review',
				location: 'Room 1',
			}),
			expect.objectContaining({ recording_id: 2, id: 8, end_datetime: null }),
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	test('no events: no items, no error', async () => {
		const result = await events({ recordingId: byId(1) });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
	});

	test('ICS file: the calendar in a binary field, with the event count', async () => {
		const result = await events({
			recordingId: byId(2),
			output: 'ics',
			binaryPropertyName: 'calendar',
		});
		expect(result.error).toBeUndefined();
		expect(requestLines(speakr)).toEqual(['GET /api/v1/recordings/2/events/ics']);
		expect(result.items[0].json).toEqual({ recording_id: 2, events_count: 2 });
		const file = result.items[0].binary?.calendar;
		expect(file).toMatchObject({ fileName: 'events-2.ics', mimeType: 'text/calendar' });
		const text = Buffer.from(String(file?.data), 'base64').toString('utf8');
		expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
		expect(text).toContain(
			'SUMMARY:Launch review\r\nDTSTART:20260203T100000\r\nDTEND:20260203T110000',
		);
	});

	test("ICS of a recording without events: Speakr's 404 is told apart from an unknown recording", async () => {
		const none = await events({ recordingId: byId(1), output: 'ics' });
		expect(none.error?.message).toBe(
			'Recording 1 has no extracted events, so there is no ICS file [item 0]',
		);
		expect(none.error?.description).toMatch(/One Item per Event/);
		const unknown = await events({ recordingId: byId(99), output: 'ics' });
		expect(unknown.error?.message).toBe(
			'Speakr answered 404 Not Found: Recording not found [item 0]',
		);
	});
});
