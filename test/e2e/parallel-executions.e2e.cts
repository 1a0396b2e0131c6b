/**
 * 100 parallel executions of a Get Many workflow in a real n8n (2.41.1, `n8n start`): a webhook-triggered
 * Speakr → Recording → Get Many (Return All) answers 100 concurrent calls, each with the full list in order.
 * The fake Speakr runs in this process with a fixed latency and counts requests and the peak in flight.
 * Needs `npm run build` first (the package is loaded from dist/).
 */
import type { INode } from 'n8n-workflow';

import { SPEAKR_TOKEN, startFakeSpeakr, type FakeSpeakr } from '../fakes/speakr.cjs';
import {
	createLinkedUserFolder,
	ensureN8nHost,
	importCredentials,
	N8nServer,
	progress,
	type UserFolder,
	type WorkflowJson,
} from './lib/n8n.cjs';

const EXECUTIONS = 100;
const RECORDINGS = 250;
const PAGES = Math.ceil(RECORDINGS / 100);
const LATENCY_MS = 25;
const CREDENTIAL_ID = 'speakrCredPar0000001';
const WEBHOOK_PATH = 'e2e-parallel-speakr';

const workflow: WorkflowJson = {
	name: 'e2e parallel: webhook → Speakr Get Many (Return All)',
	nodes: [
		{
			id: 'p1',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: '7b1e4c2a-9d3f-4a6b-8c5e-1f2a3b4c5d6e',
			parameters: {
				httpMethod: 'GET',
				path: WEBHOOK_PATH,
				responseMode: 'lastNode',
				responseData: 'allEntries',
			},
		},
		{
			id: 'p2',
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
			credentials: { speakrApi: { id: CREDENTIAL_ID, name: 'Speakr account' } },
		},
	] as INode[],
	connections: { Webhook: { main: [[{ node: 'Recordings', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];

describe(`${EXECUTIONS} parallel executions of a Get Many workflow in real n8n`, () => {
	let speakr: FakeSpeakr;
	let uf: UserFolder;
	let server: N8nServer | undefined;

	beforeAll(async () => {
		ensureN8nHost();
		speakr = await startFakeSpeakr({ recordings: RECORDINGS, latencyMs: LATENCY_MS });
		uf = createLinkedUserFolder();
		await importCredentials(uf, [
			{
				id: CREDENTIAL_ID,
				name: 'Speakr account',
				type: 'speakrApi',
				data: { baseUrl: speakr.url, apiToken: SPEAKR_TOKEN, authScheme: 'bearer' },
			},
		]);
		server = await N8nServer.start(uf, { name: 'parallel' });
	}, 20 * 60_000);

	afterAll(async () => {
		await server?.stop();
		uf?.cleanup();
		await speakr?.close();
	});

	test(`${EXECUTIONS} concurrent webhook calls all answer 200 with all ${RECORDINGS} recordings, in order`, async () => {
		if (!server) throw new Error('server did not start');
		const workflowId = await server.createAndActivateWorkflow(workflow);
		// One call first: waits until the webhook is registered (and warms the node up).
		const first = await server.callWebhook(WEBHOOK_PATH);
		expect(first.status).toBe(200);
		expect(first.data).toHaveLength(RECORDINGS);
		speakr.resetStats();

		const expected = Array.from({ length: RECORDINGS }, (_unused, index) => RECORDINGS - index);
		const started = performance.now();
		const calls = await Promise.all(
			Array.from({ length: EXECUTIONS }, async (_unused, index) => {
				const callStarted = performance.now();
				const response = await server!.callWebhook(WEBHOOK_PATH, {
					params: { call: String(index) },
					retryForMs: 0,
				});
				return { response, ms: performance.now() - callStarted };
			}),
		);
		const wallMs = performance.now() - started;
		const latencies = calls.map((call) => call.ms).sort((a, b) => a - b);
		progress(
			`${EXECUTIONS} parallel executions: ${Math.round(wallMs)} ms wall, per call p50 ${Math.round(percentile(latencies, 50))} ms, p95 ${Math.round(percentile(latencies, 95))} ms, max ${Math.round(latencies[latencies.length - 1])} ms; fake: ${speakr.stats.requests} requests, peak ${speakr.stats.peakInFlight} in flight`,
		);

		const failures = calls.filter((call) => call.response.status !== 200);
		expect(
			failures.map(
				(call) => `${call.response.status} ${JSON.stringify(call.response.data).slice(0, 200)}`,
			),
		).toEqual([]);
		for (const { response } of calls) {
			const ids = (response.data as Array<{ id: number }>).map((recording) => recording.id);
			expect(ids).toEqual(expected);
		}
		// Each execution read the list in the fewest pages, and nothing else.
		expect(speakr.stats.requests).toBe(EXECUTIONS * PAGES);
		expect(speakr.stats.log.every((entry) => entry.status === 200)).toBe(true);

		// n8n recorded every execution as a success (the warm-up call included), none as anything else.
		const count = async (status?: string) => {
			const filter = encodeURIComponent(
				JSON.stringify(status ? { workflowId, status: [status] } : { workflowId }),
			);
			return (
				await server!.rest<{ count: number }>('GET', `/rest/executions?filter=${filter}&limit=1`)
			).count;
		};
		const deadline = Date.now() + 60_000;
		while ((await count('success')) < EXECUTIONS + 1 && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 500));
		expect(await count('success')).toBe(EXECUTIONS + 1);
		expect(await count()).toBe(EXECUTIONS + 1);
		expect(server.logText()).not.toContain(SPEAKR_TOKEN);
	});
});
