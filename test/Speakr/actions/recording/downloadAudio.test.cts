import {
	Router,
	startFakeServer,
	type FakeResponse,
	type FakeServer,
} from '../../../fakes/base.cjs';
import { SPEAKR_TOKEN, startFakeSpeakr, type FakeSpeakr } from '../../../fakes/speakr.cjs';
import { byId, expectNoTokenLeak, requestLines, runSpeakr } from '../../helpers.cjs';

const STORED_AUDIO = Buffer.from('presigned-object-bytes');

let speakr: FakeSpeakr;
let storage: FakeServer;
beforeAll(async () => {
	speakr = await startFakeSpeakr({ recordings: 3 });
	// Object storage: answers only a presigned URL, and a request carrying any credential is refused like S3 does.
	storage = await startFakeServer({
		router: new Router().on('GET', '/speakr-audio/:id/:name', (request): FakeResponse => {
			if (!request.query.get('X-Amz-Signature'))
				return {
					status: 403,
					headers: { 'Content-Type': 'application/xml' },
					body: '<Error><Code>AccessDenied</Code></Error>',
				};
			if (request.headers.authorization)
				return {
					status: 400,
					headers: { 'Content-Type': 'application/xml' },
					body: '<Error><Code>InvalidArgument</Code><Message>Only one auth mechanism allowed</Message></Error>',
				};
			return {
				status: 200,
				headers: {
					'Content-Type': request.query.get('response-content-type') ?? 'binary/octet-stream',
					'Content-Disposition': request.query.get('response-content-disposition') ?? 'inline',
				},
				body: STORED_AUDIO,
			};
		}),
	});
});
afterAll(async () => {
	await speakr.close();
	await storage.close();
});
beforeEach(() => {
	speakr.resetStats();
	storage.resetStats();
	speakr.state.audioStorage = { mode: 'local' };
});

const download = (
	parameters: Record<string, unknown> = {},
	credentials?: Record<string, unknown>,
) =>
	runSpeakr(
		speakr,
		{ resource: 'recording', operation: 'downloadAudio', recordingId: byId(2), ...parameters },
		credentials ? { credentials } : {},
	);

describe('Speakr → Recording → Download Audio', () => {
	test('local storage: the bytes Speakr sends, named by its Content-Disposition', async () => {
		const result = await download({ binaryPropertyName: 'audio' });
		expect(result.error).toBeUndefined();
		expect(requestLines(speakr)).toEqual(['GET /api/v1/recordings/2/audio?download=true']);
		const file = result.items[0].binary?.audio;
		expect(file).toMatchObject({ fileName: 'meeting-2.wav', mimeType: 'audio/mpeg' });
		expect(Buffer.from(String(file?.data), 'base64').toString('latin1')).toContain(
			'fake-mp3-frames',
		);
		expect(result.items[0].json).toEqual({
			recording_id: 2,
			file_name: 'meeting-2.wav',
			mime_type: 'audio/mpeg',
			file_size: 20,
		});
	});

	test.each([
		['Bearer header', { authScheme: 'bearer' }],
		['X-API-Token header', { authScheme: 'xApiToken' }],
		['API-Token header', { authScheme: 'apiTokenHeader' }],
		['?token= query', { authScheme: 'query' }],
	])(
		'S3 storage (%s): the redirect to the presigned URL is followed without the token',
		async (_name, scheme) => {
			speakr.state.audioStorage = { mode: 's3', baseUrl: storage.url };
			const result = await download({}, scheme);
			expect(result.error).toBeUndefined();
			// Speakr saw the credential; the storage server got nothing of it, and not our query either.
			const asked = storage.stats.log;
			expect(asked).toHaveLength(1);
			expect(JSON.stringify(asked[0].headers)).not.toContain(SPEAKR_TOKEN);
			for (const header of ['authorization', 'x-api-token', 'api-token', 'cookie'])
				expect(asked[0].headers[header]).toBeUndefined();
			expect(asked[0].query).not.toContain('token=');
			expect(asked[0].query).toContain('X-Amz-Signature=');
			expect(asked[0].query).not.toMatch(/[?&]download=/);
			const file = result.items[0].binary?.data;
			expect(file).toMatchObject({ fileName: 'meeting-2.wav', mimeType: 'audio/mpeg' });
			expect(Buffer.from(String(file?.data), 'base64')).toEqual(STORED_AUDIO);
			expectNoTokenLeak(result);
		},
	);

	test('an expired presigned link: the storage refusal is reported with where it came from, not the link', async () => {
		speakr.state.audioStorage = { mode: 's3', baseUrl: `${storage.url}/nowhere` };
		const result = await download();
		expect(result.error?.message).toMatch(/^Speakr answered 404 Not Found/);
		expect(result.error?.description).toContain(`GET /api/v1/recordings/2/audio → ${storage.url}`);
		expect(result.serialized).not.toContain('X-Amz-Signature');
	});

	test("audio deleted by retention: Speakr's 404 message", async () => {
		speakr.state.recordings.find((r) => r.id === 3)!.audio_available = false;
		const result = await download({ recordingId: byId(3) });
		expect(result.error?.message).toBe(
			'Speakr answered 404 Not Found: Audio has been deleted [item 0]',
		);
	});

	test('other requests still refuse a redirect to another origin', async () => {
		speakr.router.routes.unshift({
			method: 'GET',
			pattern: /^\/api\/v1\/recordings\/1\/summary$/,
			keys: [],
			name: 'redirecting summary',
			handler: () => ({
				status: 302,
				headers: { Location: `${storage.url}/speakr-audio/1/x?X-Amz-Signature=1` },
			}),
		});
		try {
			const result = await runSpeakr(speakr, {
				resource: 'recording',
				operation: 'getSummary',
				recordingId: byId(1),
			});
			expect(result.error?.message).toMatch(
				/redirected the request to http:\/\/127\.0\.0\.1:\d+\/speakr-audio\/1\/x instead of answering/,
			);
			expect(storage.stats.requests).toBe(0);
		} finally {
			speakr.router.routes.shift();
		}
	});
});
