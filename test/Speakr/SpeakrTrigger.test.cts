import { createHmac } from 'node:crypto';

import { SpeakrTrigger, verifySpeakrSignature } from '../../nodes/Speakr/SpeakrTrigger.node';
import { NodeHost, startWebhookReceiver, type WebhookReceiver } from '../harness/contexts.cjs';
import { SPEAKR_TOKEN, startFakeSpeakr, type FakeSpeakr } from '../fakes/speakr.cjs';
import { requestLines, speakrCredentials } from './helpers.cjs';

let speakr: FakeSpeakr;
let receiver: WebhookReceiver;
let host: NodeHost;

const makeHost = (
	parameters: Record<string, unknown> = {},
	credentials: Record<string, unknown> = {},
) =>
	new NodeHost({
		node: new SpeakrTrigger(),
		parameters: {
			events: ['recording.transcription.completed', 'recording.created'],
			includeContent: false,
			...parameters,
		},
		credentials: speakrCredentials(speakr, credentials),
		webhookBaseUrl: receiver.baseUrl,
		workflowName: 'Meeting notes',
	});

beforeAll(async () => {
	speakr = await startFakeSpeakr({ recordings: 3 });
	receiver = await startWebhookReceiver(() => host);
});
afterAll(async () => {
	await receiver.close();
	await speakr.close();
});
beforeEach(() => {
	speakr.resetStats();
	speakr.state.webhooks = [];
	speakr.state.intranetAllowlist = /^127\.0\.0\.1$/;
	receiver.runs.length = 0;
	receiver.calls.length = 0;
	host = makeHost();
});

describe('Speakr Trigger → lifecycle against the fake (n8n-core HookContext)', () => {
	test('activation: checkExists without a stored id makes no request, create registers the webhook and keeps id + secret', async () => {
		const created = await host.activate();
		expect(created).toBe(true);
		expect(requestLines(speakr)).toEqual(['POST /api/v1/webhooks']);
		const url = host.hookContext().getNodeWebhookUrl('default');
		expect(url).toBe(`${receiver.baseUrl}/${host.node.webhookId}/webhook`);
		const [registered] = speakr.state.webhooks;
		expect(registered).toMatchObject({
			name: 'n8n: Meeting notes',
			url,
			allow_http: true,
			events: ['recording.transcription.completed', 'recording.created'],
			enabled: true,
		});
		expect(host.staticData()).toEqual({
			webhookId: registered.id,
			secret: registered.secret,
			deliveries: [],
		});
	});

	test('a second activation finds the webhook and does not create another', async () => {
		await host.activate();
		speakr.resetStats();
		expect(await host.activate()).toBe(false);
		expect(requestLines(speakr)).toEqual([
			`GET /api/v1/webhooks/${String(host.staticData().webhookId)}`,
		]);
		expect(speakr.state.webhooks).toHaveLength(1);
	});

	test.each([
		[
			'auto-paused by Speakr',
			(h: NodeHost, s: FakeSpeakr) => (s.state.webhooks[0].auto_paused = true),
		],
		['disabled', (h: NodeHost, s: FakeSpeakr) => (s.state.webhooks[0].enabled = false)],
		[
			'events changed in the node',
			(h: NodeHost) => (h.node.parameters.events = ['recording.updated']),
		],
		['secret lost from static data', (h: NodeHost) => delete h.staticData().secret],
	])('%s: the old webhook is deleted and a new one created', async (_case, change) => {
		await host.activate();
		const oldId = host.staticData().webhookId;
		change(host, speakr);
		speakr.resetStats();
		expect(await host.activate()).toBe(true);
		expect(requestLines(speakr)).toEqual([
			`GET /api/v1/webhooks/${String(oldId)}`,
			`DELETE /api/v1/webhooks/${String(oldId)}`,
			'POST /api/v1/webhooks',
		]);
		expect(speakr.state.webhooks).toHaveLength(1);
		expect(host.staticData().webhookId).not.toBe(oldId);
	});

	test('deleted in Speakr (404): recreated', async () => {
		await host.activate();
		speakr.state.webhooks = [];
		expect(await host.activate()).toBe(true);
		expect(speakr.state.webhooks).toHaveLength(1);
	});

	test('deactivation deletes the webhook (204) and clears static data; already gone (404) counts as done', async () => {
		await host.activate();
		const id = host.staticData().webhookId;
		speakr.resetStats();
		expect(await host.deactivate()).toBe(true);
		expect(requestLines(speakr)).toEqual([`DELETE /api/v1/webhooks/${String(id)}`]);
		expect(speakr.stats.log[0].status).toBe(204);
		expect(speakr.state.webhooks).toHaveLength(0);
		expect(host.staticData()).toEqual({});
		host.staticData().webhookId = id;
		expect(await host.deactivate()).toBe(true);
		expect(speakr.stats.log[1].status).toBe(404);
	});

	test('private/loopback URL without WEBHOOK_INTRANET_HOST_ALLOWLIST: a clear error naming the fix', async () => {
		speakr.state.intranetAllowlist = undefined;
		await expect(host.activate()).rejects.toMatchObject({
			message: expect.stringContaining('Speakr refused to register the webhook URL'),
			description: expect.stringContaining('WEBHOOK_INTRANET_HOST_ALLOWLIST'),
		});
		expect(speakr.state.webhooks).toHaveLength(0);
		expect(host.staticData().webhookId).toBeUndefined();
	});

	test('409 at the cap of 10 webhooks: a clear error', async () => {
		for (let i = 0; i < 10; i++) await makeHost().activate();
		expect(speakr.state.webhooks).toHaveLength(10);
		await expect(host.activate()).rejects.toMatchObject({
			message: expect.stringContaining('maximum number of webhooks'),
			description: expect.stringContaining('Webhook limit reached'),
		});
	});

	test("a bad header token: Speakr's CSRF check refuses the webhook's creation; activation fails saying so, token not shown", async () => {
		const bad = makeHost({}, { apiToken: 'revoked-token-000' });
		const failure = await bad.activate().catch((error: Error & { description?: string }) => error);
		expect(requestLines(speakr)).toEqual(['POST /api/v1/webhooks']);
		// n8n shows only the message of an activation error: it carries the fix.
		expect((failure as Error).message).toMatch(
			/^Speakr did not accept the API token for creating the webhook, so the trigger is not active — .*The CSRF token is missing.*Create a new token in Speakr under Settings → API Tokens/,
		);
		expect(JSON.stringify({ m: (failure as Error).message })).not.toContain('revoked-token-000');
		expect(speakr.state.webhooks).toHaveLength(0);
	});

	test('a token sent as ?token= cannot create the webhook: activation fails before any request and names the header schemes', async () => {
		const query = makeHost({}, { authScheme: 'query' });
		const failure = await query.activate().catch((error: Error) => error);
		expect(speakr.stats.requests).toBe(0);
		expect(JSON.stringify({ m: (failure as Error).message })).not.toContain(SPEAKR_TOKEN);
		expect((failure as Error).message).toMatch(
			/^Speakr refuses changes \(POST\) when the token is sent as the \?token= query parameter \(Speakr accepts it for reads only\), so nothing was sent — .*Send Token As to "Authorization: Bearer Header"/,
		);
		expect(speakr.state.webhooks).toHaveLength(0);
	});

	test("a revoked token on a server whose /api/v1 CSRF exemption works: Speakr's 302 to the login page becomes an auth error", async () => {
		speakr.state.csrfExemptsApiV1 = true;
		try {
			const bad = makeHost({}, { apiToken: 'revoked-token-000' });
			const failure = await bad.activate().catch((error: Error) => error);
			expect((failure as Error).message).toMatch(
				/^Speakr rejected the API token \(it redirected to its login page\) — Check the token in the credential/,
			);
			expect(JSON.stringify({ m: (failure as Error).message })).not.toContain('revoked-token-000');
		} finally {
			speakr.state.csrfExemptsApiV1 = false;
		}
	});
});

describe('Speakr Trigger → deliveries (real HTTP, raw body, HMAC)', () => {
	beforeEach(async () => {
		await host.activate();
	});
	const webhookId = () => Number(host.staticData().webhookId);

	test('a correctly signed delivery starts exactly one run with the event', async () => {
		const sent = await speakr.deliver(webhookId(), 'recording.created', {
			recording_id: 3,
			title: 'Canned Title',
			file_size: 48945,
			original_filename: 'tone.wav',
		});
		expect(sent.status).toBe(200);
		expect(receiver.runs).toHaveLength(1);
		const [[items]] = receiver.runs;
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			...(JSON.parse(sent.rawBody) as object),
			delivery_id: sent.deliveryId,
		});
	});

	test.each(['forged', 'tampered', 'none'] as const)(
		'%s signature: 401 and no run',
		async (signature) => {
			const sent = await speakr.deliver(
				webhookId(),
				'recording.created',
				{ recording_id: 3, title: 'x' },
				{ signature },
			);
			expect(sent.status).toBe(401);
			expect(JSON.parse(sent.body)).toEqual({ error: 'Invalid or missing Speakr-Signature' });
			expect(receiver.runs).toHaveLength(0);
		},
	);

	test("Speakr's retry (the same signed bytes again) starts no second run; another event does", async () => {
		const first = await speakr.deliver(webhookId(), 'recording.transcription.completed', {
			recording_id: 2,
			title: 'Meeting 2',
		});
		const retry = await speakr.resend(first);
		expect([first.status, retry.status]).toEqual([200, 200]);
		expect(JSON.parse(retry.body)).toEqual({ received: true, duplicate: true });
		expect(receiver.runs).toHaveLength(1);
		const other = await speakr.deliver(webhookId(), 'recording.transcription.completed', {
			recording_id: 2,
			title: 'Meeting 2',
		});
		expect(other.status).toBe(200);
		expect(receiver.runs).toHaveLength(2);
	});

	describe('replay (issue 13 item 3): decided on the signed data only', () => {
		test('a captured delivery replayed with a new Speakr-Delivery-Id header is still the same signed id: no run', async () => {
			const captured = await speakr.deliver(webhookId(), 'recording.created', {
				recording_id: 3,
				title: 'Meeting 3',
			});
			expect(receiver.runs).toHaveLength(1);
			const replayed = await speakr.resend(captured, {
				'Speakr-Delivery-Id': '00000000-0000-4000-8000-000000000001',
			});
			expect(replayed.status).toBe(200);
			expect(JSON.parse(replayed.body)).toEqual({ received: true, duplicate: true });
			expect(receiver.runs).toHaveLength(1);
		});

		test('the id is remembered even when static data is not saved (n8n 2.41 after a run): a replay starts no run', async () => {
			const captured = await speakr.deliver(webhookId(), 'recording.created', {
				recording_id: 3,
				title: 'Meeting 3',
			});
			// What n8n 2.41 persists after a delivery that started a run: the ids written in webhook() are lost.
			host.staticData().deliveries = [];
			const replayed = await speakr.resend(captured);
			expect(JSON.parse(replayed.body)).toEqual({ received: true, duplicate: true });
			expect(receiver.runs).toHaveLength(1);
		});

		test.each([
			['created 6 minutes ago', -6],
			['dated 6 minutes ahead', 6],
		])(
			'a correctly signed delivery %s is refused (400, no run): replays are bounded in time',
			async (_label, minutes) => {
				const sent = await speakr.deliver(
					webhookId(),
					'recording.created',
					{ recording_id: 3, title: 'old' },
					{ createdAt: new Date(Date.now() + minutes * 60_000) },
				);
				expect(sent.status).toBe(400);
				expect(JSON.parse(sent.body).error).toMatch(
					/more than 5 minutes from this server's time: replayed or late deliveries are refused/,
				);
				expect(receiver.runs).toHaveLength(0);
			},
		);

		test("Speakr's own retries within 5 minutes are accepted once (the 30 s and 2 min retries)", async () => {
			const sent = await speakr.deliver(
				webhookId(),
				'recording.created',
				{ recording_id: 3, title: 'late' },
				{ createdAt: new Date(Date.now() - 150_000) },
			);
			expect(sent.status).toBe(200);
			expect(receiver.runs).toHaveLength(1);
		});

		test('newer Speakr signs the send time (Speakr-Signature-V2): a retry of an hour-old event runs; a forged V2 time does not help', async () => {
			const late = await speakr.deliver(
				webhookId(),
				'recording.created',
				{ recording_id: 3, title: 'retried after an hour' },
				{ createdAt: new Date(Date.now() - 3_600_000), signatureV2: true },
			);
			expect(late.status).toBe(200);
			expect(receiver.runs).toHaveLength(1);
			const old = await speakr.deliver(
				webhookId(),
				'recording.created',
				{ recording_id: 3, title: 'captured an hour ago' },
				{ createdAt: new Date(Date.now() - 3_600_000) },
			);
			const t = Math.floor(Date.now() / 1000);
			const forgedV2 = await speakr.resend(old, {
				'Speakr-Signature-V2': `t=${t},v1=${createHmac('sha256', 'guess').update(`${t}.${old.rawBody}`).digest('hex')}`,
			});
			expect([old.status, forgedV2.status]).toEqual([400, 400]);
			expect(receiver.runs).toHaveLength(1);
		});

		test('a body resent as text/plain with another Speakr-Event header runs with the signed type, never the header', async () => {
			// Speakr delivered an event this trigger does not start on; it was answered 200 and ignored.
			const captured = await speakr.deliver(webhookId(), 'recording.updated', {
				recording_id: 3,
				title: 'Meeting 3',
				fields_changed: ['title'],
			});
			expect(JSON.parse(captured.body)).toEqual({ received: true, ignored: 'recording.updated' });
			const resent = await speakr.resend(captured, {
				'Content-Type': 'text/plain',
				'Speakr-Event': 'recording.created',
				'Speakr-Delivery-Id': '00000000-0000-4000-8000-000000000002',
			});
			expect(resent.status).toBe(200);
			expect(receiver.runs).toHaveLength(0);
		});

		test('a signed delivery resent as text/plain still runs once with its signed fields', async () => {
			host = makeHost();
			await host.activate();
			const hookId = Number(host.staticData().webhookId);
			const body = JSON.stringify({
				id: 'e-text-1',
				type: 'recording.created',
				timestamp: `${new Date().toISOString().slice(0, 23)}Z`,
				user_id: 1,
				data: { recording_id: 3 },
			});
			const secret = String(host.staticData().secret);
			const response = await fetch(String(host.hookContext().getNodeWebhookUrl('default')), {
				method: 'POST',
				headers: {
					'Content-Type': 'text/plain',
					'Speakr-Event': 'recording.transcription.completed',
					'Speakr-Signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
				},
				body,
			});
			expect(response.status).toBe(200);
			expect(hookId).toBeGreaterThan(0);
			expect(receiver.runs).toHaveLength(1);
			expect(receiver.runs[0][0][0].json).toMatchObject({
				id: 'e-text-1',
				type: 'recording.created',
				delivery_id: 'e-text-1',
			});
		});

		test('a signed body that is not a Speakr event is refused (400, no run)', async () => {
			const secret = String(host.staticData().secret);
			for (const body of ['[1,2]', '{"type":"recording.created"}', 'not json']) {
				const response = await fetch(String(host.hookContext().getNodeWebhookUrl('default')), {
					method: 'POST',
					headers: {
						'Content-Type': 'application/json',
						'Speakr-Signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
					},
					body,
				});
				// n8n itself answers 422 to a JSON Content-Type it cannot parse.
				expect([400, 422]).toContain(response.status);
			}
			expect(receiver.runs).toHaveLength(0);
		});
	});

	test('a delivery signed with the secret of a previous registration is rejected', async () => {
		const oldSecret = String(host.staticData().secret);
		await host.deactivate();
		await host.activate();
		const body = JSON.stringify({
			id: 'd-1',
			type: 'recording.created',
			timestamp: '2026-01-01T00:00:00Z',
			user_id: 1,
			data: { recording_id: 1 },
		});
		const response = await fetch(String(host.hookContext().getNodeWebhookUrl('default')), {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				'Speakr-Signature': `sha256=${createHmac('sha256', oldSecret).update(body).digest('hex')}`,
			},
			body,
		});
		expect(response.status).toBe(401);
		expect(receiver.runs).toHaveLength(0);
	});

	test('an event type the node did not select starts no run', async () => {
		const sent = await speakr.deliver(webhookId(), 'recording.updated', {
			recording_id: 1,
			title: 'x',
			fields_changed: ['title'],
		});
		expect(sent.status).toBe(200);
		expect(receiver.runs).toHaveLength(0);
	});

	test('Include Transcript and Summary fetches both when a transcription completes', async () => {
		host.node.parameters.includeContent = true;
		speakr.resetStats();
		const sent = await speakr.deliver(webhookId(), 'recording.transcription.completed', {
			recording_id: 2,
			title: 'Meeting 2',
			audio_duration_seconds: 5.03,
		});
		expect(sent.status).toBe(200);
		expect(requestLines(speakr).sort()).toEqual([
			'GET /api/v1/recordings/2/summary',
			'GET /api/v1/recordings/2/transcript?format=text',
		]);
		expect(receiver.runs[0][0][0].json).toMatchObject({
			type: 'recording.transcription.completed',
			data: { recording_id: 2 },
			transcript: '[SPEAKER_00]: Hello there.\n[SPEAKER_01]: Hi, how are you?',
			summary: '## Summary\n\nSummary of meeting 2.',
		});
	});

	test('Include Transcript and Summary: a fetch failure still runs once, with the reason', async () => {
		host.node.parameters.includeContent = true;
		const sent = await speakr.deliver(webhookId(), 'recording.transcription.completed', {
			recording_id: 999,
			title: 'gone',
		});
		expect(sent.status).toBe(200);
		expect(receiver.runs).toHaveLength(1);
		expect(String(receiver.runs[0][0][0].json.content_error)).toContain('Recording not found');
	});
});

describe('verifySpeakrSignature', () => {
	const secret = 'whsec-test';
	const body = Buffer.from('{"id":"a","type":"webhook.test","data":{}}');
	const good = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

	test.each([
		[good, true],
		[good.toUpperCase().replace('SHA256=', 'sha256='), true],
		[good.replace('sha256=', ''), false],
		[good.slice(0, -2), false],
		[`sha256=${'0'.repeat(64)}`, false],
		['', false],
		[undefined, false],
		[['a', 'b'], false],
	])('%j → %s', (header, expected) => {
		expect(verifySpeakrSignature(secret, body, header)).toBe(expected);
	});

	test('one changed byte of the body fails', () => {
		const changed = Buffer.from(body);
		changed[5] ^= 1;
		expect(verifySpeakrSignature(secret, changed, good)).toBe(false);
	});
});
