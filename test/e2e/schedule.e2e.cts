/**
 * Scheduled automation in a running n8n: Schedule Trigger (every 3 s) → Speakr "Get many recordings", created and
 * published through the REST API like the editor does. n8n must run it on its own, on schedule, against the fake
 * Speakr, and every execution must succeed with our node's items in the stored execution data.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { INode, IRunExecutionData } from 'n8n-workflow';
import type { FakeSpeakr } from '../fakes/speakr.cjs';
import { SPEAKR_TOKEN, startFakeSpeakr } from '../fakes/speakr.cjs';
import {
	createLinkedUserFolder,
	ensureN8nHost,
	HOST_DIR,
	importCredentials,
	N8nServer,
	PACKAGE_NAME,
	progress,
	type UserFolder,
	type WorkflowJson,
} from './lib/n8n.cjs';

const INTERVAL_S = 3;
const WANTED = 2;

// n8n stores execution data with `flatted`; read it with n8n's own copy.
const hostRequire = createRequire(path.join(HOST_DIR, 'node_modules', 'n8n', 'package.json'));
const flatted = hostRequire('flatted') as { parse(text: string): unknown };

let fake: FakeSpeakr | undefined;
let uf: UserFolder | undefined;
let server: N8nServer | undefined;

beforeAll(async () => {
	ensureN8nHost();
	fake = await startFakeSpeakr({ recordings: 4 });
	uf = createLinkedUserFolder();
	await importCredentials(uf, [
		{
			id: 'speakrCred000001',
			name: 'Speakr account',
			type: 'speakrApi',
			data: { baseUrl: fake.url, apiToken: SPEAKR_TOKEN },
		},
	]);
	server = await N8nServer.start(uf);
}, 20 * 60_000);

afterAll(async () => {
	await server?.stop();
	uf?.cleanup();
	await fake?.close();
});

const scheduled: WorkflowJson = {
	name: 'e2e schedule: every 3 s → Speakr recordings',
	nodes: [
		{
			id: 's1',
			name: 'Every 3 Seconds',
			type: 'n8n-nodes-base.scheduleTrigger',
			typeVersion: 1.2,
			position: [0, 0],
			parameters: { rule: { interval: [{ field: 'seconds', secondsInterval: INTERVAL_S }] } },
		},
		{
			id: 's2',
			name: 'Recordings',
			type: `${PACKAGE_NAME}.speakr`,
			typeVersion: 1,
			position: [220, 0],
			parameters: {
				resource: 'recording',
				operation: 'getAll',
				limit: 2,
				simplify: true,
				filters: {},
				sort: {},
				requestOptions: {},
			},
			credentials: { speakrApi: { id: 'speakrCred000001', name: 'Speakr account' } },
		},
	] as INode[],
	connections: { 'Every 3 Seconds': { main: [[{ node: 'Recordings', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
};

test(`a published Schedule Trigger → Speakr workflow runs every ${INTERVAL_S} s on its own and each run succeeds`, async () => {
	fake!.resetStats();
	const activatedAt = Date.now();
	const workflowId = await server!.createAndActivateWorkflow(scheduled);
	const executions = await server!.waitForExecutions(
		(list) => list.filter((e) => e.status === 'success').length >= WANTED,
		{ workflowId },
		// Generous: on a busy machine n8n's start of each run can lag by many seconds.
		WANTED * INTERVAL_S * 1000 + 120_000,
	);
	const elapsed = (Date.now() - activatedAt) / 1000;
	progress(`schedule: ${executions.length} executions in ${elapsed.toFixed(1)} s after activation`);
	// Deactivate so no further runs race with the checks below.
	await server!.rest('POST', `/rest/workflows/${workflowId}/deactivate`);

	const finished = executions.filter((e) => e.status !== 'running' && e.status !== 'new');
	for (const e of finished)
		expect(e).toMatchObject({ workflowId, mode: 'trigger', status: 'success' });

	// The fake saw one authenticated recordings request per run. (Not checked: the gap between runs. It is n8n's
	// cron timing, and a busy machine delays one run's request by seconds and not the next's.)
	const calls = fake!.stats.log.filter((r) => r.path === '/api/v1/recordings');
	expect(calls.length).toBeGreaterThanOrEqual(WANTED);
	for (const c of calls) {
		expect(c.status).toBe(200);
		expect(c.headers.authorization).toBe(`Bearer ${SPEAKR_TOKEN}`);
	}

	// Each stored execution holds our node's two items.
	for (const e of finished.slice(0, WANTED)) {
		const full = await server!.rest<{ data: string }>('GET', `/rest/executions/${e.id}`);
		const data = flatted.parse(full.data) as IRunExecutionData;
		const runs = data.resultData.runData.Recordings;
		expect(runs).toHaveLength(1);
		const items = runs[0].data?.main[0] ?? [];
		expect(items.map((i) => i.json.title)).toEqual(['Meeting 4', 'Meeting 3']);
	}
}, 300_000);
