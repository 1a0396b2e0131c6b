/**
 * Queue mode at scale: redis-server (Debian) + `n8n start` + 2 × `n8n worker` (concurrency 2 each), every
 * process with the package loaded, against the fake Speakr and Audiobookshelf.
 *
 * 1. 200 webhook executions of Webhook → Speakr (Get many recordings) → Audiobookshelf (Get many libraries):
 *    every call answers with our nodes' output, all 200 executions succeed, and both workers ran some
 *    (counted from each worker's "Worker finished execution <id>" log lines; the ids add up to the 200).
 * 2. The Audiobookshelf polling trigger. In n8n 2.41's default queue mode, polls run on the main instance (the
 *    leader) and only the executions they emit go to the workers; the cursor is the workflow's static data, kept
 *    in the leader's memory between polls and written to the database when a poll emits. Proven here: activation
 *    sets the cursor (no items), each scheduled poll emits only the book added since the previous one (never a
 *    book again), the executions run on workers (not on main), and the stored static data advances per poll.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { INode } from 'n8n-workflow';
import {
	ABS_TOKEN,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../fakes/audiobookshelf.cjs';
import { SPEAKR_TOKEN, startFakeSpeakr, type FakeSpeakr } from '../fakes/speakr.cjs';
import {
	createLinkedUserFolder,
	ensureN8nHost,
	importCredentials,
	PACKAGE_NAME,
	progress,
	REPO_ROOT,
	startQueueCluster,
	type ExecutionSummary,
	type N8nServer,
	type QueueCluster,
	type UserFolder,
	type WorkflowJson,
} from './lib/n8n.cjs';

const EXECUTIONS = 200;
const IN_FLIGHT = 10;

let speakr: FakeSpeakr | undefined;
let abs: FakeAudiobookshelf | undefined;
let uf: UserFolder | undefined;
let cluster: QueueCluster | undefined;

const credentials = {
	speakrApi: { id: 'speakrCred000001', name: 'Speakr account' },
	audiobookshelfApi: { id: 'audiobookshelfCred000001', name: 'Audiobookshelf account' },
};

beforeAll(async () => {
	ensureN8nHost();
	const redis = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', 'ensure-redis.sh')], {
		stdio: 'inherit',
	});
	if (redis.status !== 0) throw new Error('scripts/ensure-redis.sh failed');
	speakr = await startFakeSpeakr({ recordings: 3 });
	abs = await startFakeAudiobookshelf({ books: 3 });
	uf = createLinkedUserFolder();
	await importCredentials(uf, [
		{
			...credentials.speakrApi,
			type: 'speakrApi',
			data: { baseUrl: speakr.url, apiToken: SPEAKR_TOKEN },
		},
		{
			...credentials.audiobookshelfApi,
			type: 'audiobookshelfApi',
			data: { baseUrl: abs.url, apiToken: ABS_TOKEN },
		},
	]);
	cluster = await startQueueCluster(uf, {
		workers: 2,
		concurrency: 2,
		env: process.env.E2E_DEBUG_LOG === '1' ? { N8N_LOG_LEVEL: 'debug' } : {},
	});
}, 20 * 60_000);

afterAll(async () => {
	await cluster?.stop();
	uf?.cleanup();
	await speakr?.close();
	await abs?.close();
});

async function until(what: string, condition: () => boolean, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** Execution ids each worker reports as finished ("Worker finished execution 12 (job 34)"). */
function finishedBy(worker: N8nServer): Set<string> {
	return new Set(
		[...worker.logText().matchAll(/Worker finished execution (\d+)/g)].map((m) => m[1]),
	);
}

const webhookWorkflow: WorkflowJson = {
	name: 'e2e queue-scale: webhook → Speakr → Audiobookshelf',
	nodes: [
		{
			id: 'w1',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: '6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5',
			parameters: {
				httpMethod: 'GET',
				path: 'e2e-queue-scale',
				responseMode: 'lastNode',
				responseData: 'allEntries',
			},
		},
		{
			id: 'w2',
			name: 'Recordings',
			type: `${PACKAGE_NAME}.speakr`,
			typeVersion: 1,
			position: [220, 0],
			parameters: {
				resource: 'recording',
				operation: 'getAll',
				limit: 1,
				simplify: true,
				filters: {},
				sort: {},
				requestOptions: {},
			},
			credentials: { speakrApi: credentials.speakrApi },
		},
		{
			id: 'w3',
			name: 'Libraries',
			type: `${PACKAGE_NAME}.audiobookshelf`,
			typeVersion: 1,
			position: [440, 0],
			parameters: { resource: 'library', operation: 'getAll', requestOptions: {} },
			credentials: { audiobookshelfApi: credentials.audiobookshelfApi },
		},
	] as INode[],
	connections: {
		Webhook: { main: [[{ node: 'Recordings', type: 'main', index: 0 }]] },
		Recordings: { main: [[{ node: 'Libraries', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
};

test(
	`${EXECUTIONS} webhook executions with our nodes: all succeed, both workers take some`,
	async () => {
		const { main, workers } = cluster!;
		const workflowId = await main.createAndActivateWorkflow(webhookWorkflow);
		speakr!.resetStats();
		abs!.resetStats();

		const started = Date.now();
		const answers: Array<{ status: number; data: unknown }> = [];
		let next = 0;
		await Promise.all(
			Array.from({ length: IN_FLIGHT }, async () => {
				while (next < EXECUTIONS) {
					const n = next++;
					// Each call answers when its execution ends: queued behind up to IN_FLIGHT - 1 others on 2 workers × 2,
					// so a busy machine can take minutes; the ceiling says when something is stuck rather than slow.
					const r = await main.callWebhook('e2e-queue-scale', {
						params: { n: String(n) },
						retryForMs: 30_000,
						timeoutMs: 5 * 60_000,
					});
					answers.push({ status: r.status, data: r.data });
				}
			}),
		);
		const seconds = (Date.now() - started) / 1000;
		progress(
			`queue-scale: ${EXECUTIONS} webhook executions in ${seconds.toFixed(1)} s (${IN_FLIGHT} in flight, 2 workers × 2)`,
		);

		expect(answers).toHaveLength(EXECUTIONS);
		for (const a of answers) {
			expect(a.status).toBe(200);
			expect((a.data as Array<{ name: string }>).map((l) => l.name)).toEqual(['Books', 'Podcasts']);
		}
		expect(
			speakr!.stats.log.filter((r) => r.path === '/api/v1/recordings' && r.status === 200),
		).toHaveLength(EXECUTIONS);
		expect(
			abs!.stats.log.filter((r) => r.path === '/api/libraries' && r.status === 200),
		).toHaveLength(EXECUTIONS);

		// All of this workflow's executions: n8n pages them (at most 100 a page, then its nextCursor).
		const executions: ExecutionSummary[] = [];
		let cursor: string | null = null;
		do {
			const query = new URLSearchParams({ filter: JSON.stringify({ workflowId }), limit: '100' });
			if (cursor) query.set('cursor', cursor);
			const page: { results: ExecutionSummary[]; nextCursor?: string | null } = await main.rest(
				'GET',
				`/rest/executions?${query.toString()}`,
			);
			executions.push(...page.results);
			cursor = page.nextCursor ?? null;
		} while (cursor);
		expect(executions).toHaveLength(EXECUTIONS);
		expect(executions.filter((e) => e.status !== 'success')).toEqual([]);

		const byWorker = workers.map(finishedBy);
		const ids = new Set(executions.map((e) => e.id));
		progress(
			`queue-scale: worker1 finished ${byWorker[0].size}, worker2 finished ${byWorker[1].size}`,
		);
		for (const set of byWorker) expect(set.size).toBeGreaterThan(0);
		const ran = [...byWorker[0], ...byWorker[1]].filter((id) => ids.has(id));
		expect(new Set(ran).size).toBe(EXECUTIONS); // every execution ran on exactly one of the two workers
		expect(ran).toHaveLength(EXECUTIONS);
		await main.rest('POST', `/rest/workflows/${workflowId}/deactivate`);
	},
	20 * 60_000,
);

test(
	'Audiobookshelf polling trigger: polls on the leader, executions on workers, cursor kept in the database',
	async () => {
		const { main, workers } = cluster!;
		// One poll a minute is n8n's floor; a fixed second 20 s ahead keeps the wait predictable.
		const second = (new Date().getUTCSeconds() + 10) % 60;
		const triggerWorkflow: WorkflowJson = {
			name: 'e2e queue-scale: Audiobookshelf new item',
			nodes: [
				{
					id: 't1',
					name: 'New Item',
					type: `${PACKAGE_NAME}.audiobookshelfTrigger`,
					typeVersion: 1,
					position: [0, 0],
					parameters: {
						pollTimes: { item: [{ mode: 'custom', cronExpression: `${second} * * * * *` }] },
						event: 'newItem',
						libraryScope: 'all',
						simplify: true,
					},
					credentials: { audiobookshelfApi: credentials.audiobookshelfApi },
				},
				{
					id: 't2',
					name: 'Received',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [220, 0],
					parameters: {},
				},
			] as INode[],
			connections: { 'New Item': { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
		};

		const workflowId = await main.createAndActivateWorkflow(triggerWorkflow);
		const staticData = async () =>
			JSON.stringify(
				(await main.rest<{ staticData?: unknown }>('GET', `/rest/workflows/${workflowId}`))
					.staticData ?? null,
			);
		// Activation polled once: the cursor is set from what exists (in the leader's memory; n8n writes static data
		// to the database when a poll emits), nothing is emitted.
		const afterActivation = await staticData();
		expect(await main.listExecutions({ workflowId })).toHaveLength(0);

		const titles = async (e: ExecutionSummary): Promise<string[]> => {
			const full = await main.rest<{ data: string }>('GET', `/rest/executions/${e.id}`);
			// n8n's flatted format: the titles are plain strings in it; our simplified item carries `title`.
			return [...full.data.matchAll(/"(Queue Book [AB])"/g)]
				.map((m) => m[1])
				.filter((t, i, all) => all.indexOf(t) === i);
		};

		// The first scheduled poll sets the baseline the next polls compare against (n8n keeps no cursor from the
		// activation poll: a book added before the first scheduled poll counts as existing). Wait for it.
		const libraryReads = () => abs!.stats.log.filter((r) => r.path === '/api/libraries').length;
		const readsAtActivation = libraryReads();
		await until('the first scheduled poll', () => libraryReads() > readsAtActivation, 75_000);
		abs!.addBook({ title: 'Queue Book A' });
		const first = await main.waitForExecutions(
			(list) => list.some((e) => e.status === 'success'),
			{ workflowId },
			75_000,
		);
		const cursorAfterFirst = await staticData();
		expect(cursorAfterFirst).toContain('cursors');
		expect(cursorAfterFirst).not.toBe(afterActivation);

		abs!.addBook({ title: 'Queue Book B' });
		const both = await main.waitForExecutions(
			(list) => list.filter((e) => e.status === 'success').length >= 2,
			{ workflowId },
			75_000,
		);
		await main.rest('POST', `/rest/workflows/${workflowId}/deactivate`);
		const cursorAfterSecond = await staticData();
		expect(cursorAfterSecond).not.toBe(cursorAfterFirst);

		const ordered = [...both].sort((a, b) => Number(a.id) - Number(b.id));
		expect(ordered.map((e) => e.status)).toEqual(['success', 'success']);
		expect(ordered[0].id).toBe(first.find((e) => e.status === 'success')!.id);
		expect(await titles(ordered[0])).toEqual(['Queue Book A']);
		expect(await titles(ordered[1])).toEqual(['Queue Book B']); // not A again: the cursor held

		const where = ordered.map((e) => workers.findIndex((w) => finishedBy(w).has(e.id)) + 1);
		progress(
			`queue-scale trigger: poll executions ${ordered.map((e) => e.id).join(', ')} ran on worker(s) ${where.join(', ')}`,
		);
		for (const w of where) expect(w).toBeGreaterThan(0); // on a worker, not on main
		expect(main.logText()).not.toMatch(/Worker finished execution/);
	},
	6 * 60_000,
);
