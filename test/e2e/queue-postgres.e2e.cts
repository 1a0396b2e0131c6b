/**
 * Queue mode as people scale n8n: PostgreSQL + Redis + 1 main + 2 workers + 1 webhook processor (`n8n webhook`),
 * every process a real n8n 2.41.1 with this package installed in its own user folder (./lib/cluster.cts).
 *
 * Load: E2E_SCALE_EXECUTIONS (default 1,000) executions that use our nodes, started the three ways a deployment
 * starts them, against the four services' fakes:
 * - webhook-triggered, through the webhook processor: a Webhook node in front of each service's Return All list
 *   plus a Get by ID that tags the execution at the fake (Speakr, Audiobookshelf), and our Speakr / AudioBookRequest
 *   trigger nodes receiving signed deliveries from the fakes (their webhook() runs on the webhook processor);
 * - scheduled: a Schedule Trigger (every 2 s) → AutoPi Get Many vehicles;
 * - polling: the Audiobookshelf trigger (polls on main, the leader) → Audiobookshelf Get item per new book.
 * Counted in n8n's database (PostgreSQL) and at the fakes: every execution succeeded, none is missing, none ran
 * twice, both workers ran some. Throughput and the webhook round trips' p50/p95 are printed.
 *
 * Faults: a worker SIGKILLed while it runs Return All executions; a worker restarted; Redis restarted; main
 * restarted while the Audiobookshelf trigger is active. Each records what n8n stored and checks nothing was lost
 * silently or run twice, the trigger's cursor, and that Speakr / AudioBookRequest registrations stay one each.
 *
 * Nothing waits for a fixed time: every wait is a condition with a generous ceiling.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

import type { INode } from 'n8n-workflow';

import {
	ABR_ADMIN_TOKEN,
	ABR_BOOKS,
	startFakeAudioBookRequest,
	type FakeAudioBookRequest,
} from '../fakes/audiobookrequest.cjs';
import {
	ABS_TOKEN,
	BOOK_LIBRARY_ID,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../fakes/audiobookshelf.cjs';
import { AUTOPI_TOKEN, startFakeAutoPi, type FakeAutoPi } from '../fakes/autopi.cjs';
import type { FakeServer } from '../fakes/base.cjs';
import { SPEAKR_TOKEN, startFakeSpeakr, type FakeSpeakr } from '../fakes/speakr.cjs';
import {
	ensureQueueServices,
	executionsInLog,
	percentile,
	startScaledCluster,
	type ScaledCluster,
} from './lib/cluster.cjs';
import { ensureN8nHost, logTail, PACKAGE_NAME, progress, type WorkflowJson } from './lib/n8n.cjs';
import { createCredential, sleep, waitFor } from './lib/services.cjs';

const EXECUTIONS = Number(process.env.E2E_SCALE_EXECUTIONS ?? 1000);
/** Webhook calls / deliveries in flight at once during the load. */
const IN_FLIGHT = 12;
/** Shares of the load: 84 % Webhook-node calls (4 services), 7 % Speakr deliveries, 7 % AudioBookRequest ones. */
const PER_WEBHOOK_SERVICE = Math.round((EXECUTIONS * 0.84) / 4);
const SPEAKR_DELIVERIES = Math.round(EXECUTIONS * 0.07);
const ABR_DELIVERIES = Math.round(EXECUTIONS * 0.07);
/** The rest (at least 2 %) are scheduled runs; the schedule is turned off once it made this many. */
const SCHEDULED = EXECUTIONS - 4 * PER_WEBHOOK_SERVICE - SPEAKR_DELIVERIES - ABR_DELIVERIES;
const MINUTE = 60_000;

let speakr: FakeSpeakr;
let abs: FakeAudiobookshelf;
let abr: FakeAudioBookRequest;
let autopi: FakeAutoPi;
let cluster: ScaledCluster | undefined;
let credentials: Record<string, { id: string; name: string }> = {};
/** Workflow ids by role. */
const ids: Record<string, string> = {};
const suiteStarted = Date.now();

beforeAll(async () => {
	ensureN8nHost();
	ensureQueueServices();
	[speakr, abs, abr, autopi] = await Promise.all([
		// Recordings 1..PER_WEBHOOK_SERVICE are fetched by the webhook load, the next ones by the trigger's deliveries.
		startFakeSpeakr({ recordings: Math.max(PER_WEBHOOK_SERVICE + SPEAKR_DELIVERIES, 60) }),
		startFakeAudiobookshelf({ books: PER_WEBHOOK_SERVICE }),
		startFakeAudioBookRequest(),
		startFakeAutoPi({ devices: 3, tripsPerDevice: 40 }),
	]);
	// Requests for the AudioBookRequest list (before its trigger exists: no notification goes out).
	for (const book of Object.values(ABR_BOOKS)) {
		const r = await fetch(`${abr.url}/api/requests/${book.asin}`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${ABR_ADMIN_TOKEN}` },
		});
		if (r.status >= 400 && r.status !== 500)
			throw new Error(`seeding request ${book.asin}: ${r.status}`);
	}
	expect(abr.state.requests.length).toBeGreaterThan(0);
	// Speakr refuses loopback webhook URLs unless its admin allows them (WEBHOOK_INTRANET_HOST_ALLOWLIST).
	speakr.state.intranetAllowlist = /^127\.0\.0\.1$/;
	const started = Date.now();
	cluster = await startScaledCluster({
		workers: 2,
		concurrency: 5,
		// n8n's own lock settings (lockDuration 60 s, renewed every 10 s, stalled check every 30 s), as deployed.
		// Shorter locks notice a killed worker sooner, but a busy machine that delays a renewal past them fails a
		// healthy job as "stalled" (n8n sets maxStalledCount 0).
		env: {
			// n8n's default (0) removes a finished job from Redis at once. A webhook processor that starts waiting
			// for a job after it finished then finds nothing and waits forever (Bull's job.finished() race): its
			// caller never gets an answer although the execution succeeded. Keeping the last jobs closes that window;
			// the README's "Running at scale" recommends it.
			N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED: '5000',
		},
	});
	progress(`queue-postgres: topology up in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	const { main } = cluster;
	const specs: Array<[string, string, Record<string, unknown>]> = [
		['speakrApi', 'Speakr', { baseUrl: speakr.url, apiToken: SPEAKR_TOKEN, authScheme: 'bearer' }],
		[
			'audiobookshelfApi',
			'Audiobookshelf',
			{ baseUrl: abs.url, apiToken: ABS_TOKEN, authScheme: 'bearer' },
		],
		['audioBookRequestApi', 'AudioBookRequest', { baseUrl: abr.url, apiToken: ABR_ADMIN_TOKEN }],
		['autoPiApi', 'AutoPi', { baseUrl: autopi.url, authType: 'apiToken', apiToken: AUTOPI_TOKEN }],
	];
	credentials = {};
	for (const [type, name, data] of specs)
		credentials[type] = { id: await createCredential(main, type, name, data), name };
}, 25 * MINUTE);

afterAll(async () => {
	await cluster?.stop();
	await Promise.all([speakr, abs, abr, autopi].map(async (fake) => await fake?.close()));
	progress(
		`queue-postgres SUMMARY: suite ${((Date.now() - suiteStarted) / 1000).toFixed(0)} s; load ${JSON.stringify(load)}; faults ${JSON.stringify(outcomes)}`,
	);
});

// ---------------------------------------------------------------------------------------------------------------
// Workflows

let nodeSeq = 0;
function node(
	name: string,
	type: string,
	parameters: Record<string, unknown>,
	extra: Partial<INode> = {},
): INode {
	nodeSeq++;
	const credentialType = {
		speakr: 'speakrApi',
		speakrTrigger: 'speakrApi',
		audiobookshelf: 'audiobookshelfApi',
		audiobookshelfTrigger: 'audiobookshelfApi',
		audioBookRequest: 'audioBookRequestApi',
		audioBookRequestTrigger: 'audioBookRequestApi',
		autoPi: 'autoPiApi',
	}[type];
	return {
		id: `00000000-0000-4000-8000-${String(nodeSeq).padStart(12, '0')}`,
		name,
		type: credentialType ? `${PACKAGE_NAME}.${type}` : type,
		typeVersion: 1,
		position: [nodeSeq * 220, 0],
		parameters,
		...(credentialType ? { credentials: { [credentialType]: credentials[credentialType] } } : {}),
		...extra,
	} as INode;
}

function chain(name: string, nodes: INode[], settings: Record<string, unknown> = {}): WorkflowJson {
	const connections: WorkflowJson['connections'] = {};
	for (let i = 0; i + 1 < nodes.length; i++)
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { name, nodes, connections, settings: { executionOrder: 'v1', ...settings } };
}

const webhookNode = (path: string, responseMode = 'lastNode') =>
	node(
		'Webhook',
		'n8n-nodes-base.webhook',
		{ httpMethod: 'GET', path, responseMode, responseData: 'firstEntryJson', options: {} },
		{
			typeVersion: 2,
			webhookId: `0000${path.padEnd(8, '0').slice(0, 8)}-0000-4000-8000-000000000000`,
		},
	);

const byId = (field: string, value: string) => ({ [field]: { __rl: true, mode: 'id', value } });

/** Webhook → Speakr Return All → Speakr Get recording `n` (tags the execution at the fake). */
const speakrLoad = () =>
	chain('scale: webhook → Speakr', [
		webhookNode('scale-speakr'),
		node(
			'All Recordings',
			'speakr',
			{
				resource: 'recording',
				operation: 'getAll',
				returnAll: true,
				simplify: true,
				filters: {},
				sort: {},
				requestOptions: {},
			},
			{ executeOnce: true },
		),
		node(
			'Recording',
			'speakr',
			{
				resource: 'recording',
				operation: 'get',
				...byId('recordingId', "={{ $('Webhook').first().json.query.n }}"),
				simplify: true,
				requestOptions: {},
			},
			{ executeOnce: true },
		),
	]);

/** Webhook → Audiobookshelf Return All (books library) → Get item `id`. */
const absLoad = () =>
	chain('scale: webhook → Audiobookshelf', [
		webhookNode('scale-abs'),
		node(
			'All Items',
			'audiobookshelf',
			{
				resource: 'libraryItem',
				operation: 'getAll',
				...byId('libraryId', BOOK_LIBRARY_ID),
				returnAll: true,
				simplify: true,
			},
			{ executeOnce: true },
		),
		node(
			'Item',
			'audiobookshelf',
			{
				resource: 'libraryItem',
				operation: 'get',
				...byId('libraryItemId', "={{ $('Webhook').first().json.query.id }}"),
				simplify: true,
			},
			{ executeOnce: true },
		),
	]);

/** Webhook → AutoPi Return All trips of every device. */
const autopiLoad = () =>
	chain('scale: webhook → AutoPi', [
		webhookNode('scale-autopi'),
		node('All Trips', 'autoPi', {
			resource: 'trip',
			operation: 'getAll',
			deviceId: { __rl: true, mode: 'list', value: '' },
			returnAll: true,
			simplify: true,
			filters: {},
			requestOptions: {},
		}),
	]);

/** Webhook → AudioBookRequest Return All requests. */
const abrLoad = () =>
	chain('scale: webhook → AudioBookRequest', [
		webhookNode('scale-abr'),
		node('All Requests', 'audioBookRequest', {
			resource: 'request',
			operation: 'getAll',
			filter: 'all',
			returnAll: true,
		}),
	]);

/** Speakr Trigger (signed deliveries, verified on the webhook processor) → Speakr Get recording of the event. */
const speakrTrigger = () =>
	chain('scale: Speakr Trigger', [
		node(
			'Speakr Trigger',
			'speakrTrigger',
			{ events: ['recording.created'], includeContent: false },
			{
				webhookId: '5eaa0000-0000-4000-8000-000000000001',
			},
		),
		node('Recording', 'speakr', {
			resource: 'recording',
			operation: 'get',
			...byId('recordingId', '={{ $json.data.recording_id }}'),
			simplify: true,
			requestOptions: {},
		}),
	]);

/** AudioBookRequest Trigger (secret header, verified on the webhook processor). */
const abrTrigger = () =>
	chain('scale: AudioBookRequest Trigger', [
		node(
			'ABR Trigger',
			'audioBookRequestTrigger',
			{ events: ['onNewRequest'] },
			{
				webhookId: 'abaa0000-0000-4000-8000-000000000001',
			},
		),
		node('Received', 'n8n-nodes-base.noOp', {}),
	]);

/** Schedule Trigger every 3 s → AutoPi Get Many vehicles (a route nothing else uses). */
const scheduled = () =>
	chain('scale: every 3 s → AutoPi', [
		node(
			'Every 3 Seconds',
			'n8n-nodes-base.scheduleTrigger',
			{
				rule: { interval: [{ field: 'seconds', secondsInterval: 3 }] },
			},
			{ typeVersion: 1.2 },
		),
		node('Vehicles', 'autoPi', { resource: 'vehicle', operation: 'getAll', requestOptions: {} }),
	]);

/** Audiobookshelf Trigger (New Item, every minute at a fixed second) → Get item of each new book. */
const absTrigger = (second: number) =>
	chain(
		'scale: Audiobookshelf Trigger',
		[
			node('New Item', 'audiobookshelfTrigger', {
				pollTimes: { item: [{ mode: 'custom', cronExpression: `${second} * * * * *` }] },
				event: 'newItem',
				libraryScope: 'all',
				simplify: true,
			}),
			node('New Book', 'audiobookshelf', {
				resource: 'libraryItem',
				operation: 'get',
				...byId('libraryItemId', '={{ $json.id }}'),
				simplify: true,
			}),
		],
		{ saveDataSuccessExecution: 'all' },
	);

// ---------------------------------------------------------------------------------------------------------------
// Reading what happened

interface ExecutionRow {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
}

function executionsOf(workflowId?: string): ExecutionRow[] {
	const where = workflowId ? `WHERE "workflowId" = '${workflowId}'` : '';
	return cluster!.postgres
		.query(`SELECT id, "workflowId", status, mode FROM execution_entity ${where} ORDER BY id`)
		.map(([id, wf, status, mode]) => ({ id, workflowId: wf, status, mode }));
}

const countBy = (rows: ExecutionRow[]) =>
	rows.reduce<Record<string, number>>(
		(acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }),
		{},
	);

const unfinished = (rows: ExecutionRow[]) =>
	rows.filter((r) => ['new', 'running', 'waiting'].includes(r.status));

/** Requests a fake answered on paths matching `pattern`, per path (status 2xx only; `skip` tests the query). */
function requestsPerPath(fake: FakeServer, pattern: RegExp, skip?: RegExp): Map<string, number> {
	const counts = new Map<string, number>();
	for (const r of fake.stats.log)
		if (pattern.test(r.path) && !skip?.test(r.query) && r.status >= 200 && r.status < 300)
			counts.set(r.path, (counts.get(r.path) ?? 0) + 1);
	return counts;
}

const requestsTo = (fake: FakeServer, pattern: RegExp, skip?: RegExp) =>
	[...requestsPerPath(fake, pattern, skip).values()].reduce((a, b) => a + b, 0);

/** Finished execution ids per worker slot, over every log that slot wrote (restarts included). */
function finishedPerWorker(): Array<Set<string>> {
	return cluster!.workerLogs.map(
		(logs) => new Set(logs.flatMap((file) => executionsInLog(file, 'finished'))),
	);
}

/** Speakr webhooks / AudioBookRequest notifications that point at this n8n (the webhook processor's URL). */
function registrations(): { speakr: number; abr: number } {
	const ours = (url: unknown) => String(url).startsWith(cluster!.webhookUrl);
	return {
		speakr: speakr.state.webhooks.filter((w) => ours(w.url)).length,
		abr: abr.state.notifications.filter((n) => ours(n.url)).length,
	};
}

function registrationState(): string {
	return `Speakr webhooks ${JSON.stringify(speakr.state.webhooks.map((w) => w.url))}, AudioBookRequest notifications ${JSON.stringify(abr.state.notifications.map((n) => n.url))}`;
}

/** Polls `condition` every 250 ms; on timeout throws with `describe()` (the state then, not at the start). */
async function until(
	condition: () => boolean | Promise<boolean>,
	describe: () => string,
	timeoutMs: number,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${describe()}`);
		await sleep(250);
	}
}

async function activate(workflow: WorkflowJson): Promise<string> {
	return await cluster!.main.createAndActivateWorkflow(workflow);
}

async function deactivate(workflowId: string): Promise<void> {
	await cluster!.main.rest('POST', `/rest/workflows/${workflowId}/deactivate`);
}

async function reactivate(workflowId: string): Promise<void> {
	const wf = await cluster!.main.rest<{ versionId: string }>(
		'GET',
		`/rest/workflows/${workflowId}`,
	);
	await cluster!.main.activateWorkflow(workflowId, wf.versionId);
}

/** Runs `tasks` with at most `limit` at once. */
async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
	const results: T[] = new Array(tasks.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(limit, tasks.length) }, async () => {
			while (next < tasks.length) {
				const i = next++;
				results[i] = await tasks[i]();
			}
		}),
	);
	return results;
}

/** Deterministic shuffle (mixes the four services and the deliveries through the whole run). */
function shuffle<T>(items: T[]): T[] {
	let seed = 12;
	const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
	const copy = [...items];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[copy[i], copy[j]] = [copy[j], copy[i]];
	}
	return copy;
}

async function waitUntilSettled(workflowIds: string[], what: string, timeoutMs = 10 * MINUTE) {
	await waitFor(
		() => workflowIds.every((id) => unfinished(executionsOf(id)).length === 0),
		what,
		timeoutMs,
	);
}

/** A webhook call through the webhook processor; one that gets no answer fails with what n8n and the fakes saw. */
const webhookCall = async (path: string, params: Record<string, string>) => {
	const t = Date.now();
	try {
		const r = await cluster!.webhook.callWebhook(path, {
			params,
			retryForMs: 60_000,
			timeoutMs: 3 * MINUTE,
		});
		return { status: r.status, data: r.data as Record<string, unknown>, ms: Date.now() - t };
	} catch (error) {
		throw new Error(
			`GET /webhook/${path}?${new URLSearchParams(params).toString()} got no answer after ${Date.now() - t} ms ` +
				`(${(error as Error).message}). ${noAnswerDiagnosis()}`,
		);
	}
};

/** What to look at when a webhook call got no answer: unfinished executions and the workers' complaints. */
function noAnswerDiagnosis(): string {
	const statuses = countBy(executionsOf());
	const complaints = cluster!.workerLogs
		.flat()
		.concat(cluster!.webhook.logFile, cluster!.main.logFile)
		.flatMap((file) =>
			logTail(file, 100_000)
				.split('\n')
				.filter((line) => /stalled|lock|Unrecognized|failed|error/i.test(line))
				.slice(-5)
				.map((line) => `${path.basename(file)}: ${line.slice(0, 300)}`),
		);
	return `Executions by status: ${JSON.stringify(statuses)}; unfinished: ${JSON.stringify(unfinished(executionsOf()).slice(0, 10))}; log lines:\n${complaints.join('\n')}`;
}

// ---------------------------------------------------------------------------------------------------------------

test('topology: PostgreSQL + Redis, main, 2 workers and a webhook processor, each with the package', async () => {
	const c = cluster!;
	// n8n's tables are in our PostgreSQL (and no process fell back to SQLite).
	expect(
		c.postgres.query(
			"SELECT count(*) FROM information_schema.tables WHERE table_name = 'execution_entity'",
		),
	).toEqual([['1']]);
	for (const p of [c.main, ...c.workers, c.webhook]) {
		expect(p.logText()).not.toMatch(/database\.sqlite|SQLite/i);
		expect(p.logText()).not.toMatch(/Unrecognized node type|Problem loading/i);
	}
	expect(c.main.logText()).toMatch(/n8n ready on 127\.0\.0\.1/);
	expect(c.webhook.logText()).toMatch(/Webhook listener waiting for requests/);
	for (const w of c.workers) expect(w.logText()).toMatch(/n8n worker server listening/);
	// Every process lists our nodes (the webhook processor and workers load them from their own folders).
	const types = (await c.main.nodeTypes()).map((t) => t.name);
	for (const n of [
		'speakr',
		'speakrTrigger',
		'audiobookshelf',
		'audiobookshelfTrigger',
		'audioBookRequest',
		'audioBookRequestTrigger',
		'autoPi',
	])
		expect(types).toContain(`${PACKAGE_NAME}.${n}`);
});

interface LoadReport {
	executions: number;
	seconds: number;
	throughput: number;
	p50: number;
	p95: number;
}
let load: LoadReport | undefined;

test(
	`load: ${EXECUTIONS} executions (webhook processor, schedule, polling) — 0 lost, 0 duplicated, both workers`,
	async () => {
		const c = cluster!;
		// Triggers first: their registrations and the polling baseline must exist before the load.
		const second = (new Date().getUTCSeconds() + 15) % 60;
		ids.absTrigger = await activate(absTrigger(second));
		ids.speakrTrigger = await activate(speakrTrigger());
		ids.abrTrigger = await activate(abrTrigger());
		// Activation registers them with the services (main, the leader, does it).
		await until(
			() => registrations().speakr === 1 && registrations().abr === 1,
			() => `one registration each; ${registrationState()}`,
			MINUTE,
		);
		const hook = speakr.state.webhooks.find((w) => w.url.startsWith(c.webhookUrl))!;
		ids.speakr = await activate(speakrLoad());
		ids.abs = await activate(absLoad());
		ids.autopi = await activate(autopiLoad());
		ids.abr = await activate(abrLoad());
		// The first scheduled poll sets the Audiobookshelf baseline (books added before it count as existing).
		const libraryReads = () => abs.stats.log.filter((r) => r.path === '/api/libraries').length;
		const readsBefore = libraryReads();
		await waitFor(
			() => libraryReads() > readsBefore,
			'the first scheduled Audiobookshelf poll',
			3 * MINUTE,
		);
		for (const fake of [speakr, abs, abr, autopi]) fake.resetStats();

		const books = abs.state.books.map((b) => String(b.id));
		type Outcome = { kind: string; status: number; ms: number; ok: boolean; unanswered?: string };
		type Task = () => Promise<Outcome>;
		const tasks: Task[] = [];
		// A call n8n never answers is recorded, not thrown: whether its execution ran (once) is counted below, in
		// the database and at the fakes, like every other call's.
		const loadCall = async (
			kind: string,
			path: string,
			params: Record<string, string>,
			ok: (data: Record<string, unknown> | undefined, status: number) => boolean,
		): Promise<Outcome> => {
			const t = Date.now();
			try {
				const r = await webhookCall(path, params);
				return { kind, status: r.status, ms: r.ms, ok: ok(r.data, r.status) };
			} catch (error) {
				const message = (error as Error).message;
				if (!message.includes('got no answer')) throw error;
				progress(`queue-postgres: ${message.slice(0, 3000)}`);
				return {
					kind,
					status: 0,
					ms: Date.now() - t,
					ok: false,
					unanswered: message.split('.')[0],
				};
			}
		};
		for (let n = 1; n <= PER_WEBHOOK_SERVICE; n++) {
			const bookId = books[n - 1];
			tasks.push(
				async () => await loadCall('speakr', 'scale-speakr', { n: String(n) }, (d) => d?.id === n),
				async () => await loadCall('abs', 'scale-abs', { id: bookId }, (d) => d?.id === bookId),
				async () =>
					await loadCall(
						'autopi',
						'scale-autopi',
						{ n: String(n) },
						(d) => typeof d?.id === 'string',
					),
				async () =>
					await loadCall('abr', 'scale-abr', { n: String(n) }, (_d, status) => status === 200),
			);
		}
		for (let k = 1; k <= SPEAKR_DELIVERIES; k++) {
			const recordingId = PER_WEBHOOK_SERVICE + k;
			tasks.push(async () => {
				const t = Date.now();
				const r = await speakr.deliver(
					hook.id,
					'recording.created',
					{ recording_id: recordingId },
					{ deliveryId: `scale-${k}` },
				);
				return {
					kind: 'speakrDelivery',
					status: r.status,
					ms: Date.now() - t,
					ok: r.status === 200,
				};
			});
		}
		for (let k = 1; k <= ABR_DELIVERIES; k++) {
			tasks.push(async () => {
				const t = Date.now();
				const [d] = await abr.fire('onNewRequest', { asin: Object.values(ABR_BOOKS)[0].asin });
				return {
					kind: 'abrDelivery',
					status: d?.status ?? 0,
					ms: Date.now() - t,
					ok: d?.status === 200,
				};
			});
		}

		const started = Date.now();
		ids.scheduled = await activate(scheduled());
		const loadIds = () => Object.values(ids);
		// Meanwhile: new books for the polling trigger (each must be emitted once), and the schedule turned off once
		// it has made its share.
		const added: string[] = [];
		let loading = true;
		let scheduleOn = true;
		let failed = false;
		const sideline = (async () => {
			let lastBook = 0;
			while (loading || (scheduleOn && !failed)) {
				if (scheduleOn && executionsOf(ids.scheduled).length >= SCHEDULED) {
					await deactivate(ids.scheduled);
					scheduleOn = false;
				}
				if (loading && Date.now() - lastBook > 20_000) {
					added.push(String(abs.addBook({ title: `Scale Book ${added.length + 1}` }).id));
					lastBook = Date.now();
				}
				await sleep(1_000);
			}
		})();
		let results: Awaited<ReturnType<Task>>[];
		try {
			results = await pool(shuffle(tasks), IN_FLIGHT);
		} catch (error) {
			failed = true;
			throw error;
		} finally {
			loading = false;
		}
		const callsDone = Date.now();
		await until(
			() => !scheduleOn,
			() => `${SCHEDULED} scheduled executions`,
			5 * MINUTE,
		).finally(() => (failed = true));
		await sideline;
		// Every added book emitted by a poll: wait for its Get at the fake (polls run once a minute).
		await until(
			() => added.every((id) => requestsPerPath(abs, /^\/api\/items\//).has(`/api/items/${id}`)),
			() => `every added book emitted by the Audiobookshelf trigger (${added.length} added)`,
			4 * MINUTE,
		);
		await waitUntilSettled(loadIds(), 'all load executions finished');
		const finished = Date.now();

		// --- HTTP side: every answered call answered with our nodes' output. A call n8n left unanswered is n8n's
		// own queue race (see N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED above); its execution is still counted below.
		const failedCalls = results.filter((r) => !r.unanswered && (r.status !== 200 || !r.ok));
		expect(failedCalls).toEqual([]);
		const unanswered = results.filter((r) => r.unanswered);
		if (unanswered.length)
			progress(
				`queue-postgres: n8n left ${unanswered.length} webhook call(s) unanswered: ${unanswered.map((r) => r.unanswered).join('; ')}`,
			);
		expect(unanswered.length).toBeLessThanOrEqual(Math.ceil(results.length / 100));

		// --- n8n's database: all succeeded, one execution per call / delivery.
		const rows = Object.fromEntries(
			Object.entries(ids).map(([role, id]) => [role, executionsOf(id)]),
		);
		const statusReport = Object.fromEntries(
			Object.entries(rows).map(([role, r]) => [role, countBy(r)]),
		);
		progress(`queue-postgres: executions by workflow and status ${JSON.stringify(statusReport)}`);
		for (const role of Object.keys(rows))
			expect({ role, notSuccess: rows[role].filter((r) => r.status !== 'success') }).toEqual({
				role,
				notSuccess: [],
			});
		for (const role of ['speakr', 'abs', 'autopi', 'abr'])
			expect({ role, n: rows[role].length }).toEqual({ role, n: PER_WEBHOOK_SERVICE });
		expect(rows.speakrTrigger).toHaveLength(SPEAKR_DELIVERIES);
		expect(rows.abrTrigger).toHaveLength(ABR_DELIVERIES);
		const all = Object.values(rows).flat();
		expect(all.length).toBeGreaterThanOrEqual(EXECUTIONS);

		// --- The fakes: each tagged Get exactly once (none lost, none twice), lists in whole multiples.
		const speakrGets = requestsPerPath(speakr, /^\/api\/v1\/recordings\/\d+$/);
		for (let n = 1; n <= PER_WEBHOOK_SERVICE + SPEAKR_DELIVERIES; n++)
			expect({ n, gets: speakrGets.get(`/api/v1/recordings/${n}`) ?? 0 }).toEqual({ n, gets: 1 });
		expect(speakrGets.size).toBe(PER_WEBHOOK_SERVICE + SPEAKR_DELIVERIES);
		const absGets = requestsPerPath(abs, /^\/api\/items\/[^/]+$/);
		for (const id of [...books, ...added])
			expect({ id, gets: absGets.get(`/api/items/${id}`) ?? 0 }).toEqual({ id, gets: 1 });
		expect(absGets.size).toBe(books.length + added.length);
		// Return All lists: the same number of pages per execution, so the totals are exact multiples.
		// (The Audiobookshelf trigger's polls read the same list, newest first: sort=addedAt.)
		const lists: Array<[string, FakeServer, RegExp, number, RegExp?]> = [
			['Speakr recordings', speakr, /^\/api\/v1\/recordings$/, PER_WEBHOOK_SERVICE],
			[
				'Audiobookshelf items',
				abs,
				new RegExp(`^/api/libraries/${BOOK_LIBRARY_ID}/items$`),
				PER_WEBHOOK_SERVICE,
				/sort=addedAt/,
			],
			['AutoPi trips', autopi, /^\/logbook\/v2\/trips\/$/, PER_WEBHOOK_SERVICE],
			['AudioBookRequest requests', abr, /^\/api\/requests/, PER_WEBHOOK_SERVICE],
			['AutoPi vehicles', autopi, /^\/vehicle\/v2\/profile\/$/, rows.scheduled.length],
		];
		for (const [what, fake, pattern, executions, skip] of lists) {
			const requests = requestsTo(fake, pattern, skip);
			progress(`queue-postgres: ${what}: ${requests} requests for ${executions} executions`);
			expect({
				what,
				remainder: requests % executions,
				atLeastOnePerExecution: requests >= executions,
			}).toEqual({ what, remainder: 0, atLeastOnePerExecution: true });
		}
		// Polling: each added book in exactly one poll execution; no poll emitted an old book.
		const polled = rows.absTrigger.length;

		// --- Both workers ran some; every execution ran on exactly one.
		const perWorker = finishedPerWorker();
		const loadExecutionIds = new Set(all.map((r) => r.id));
		const ran = perWorker.flatMap((set) => [...set].filter((id) => loadExecutionIds.has(id)));
		expect(new Set(ran).size).toBe(all.length);
		expect(ran).toHaveLength(all.length);
		for (const set of perWorker)
			expect([...set].filter((id) => loadExecutionIds.has(id)).length).toBeGreaterThan(0);

		const webhookMs = results
			.filter((r) => ['speakr', 'abs', 'autopi', 'abr'].includes(r.kind) && !r.unanswered)
			.map((r) => r.ms);
		const seconds = (finished - started) / 1000;
		load = {
			executions: all.length,
			seconds,
			throughput: all.length / seconds,
			p50: percentile(webhookMs, 50),
			p95: percentile(webhookMs, 95),
		};
		progress(
			`queue-postgres LOAD: ${all.length} executions (${PER_WEBHOOK_SERVICE * 4} webhook-node calls, ${SPEAKR_DELIVERIES} Speakr + ${ABR_DELIVERIES} AudioBookRequest deliveries, ${rows.scheduled.length} scheduled, ${polled} polls for ${added.length} new books) ` +
				`in ${seconds.toFixed(1)} s (calls done after ${((callsDone - started) / 1000).toFixed(1)} s) = ${load.throughput.toFixed(2)} executions/s; ` +
				`webhook round trip p50 ${load.p50} ms, p95 ${load.p95} ms; lost 0, duplicated 0; unanswered by n8n ${unanswered.length}; ` +
				`worker1 ${[...perWorker[0]].filter((id) => loadExecutionIds.has(id)).length}, worker2 ${[...perWorker[1]].filter((id) => loadExecutionIds.has(id)).length}`,
		);
	},
	30 * MINUTE,
);

// ---------------------------------------------------------------------------------------------------------------
// Faults

/** Webhook (answers at once) → Speakr Return All → Speakr Get recording `n`: slow while the fake is slowed down. */
const slowLoad = () =>
	chain('scale: slow Return All', [
		webhookNode('scale-slow', 'onReceived'),
		node(
			'All Recordings',
			'speakr',
			{
				resource: 'recording',
				operation: 'getAll',
				returnAll: true,
				simplify: true,
				filters: {},
				sort: {},
				requestOptions: {},
			},
			{ executeOnce: true },
		),
		node(
			'Recording',
			'speakr',
			{
				resource: 'recording',
				operation: 'get',
				...byId('recordingId', "={{ $('Webhook').first().json.query.n }}"),
				simplify: true,
				requestOptions: {},
			},
			{ executeOnce: true },
		),
	]);

/** Ids of executions worker `index` (its current process) started and has not finished. */
function runningOn(index: number): string[] {
	const file = cluster!.workers[index].logFile;
	const finished = new Set(executionsInLog(file, 'finished'));
	return executionsInLog(file, 'started').filter((id) => !finished.has(id));
}

/** Jobs Bull holds as active (being run by a worker), read from Redis. */
function activeJobs(): number {
	const r = spawnSync(
		'redis-cli',
		['-p', String(cluster!.redis.port), 'LLEN', 'bull:jobs:active'],
		{
			encoding: 'utf8',
		},
	);
	return Number(r.stdout.trim());
}

/** Speakr Get recording requests per id since the last resetStats(). */
const speakrGetsOf = (n: number) =>
	requestsPerPath(speakr, /^\/api\/v1\/recordings\/\d+$/).get(`/api/v1/recordings/${n}`) ?? 0;

const outcomes: Record<string, string> = {};
/** Executions that were running on the SIGKILLed worker. */
let killed: string[] = [];

test(
	'fault: a worker SIGKILLed while it runs Return All executions — recorded as failed, none re-run',
	async () => {
		const c = cluster!;
		ids.slow = await activate(slowLoad());
		speakr.resetStats();
		speakr.latencyMs = 1_500;
		const calls = 10;
		for (let n = 1; n <= calls; n++)
			expect((await webhookCall('scale-slow', { n: String(n) })).status).toBe(200);
		// Kill worker 1 while it runs some of them (its log says started, not finished).
		await until(
			() => runningOn(0).length > 0,
			() => 'worker 1 running a slow execution',
			3 * MINUTE,
		);
		const slowIds = new Set(executionsOf(ids.slow).map((r) => r.id));
		await c.killWorker(0);
		killed = runningOn(0).filter((id) => slowIds.has(id));
		progress(`queue-postgres fault: SIGKILL worker 1 while it ran executions ${killed.join(', ')}`);
		expect(killed.length).toBeGreaterThan(0);
		speakr.latencyMs = 0;
		await c.startWorker(0); // a supervisor would restart it
		// Bull notices the lost lock (lockDuration + stalledInterval) and fails the jobs (n8n sets maxStalledCount 0):
		// nothing is left active, no worker runs them again, and n8n records each as failed.
		await until(
			() => activeJobs() === 0 && unfinished(executionsOf(ids.slow)).length === 0,
			() =>
				`the killed executions recorded as finished (active jobs ${activeJobs()}, unfinished ${JSON.stringify(unfinished(executionsOf(ids.slow)))})`,
			5 * MINUTE,
		);
		const rows = executionsOf(ids.slow);
		expect(rows).toHaveLength(calls); // every call has its execution in the database
		const byStatus = countBy(rows);
		// The executions the killed worker had (its log named some; one it had just taken may not be logged yet) are
		// recorded as failed, the rest succeeded: nothing stays "running", nothing is re-run.
		const lost = rows.filter((r) => r.status !== 'success');
		expect(lost.filter((r) => !['error', 'crashed'].includes(r.status))).toEqual([]);
		expect(killed.filter((id) => !lost.some((r) => r.id === id))).toEqual([]);
		// Every failed one was on the killed worker: no live worker finished it.
		const finishedByLive = new Set(finishedPerWorker().flatMap((set) => [...set]));
		expect(lost.filter((r) => finishedByLive.has(r.id))).toEqual([]);
		// At the fake: no execution's Get twice (nobody re-ran a killed one); a killed one may have sent its Get
		// just before the kill.
		const gets = Array.from({ length: calls }, (_, i) => speakrGetsOf(i + 1));
		const sent = gets.reduce((a, b) => a + b, 0);
		expect(gets.filter((g) => g > 1)).toEqual([]);
		expect(sent).toBeGreaterThanOrEqual(byStatus.success ?? 0);
		expect(sent).toBeLessThanOrEqual(rows.length);
		outcomes.kill = `${lost.length} executions on the killed worker (${killed.length} named in its log) recorded as ${JSON.stringify(countBy(lost))} (Bull: "job stalled more than maxStalledCount", not retried); the other ${calls - lost.length} succeeded; no Get twice (${sent - (byStatus.success ?? 0)} killed execution(s) had sent theirs)`;
		progress(
			`queue-postgres fault (SIGKILL): ${outcomes.kill}; statuses ${JSON.stringify(byStatus)}`,
		);
	},
	12 * MINUTE,
);

test(
	'fault: a worker restarted (SIGTERM) while it runs Return All executions — it finishes them first',
	async () => {
		const c = cluster!;
		speakr.resetStats();
		speakr.latencyMs = 1_000;
		const before = new Set(executionsOf(ids.slow).map((r) => r.id));
		const calls = 6;
		for (let n = 1; n <= calls; n++)
			expect((await webhookCall('scale-slow', { n: String(n) })).status).toBe(200);
		const mine = () => executionsOf(ids.slow).filter((r) => !before.has(r.id));
		await until(
			() => runningOn(1).some((id) => mine().some((r) => r.id === id)),
			() => 'worker 2 running a slow execution',
			3 * MINUTE,
		);
		const inFlight = runningOn(1).filter((id) => mine().some((r) => r.id === id));
		await c.restartWorker(1);
		speakr.latencyMs = 0;
		await until(
			() => unfinished(mine()).length === 0,
			() => `all restarted-worker executions finished (${JSON.stringify(countBy(mine()))})`,
			5 * MINUTE,
		);
		const rows = mine();
		expect(rows).toHaveLength(calls);
		expect(countBy(rows)).toEqual({ success: calls });
		for (let n = 1; n <= calls; n++) expect({ n, gets: speakrGetsOf(n) }).toEqual({ n, gets: 1 });
		// The ones it was running when told to stop finished in that same process (graceful shutdown).
		const oldLog = c.workerLogs[1][c.workerLogs[1].length - 2];
		const finishedThere = new Set(executionsInLog(oldLog, 'finished'));
		expect(inFlight.filter((id) => !finishedThere.has(id))).toEqual([]);
		outcomes.restartWorker = `${inFlight.length} executions in flight finished before the worker exited; all ${calls} succeeded, each Get once`;
		progress(`queue-postgres fault (worker restart): ${outcomes.restartWorker}`);
	},
	12 * MINUTE,
);

test(
	'fault: Redis restarted under webhook load — every answered call ran once, the rest failed visibly',
	async () => {
		const c = cluster!;
		speakr.resetStats();
		const before = new Set(executionsOf(ids.speakr).map((r) => r.id));
		const calls = 30;
		let answered = 0;
		let restarted: Promise<void> | undefined;
		const results = await pool(
			Array.from({ length: calls }, (_, i) => async () => {
				const r = await webhookCall('scale-speakr', { n: String(i + 1) }).catch((e: Error) => ({
					status: 0,
					data: { error: e.message } as Record<string, unknown>,
					ms: 0,
				}));
				if (++answered === 5) restarted = c.redis.restart();
				return r;
			}),
			5,
		);
		await restarted;
		const mine = () => executionsOf(ids.speakr).filter((r) => !before.has(r.id));
		// Afterwards the queue works: a new batch all succeeds.
		const after = await pool(
			Array.from(
				{ length: 10 },
				(_, i) => async () => await webhookCall('scale-speakr', { n: String(calls + i + 1) }),
			),
			5,
		);
		expect(after.map((r) => r.status)).toEqual(Array(10).fill(200));
		await until(
			() => unfinished(mine()).length === 0,
			() => `executions after the Redis restart settled (${JSON.stringify(countBy(mine()))})`,
			5 * MINUTE,
		);
		const ok = results.filter((r) => r.status === 200);
		const statuses = results.reduce<Record<string, number>>(
			(acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }),
			{},
		);
		for (let n = 1; n <= calls + 10; n++) {
			const call = n <= calls ? results[n - 1] : after[n - calls - 1];
			const gets = speakrGetsOf(n);
			// Answered 200 with recording n: ran exactly once. Anything else: never more than once.
			if (call.status === 200)
				expect({ n, gets, id: call.data?.id }).toEqual({ n, gets: 1, id: n });
			else expect({ n, atMostOnce: gets <= 1 }).toEqual({ n, atMostOnce: true });
		}
		outcomes.redis = `calls during the restart: ${JSON.stringify(statuses)}; executions ${JSON.stringify(countBy(mine()))}; every 200 ran once, no call ran twice; 10 calls afterwards all succeeded`;
		progress(`queue-postgres fault (Redis restart): ${outcomes.redis}`);
		expect(ok.length).toBeGreaterThan(0);
	},
	12 * MINUTE,
);

test(
	'fault: main restarted while the Audiobookshelf trigger is active — cursor kept, registrations stay one each',
	async () => {
		const c = cluster!;
		expect(registrations()).toEqual({ speakr: 1, abr: 1 });
		const absGets = () => requestsPerPath(abs, /^\/api\/items\/[^/]+$/);
		const pollsBefore = executionsOf(ids.absTrigger).length;
		// Sampled all along: a registration leaked (2) or missing (0) for a moment would show here.
		const seen = { speakr: new Set<number>(), abr: new Set<number>() };
		const sampler = setInterval(() => {
			const now = registrations();
			seen.speakr.add(now.speakr);
			seen.abr.add(now.abr);
		}, 100);
		await c.main.stop();
		// Added while nothing polls: must come with the first polls after the restart, once.
		const whileDown = [
			abs.addBook({ title: 'Added while main was down 1' }),
			abs.addBook({ title: 'Added while main was down 2' }),
		].map((b) => String(b.id));
		await c.restartMain();
		await until(
			() => whileDown.every((id) => absGets().has(`/api/items/${id}`)),
			() =>
				`the books added while main was down to be emitted (${JSON.stringify(whileDown.map((id) => absGets().get(`/api/items/${id}`) ?? 0))})`,
			4 * MINUTE,
		);
		const libraryReads = () => abs.stats.log.filter((r) => r.path === '/api/libraries').length;
		const readsNow = libraryReads();
		await until(
			() => libraryReads() > readsNow,
			() => 'one more poll after the books came',
			3 * MINUTE,
		);
		await waitUntilSettled([ids.absTrigger], 'trigger executions finished');
		// Main's start re-activated the triggers: their registrations were checked, never duplicated nor dropped.
		clearInterval(sampler);
		expect({ speakr: [...seen.speakr], abr: [...seen.abr] }).toEqual({ speakr: [1], abr: [1] });
		// Every book emitted exactly once across the whole suite, including the restart.
		for (const [path, count] of absGets())
			if (path !== undefined) expect({ path, count }).toEqual({ path, count: 1 });
		expect(countBy(executionsOf(ids.absTrigger))).toEqual({
			success: executionsOf(ids.absTrigger).length,
		});
		// Signed deliveries still verify on the webhook processor after the restart.
		const hook = speakr.state.webhooks.find((w) => w.url.startsWith(c.webhookUrl))!;
		const speakrRuns = executionsOf(ids.speakrTrigger).length;
		const abrRuns = executionsOf(ids.abrTrigger).length;
		expect(
			(
				await speakr.deliver(
					hook.id,
					'recording.created',
					{ recording_id: 1 },
					{ deliveryId: 'after-restart' },
				)
			).status,
		).toBe(200);
		expect(
			(await abr.fire('onNewRequest', { asin: Object.values(ABR_BOOKS)[0].asin }))[0]?.status,
		).toBe(200);
		await until(
			() =>
				executionsOf(ids.speakrTrigger).length === speakrRuns + 1 &&
				executionsOf(ids.abrTrigger).length === abrRuns + 1,
			() => 'one execution per delivery after the restart',
			3 * MINUTE,
		);
		// Deactivate / re-activate: exactly zero, then exactly one again.
		await deactivate(ids.speakrTrigger);
		await deactivate(ids.abrTrigger);
		await until(
			() => registrations().speakr === 0 && registrations().abr === 0,
			() => `no registration after deactivation; ${registrationState()}`,
			MINUTE,
		);
		await reactivate(ids.speakrTrigger);
		await reactivate(ids.abrTrigger);
		await until(
			() => registrations().speakr === 1 && registrations().abr === 1,
			() => `one registration each after re-activation; ${registrationState()}`,
			MINUTE,
		);
		const readsBeforeSecond = libraryReads();
		await c.restartMain();
		await until(
			() => libraryReads() > readsBeforeSecond,
			() => 'a poll after the second restart',
			3 * MINUTE,
		);
		expect(registrations()).toEqual({ speakr: 1, abr: 1 });
		outcomes.main = `2 books added while main was down emitted once after the restart (${executionsOf(ids.absTrigger).length - pollsBefore} poll executions since), no book twice; registrations 1 + 1 across 2 restarts and a deactivate/re-activate`;
		progress(`queue-postgres fault (main restart): ${outcomes.main}`);
	},
	15 * MINUTE,
);
