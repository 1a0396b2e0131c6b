/**
 * Speakr in a real n8n 2.41.1 (issues 2 and 3), against the fake Speakr on loopback, one user folder for the file:
 * - `n8n execute` (CLI): Manual Trigger → Recording Get Many (Return All) returns every recording (3 pages of 100);
 * - `n8n start`, workflows run with the editor's "Execute workflow": Get Many → Get Transcript (SRT file) → Get Summary
 *   (test/e2e/workflows/speakr-list-transcript-summary.json); a Code node generates a WAV in n8n's task runner (the
 *   Code node's `this.helpers.prepareBinaryData` works there in 2.41) and Upload sends it, waiting for completion
 *   (test/e2e/workflows/speakr-upload-generated-audio.json); a revoked token fails the execution with a message that
 *   says so, and the token appears in no REST answer, execution data or n8n log line;
 * - the Speakr Trigger activated (it registers a webhook in Speakr), a correctly signed delivery runs the
 *   workflow exactly once (with transcript and summary), forged / tampered / unsigned ones are answered 401 and run
 *   nothing; Speakr's retry of a delivery, a replay older than 5 minutes and a body resent as text/plain with another
 *   event header run nothing; deactivation deletes the webhook in Speakr;
 * - a credential that sends the token as ?token= cannot activate the trigger: n8n records an activation error that
 *   says why and which scheme to use, and no webhook exists in Speakr.
 * Needs `npm run build` first.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { INode } from 'n8n-workflow';

import {
	SPEAKR_TOKEN,
	startFakeSpeakr,
	type FakeSpeakr,
	type SentDelivery,
} from '../fakes/speakr.cjs';
import {
	createLinkedUserFolder,
	ensureN8nHost,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	N8nServer,
	nodeOutputJson,
	progress,
	REPO_ROOT,
	type UserFolder,
	type WorkflowJson,
} from './lib/n8n.cjs';
import {
	activationFailure,
	clone,
	executionRun,
	runManually,
	sleep,
	waitFor,
	workflowFile,
} from './lib/services.cjs';

const RECORDINGS = 230;
const BAD_TOKEN = 'spk_bad_token_exec_R4t8Yw2';
const CRED = { speakrApi: { id: 'speakrCred000001', name: 'Speakr account' } };

let speakr: FakeSpeakr;
let uf: UserFolder;

const getManyAll = (id: string, credentials: INode['credentials']): WorkflowJson => ({
	id,
	name: `e2e Speakr: Get Many (Return All) ${id}`,
	nodes: [
		{
			id: 's1',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 's2',
			name: 'Recordings',
			type: 'n8n-nodes-selfhosted-apps.speakr',
			typeVersion: 1,
			position: [220, 0],
			parameters: {
				resource: 'recording',
				operation: 'getAll',
				returnAll: true,
				simplify: true,
				filters: {},
				sort: {},
				requestOptions: {},
			},
			credentials,
		},
	] as INode[],
	connections: { Start: { main: [[{ node: 'Recordings', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
});

const listTranscriptSummary = workflowFile(
	'speakr-list-transcript-summary.json',
	'e2eSpeakrList00001',
);
const upload = workflowFile('speakr-upload-generated-audio.json', 'e2eSpeakrUpload0001');
const trigger = workflowFile('speakr-trigger.json');

beforeAll(async () => {
	ensureN8nHost();
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'nodes', 'Speakr', 'Speakr.node.js')))
		throw new Error('not built (run npm run build)');
	speakr = await startFakeSpeakr({ recordings: RECORDINGS });
	// Speakr refuses webhooks to loopback unless WEBHOOK_INTRANET_HOST_ALLOWLIST allows it (n8n is on 127.0.0.1 here).
	speakr.state.intranetAllowlist = /^127\.0\.0\.1$/;
	uf = createLinkedUserFolder();
	await importCredentials(uf, [
		{
			id: 'speakrCred000001',
			name: 'Speakr account',
			type: 'speakrApi',
			data: { baseUrl: speakr.url, apiToken: SPEAKR_TOKEN, authScheme: 'bearer' },
		},
		{
			id: 'speakrCredQuery01',
			name: 'Speakr (?token=)',
			type: 'speakrApi',
			data: { baseUrl: speakr.url, apiToken: SPEAKR_TOKEN, authScheme: 'query' },
		},
		{
			id: 'speakrCredBad0001',
			name: 'Speakr (revoked token)',
			type: 'speakrApi',
			data: { baseUrl: speakr.url, apiToken: BAD_TOKEN, authScheme: 'bearer' },
		},
	]);
	await importWorkflows(uf, [
		getManyAll('e2eSpeakrAll000001', CRED),
		getManyAll('e2eSpeakrBad000001', {
			speakrApi: { id: 'speakrCredBad0001', name: 'Speakr (revoked token)' },
		}),
		listTranscriptSummary,
		upload,
	]);
}, 20 * 60_000);

afterAll(async () => {
	await speakr?.close();
	uf?.cleanup();
});

describe('n8n execute (CLI)', () => {
	test('Manual Trigger → Recording Get Many (Return All) returns every recording, 3 pages of 100', async () => {
		speakr.resetStats();
		const r = await executeWorkflow(uf, 'e2eSpeakrAll000001');
		progress(
			`execute Get Many (Return All, ${RECORDINGS}) took ${(r.durationMs / 1000).toFixed(1)} s`,
		);
		expect(r.ok).toBe(true);
		const items = nodeOutputJson(r.run, 'Recordings');
		expect(items).toHaveLength(RECORDINGS);
		expect(new Set(items.map((i) => i.id))).toEqual(
			new Set(Array.from({ length: RECORDINGS }, (_u, n) => n + 1)),
		);
		expect(items[0]).toMatchObject({ id: RECORDINGS, title: `Meeting ${RECORDINGS}` }); // newest first, Speakr's default
		const pages = speakr.stats.log.filter((e) => e.path === '/api/v1/recordings');
		expect(
			pages
				.map(
					(e) =>
						`${new URLSearchParams(e.query).get('page')}/${new URLSearchParams(e.query).get('per_page')}`,
				)
				.sort(),
		).toEqual(['1/100', '2/100', '3/100']);
		expect(speakr.stats.requests).toBe(3);
	});
});

describe('n8n start', () => {
	let server: N8nServer;

	beforeAll(async () => {
		server = await N8nServer.start(uf, { env: { N8N_LOG_LEVEL: 'debug' }, name: 'n8n-speakr' });
	}, 5 * 60_000);
	afterAll(async () => await server?.stop());

	test('Get Many → Get Transcript (SRT file) → Get Summary', async () => {
		speakr.resetStats();
		const r = { run: await runManually(server, listTranscriptSummary.id!, 'Start') };
		expect(r.run.status).toBe('success');
		const recordings = nodeOutputJson(r.run, 'Recordings');
		expect(recordings).toHaveLength(2);
		for (const recording of recordings) expect(recording.status).toBe('COMPLETED');
		const transcriptItems = r.run.data.resultData.runData.Transcript[0].data!.main[0]!;
		expect(transcriptItems).toHaveLength(2);
		transcriptItems.forEach((item, index) => {
			expect(item.json).toMatchObject({ recording_id: recordings[index].id, format: 'srt' });
			expect(item.binary?.subtitles).toMatchObject({
				mimeType: expect.stringMatching(/srt|subrip|text/),
				fileName: `recording-${String(recordings[index].id)}-transcript.srt`,
			});
		});
		const summaries = nodeOutputJson(r.run, 'Summary');
		expect(summaries.map((s) => s.recording_id)).toEqual(recordings.map((rec) => rec.id));
		for (const summary of summaries)
			expect(String(summary.summary_text)).toMatch(/^Summary\s+Summary of meeting \d+\.$/);
		expect(speakr.stats.log.map((e) => `${e.method} ${e.path.replace(/\/\d+/g, '/:id')}`)).toEqual([
			'GET /api/v1/recordings',
			'GET /api/v1/recordings/:id/transcript',
			'GET /api/v1/recordings/:id/transcript',
			'GET /api/v1/recordings/:id/summary',
			'GET /api/v1/recordings/:id/summary',
		]);
	});

	test('a Code node makes a WAV in the task runner; Upload sends it as multipart and waits until COMPLETED', async () => {
		speakr.resetStats();
		speakr.state.uploads.length = 0;
		const r = { run: await runManually(server, upload.id!, 'Start') };
		expect(r.run.status).toBe('success');
		const generated = r.run.data.resultData.runData['Generate tone.wav'][0].data!.main[0]![0];
		expect(generated.binary?.data).toMatchObject({ fileName: 'tone.wav', mimeType: 'audio/wav' });
		const [uploaded] = nodeOutputJson(r.run, 'Upload');
		expect(uploaded).toMatchObject({ title: 'e2e upload', status: 'COMPLETED' });
		expect(speakr.state.uploads).toHaveLength(1);
		const parts = Object.fromEntries(speakr.state.uploads[0].parts.map((p) => [p.name, p]));
		expect(parts.file).toMatchObject({ filename: 'tone.wav', contentType: 'audio/wav' });
		expect(parts.file.data.length).toBe(44 + 2000 * 2);
		expect(parts.file.data.subarray(0, 4).toString()).toBe('RIFF');
		expect(parts.file.data.subarray(8, 12).toString()).toBe('WAVE');
		expect(parts.title.data.toString()).toBe('e2e upload');
		expect(parts['tag_ids[0]'].data.toString()).toBe('1');
		// Speakr's upload takes no participants: they are set by a PATCH right after it.
		expect(uploaded.participants).toBe('Ann, Ben');
		const calls = speakr.stats.log.map((e) => `${e.method} ${e.path.replace(/\/\d+/g, '/:id')}`);
		expect(calls[0]).toBe('POST /api/v1/recordings/upload');
		expect(calls[1]).toBe('PATCH /api/v1/recordings/:id');
		expect(
			calls.filter((c) => c === 'GET /api/v1/recordings/:id/status').length,
		).toBeGreaterThanOrEqual(1);
	});

	test('a revoked token fails the execution with a clear message; the token is in no REST answer, execution data or log', async () => {
		speakr.resetStats();
		const run = await runManually(server, 'e2eSpeakrBad000001', 'Start');
		expect(run.status).toBe('error');
		const error = run.data.resultData.error!;
		progress(`revoked token → ${JSON.stringify(error.message)}`);
		expect(error.message).toMatch(
			/Speakr rejected the API token \(it redirected to its login page\)/,
		);
		expect(
			speakr.stats.log.map(
				(e) => `${e.method} ${e.path} ${e.status} ${String(e.headers.authorization)}`,
			),
		).toEqual([`GET /api/v1/recordings 302 Bearer ${BAD_TOKEN}`]);
		const raw = await server.http.get(`/rest/executions/${run.id}`);
		expect(raw.status).toBe(200);
		expect(JSON.stringify(raw.data)).toContain('Speakr rejected the API token');
		expect(JSON.stringify(raw.data)).not.toContain(BAD_TOKEN);
		const list = await server.http.get('/rest/executions');
		expect(JSON.stringify(list.data)).not.toContain(BAD_TOKEN);
		await sleep(500);
		expect(server.logText()).not.toContain(BAD_TOKEN);
	});

	describe('Speakr Trigger', () => {
		let workflowId: string;
		let hookId: number;
		let firstDelivery: SentDelivery;

		test('activation registers a webhook in Speakr; a signed delivery runs the workflow exactly once, with transcript and summary', async () => {
			workflowId = await server.createAndActivateWorkflow(trigger);
			// 2.41 publishes through an outbox: the trigger's create hook runs shortly after the activate call returns.
			await waitFor(
				() => speakr.state.webhooks.length > 0,
				'the trigger registered its webhook in Speakr',
			);
			expect(speakr.state.webhooks).toHaveLength(1);
			const [hook] = speakr.state.webhooks;
			hookId = hook.id;
			expect(hook).toMatchObject({
				url: `${server.baseUrl}/webhook/${trigger.nodes[0].webhookId}/webhook`,
				allow_http: true,
				enabled: true,
			});
			expect([...hook.events].sort()).toEqual([
				'recording.created',
				'recording.transcription.completed',
			]);
			// The secret is stored by the activation, which finishes a moment after the webhook exists in Speakr.
			await waitFor(
				async () =>
					JSON.stringify(
						(await server.rest<{ staticData?: unknown }>('GET', `/rest/workflows/${workflowId}`))
							.staticData ?? {},
					).includes('secret'),
				'the activation stored the signing secret',
			);

			const t0 = Date.now();
			const signed = await speakr.deliver(hookId, 'recording.transcription.completed', {
				recording_id: 7,
				title: 'Meeting 7',
			});
			firstDelivery = signed;
			expect(signed.status).toBe(200);
			const executions = await server.waitForExecutions(
				(list) => list.some((e) => e.status === 'success'),
				{ workflowId },
			);
			progress(`signed delivery → execution in ${Date.now() - t0} ms`);
			expect(executions).toHaveLength(1);
			expect(executions[0]).toMatchObject({ mode: 'webhook', status: 'success' });
			const run = await executionRun(server, executions[0].id);
			const [event] = nodeOutputJson(run, 'Speakr Trigger');
			expect(event).toMatchObject({
				type: 'recording.transcription.completed',
				delivery_id: signed.deliveryId,
				data: { recording_id: 7, title: 'Meeting 7' },
				transcript: '[SPEAKER_00]: Hello there.\n[SPEAKER_01]: Hi, how are you?',
				summary: '## Summary\n\nSummary of meeting 7.',
			});
		});

		test('forged and tampered deliveries are answered 401 and run nothing', async () => {
			const forged = await speakr.deliver(
				hookId,
				'recording.transcription.completed',
				{ recording_id: 8, title: 'Meeting 8' },
				{ signature: 'forged' },
			);
			expect(forged.status).toBe(401);
			expect(JSON.parse(forged.body)).toEqual({ error: 'Invalid or missing Speakr-Signature' });
			const tampered = await speakr.deliver(
				hookId,
				'recording.transcription.completed',
				{ recording_id: 8, title: 'Meeting 8' },
				{ signature: 'tampered' },
			);
			expect(tampered.status).toBe(401);
			const unsigned = await speakr.deliver(
				hookId,
				'recording.created',
				{ recording_id: 8, title: 'Meeting 8' },
				{ signature: 'none' },
			);
			expect(unsigned.status).toBe(401);
			// Give n8n time to start anything it wrongly accepted.
			await sleep(2_000);
			expect(await server.listExecutions({ workflowId })).toHaveLength(1);
		});

		// n8n 2.41 does not save static data that a trigger writes in webhook() when the webhook starts a run
		// (WorkflowRunner.run() builds a Workflow over the same staticData object, which resets its `__dataChanged`
		// flag, so saveStaticData() skips the write). The trigger therefore also remembers signed delivery ids in the
		// n8n process for as long as a delivery is fresh (5 minutes), which is what holds here.
		test("Speakr's retry of the same delivery (same signed bytes) does not run the workflow a second time", async () => {
			const again = await speakr.resend(firstDelivery);
			expect(again.status).toBe(200);
			expect(JSON.parse(again.body)).toEqual({ received: true, duplicate: true });
			await sleep(2_000);
			expect(await server.listExecutions({ workflowId })).toHaveLength(1);
		});

		test('a captured delivery replayed after 5 minutes, or resent as text/plain with another event header, runs nothing', async () => {
			const stale = await speakr.deliver(
				hookId,
				'recording.transcription.completed',
				{ recording_id: 9, title: 'Meeting 9' },
				{ createdAt: new Date(Date.now() - 6 * 60_000) },
			);
			expect(stale.status).toBe(400);
			const ignored = await speakr.deliver(hookId, 'recording.updated', {
				recording_id: 9,
				title: 'Meeting 9',
				fields_changed: ['title'],
			});
			expect(JSON.parse(ignored.body)).toEqual({ received: true, ignored: 'recording.updated' });
			const steered = await speakr.resend(ignored, {
				'Content-Type': 'text/plain',
				'Speakr-Event': 'recording.created',
				'Speakr-Delivery-Id': '00000000-0000-4000-8000-000000000009',
			});
			expect(steered.status).toBe(200);
			await sleep(2_000);
			expect(await server.listExecutions({ workflowId })).toHaveLength(1);
		});

		test('deactivation deletes the webhook in Speakr', async () => {
			await server.rest('POST', `/rest/workflows/${workflowId}/deactivate`);
			await waitFor(
				() => speakr.state.webhooks.length === 0,
				'deactivation deleted the webhook in Speakr',
			);
		});

		test('a ?token= credential cannot activate the trigger: n8n records an activation error that names the fix; no webhook in Speakr', async () => {
			const queryTrigger = clone(trigger);
			queryTrigger.name = 'e2e Speakr Trigger (?token=)';
			queryTrigger.nodes[0].webhookId = '3c1f2a00-5e6d-4b7a-9c8d-0000000000ab';
			queryTrigger.nodes[0].credentials = {
				speakrApi: { id: 'speakrCredQuery01', name: 'Speakr (?token=)' },
			};
			speakr.resetStats();
			const message = await activationFailure(server, queryTrigger);
			progress(`?token= activation → ${JSON.stringify(message)}`);
			expect(message).toMatch(
				/Speakr refuses changes \(POST\) when the token is sent as the \?token= query parameter.*Send Token As to "Authorization: Bearer Header"/,
			);
			expect(message).not.toContain(SPEAKR_TOKEN);
			expect(speakr.state.webhooks).toHaveLength(0);
			expect(speakr.stats.log.filter((e) => e.method !== 'GET')).toEqual([]);
		});
	});
});
