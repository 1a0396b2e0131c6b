/**
 * `npm run bench` (scripts/bench.mjs → jest -c jest.bench.config.js): listing N records in a real n8n 2.41.1,
 * three ways side by side in the same run, against our fake servers with a fixed latency per request:
 *   1. our node with Return All,
 *   2. n8n's HTTP Request node configured as in the anchor (Header Auth credential, built-in pagination, Split Out),
 *   3. our node with Limit = 50.
 * Every run is a fresh `n8n execute` process. Measured: the node's own `executionTime` from n8n's run data, the
 * requests the fake server received and the most in flight at once, the largest answer, the n8n process's peak
 * RSS (VmHWM, sampled by test/bench/rss-probe.cjs), wall time. Every run's output is checked: exactly the
 * expected records, in the service's order; a wrong run fails the benchmark instead of entering the table.
 *
 * This is a measurement, not a test: no timing is asserted. It writes docs/benchmarks.md (between markers) and
 * docs/images/bench-node-time.svg, or test/.artifacts/bench/ with --quick.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IRun } from 'n8n-workflow';

import {
	ARTIFACTS_DIR,
	createLinkedUserFolder,
	getFreePorts,
	HOST_DIR,
	importCredentials,
	importWorkflows,
	isHostProvisioned,
	n8nEnv,
	newLogFile,
	nodeOutputJson,
	PACKAGE_NAME,
	progress,
	REPO_ROOT,
	type UserFolder,
	type WorkflowJson,
} from '../e2e/lib/n8n.cjs';
import {
	ABS_TOKEN,
	BOOK_LIBRARY_ID,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../fakes/audiobookshelf.cjs';
import type { FakeServer } from '../fakes/base.cjs';
import { SPEAKR_TOKEN, startFakeSpeakr, type FakeSpeakr } from '../fakes/speakr.cjs';
import { prepareAudiobookshelf, prepareSpeakr, type PreparedList } from './prepared-lists.cjs';
import { audiobookshelfProfile } from '../../nodes/Audiobookshelf/profile';
import { speakrProfile } from '../../nodes/Speakr/profile';
import {
	lineChartSvg,
	max,
	MB,
	mb,
	median,
	min,
	num,
	replaceBetween,
	table,
	type Series,
} from './report.cjs';

// ---------------------------------------------------------------------------------------------------------------
// Settings (scripts/bench.mjs turns its flags into these variables)

const QUICK = process.env.BENCH_QUICK === '1';
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 25);
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 1 : 5));
/** Runs at the sizes of the sweep other than HEADLINE_N (the chart): fewer, to keep a full run near 15 min. */
const SWEEP_RUNS = Number(process.env.BENCH_SWEEP_RUNS ?? (QUICK ? 1 : 3));
const HEADLINE_N = Number(process.env.BENCH_N ?? (QUICK ? 2000 : 10_000));
const SIZES = (process.env.BENCH_SIZES ?? (QUICK ? '1000,2000' : '1000,5000,10000,50000'))
	.split(',')
	.map(Number)
	.filter((n) => n > 0);
if (!SIZES.includes(HEADLINE_N)) SIZES.push(HEADLINE_N);
SIZES.sort((a, b) => a - b);
const WRITE_DOCS = process.env.BENCH_WRITE_DOCS ? process.env.BENCH_WRITE_DOCS === '1' : !QUICK;
/** Only these variants (comma-separated keys), for debugging. */
const ONLY = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : undefined;
const COMMAND = process.env.BENCH_COMMAND ?? (QUICK ? 'npm run bench -- --quick' : 'npm run bench');

/** What the anchor measured (n8n 2.41.1, 25 ms, N = 10,000; ../shared/anchor-http-request.md). */
const ANCHOR = { speakrPp100Ms: 3928, speakrPp25Ms: 14687, absL100Ms: 3987, absL0Ms: 232 };
/** Our node's page sizes and concurrency (nodes/Speakr, nodes/Audiobookshelf/helpers.ts PAGE_SIZE.items); --concurrency sets Max Concurrent Pages. */
const OURS = {
	speakrPage: 100,
	absPage: 500,
	// The services' own defaults (ServiceProfile.pageConcurrency) unless --concurrency overrides both.
	speakrConcurrency: Number(process.env.BENCH_CONCURRENCY ?? speakrProfile.pageConcurrency),
	absConcurrency: Number(process.env.BENCH_CONCURRENCY ?? audiobookshelfProfile.pageConcurrency),
};
const REQUEST_OPTIONS = process.env.BENCH_CONCURRENCY
	? { concurrency: Number(process.env.BENCH_CONCURRENCY) }
	: {};

const PROBE = path.join(__dirname, 'rss-probe.cjs');
const OUT_DIR = WRITE_DOCS ? path.join(REPO_ROOT, 'docs') : path.join(ARTIFACTS_DIR, 'bench');
const RAW_DIR = path.join(ARTIFACTS_DIR, 'bench');

// ---------------------------------------------------------------------------------------------------------------
// Variants

type Service = 'speakr' | 'abs';

interface Variant {
	key: string;
	service: Service | 'none';
	who: 'ours' | 'http' | 'idle';
	label: string;
	/** Node whose executionTime is measured. */
	timedNode?: string;
	/** Node whose items are the records. */
	outputNode?: string;
	limit?: number;
	/** Records per request this variant asks for (0 = everything in one). */
	pageSize: number;
	concurrency: number;
	/** Also run at the other sizes of the sweep (chart). */
	sweep: boolean;
	chartColor?: string;
	chartDashed?: boolean;
	workflow: () => WorkflowJson;
}

const CRED = {
	speakr: { id: 'benchSpeakrCred00001', name: 'Speakr (bench)' },
	abs: { id: 'benchAbsCred00000001', name: 'Audiobookshelf (bench)' },
	speakrHeader: { id: 'benchSpkHeader000001', name: 'Speakr header auth (bench)' },
	absHeader: { id: 'benchAbsHeader000001', name: 'ABS header auth (bench)' },
};

const START = {
	parameters: {},
	id: 'b0000000-0000-4000-8000-000000000001',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0] as [number, number],
};

function chain(
	id: string,
	name: string,
	nodes: Array<{ name: string } & Record<string, unknown>>,
): WorkflowJson {
	const all: Array<{ name: string } & Record<string, unknown>> = [
		START,
		...nodes.map((node, index) => ({
			id: `b0000000-0000-4000-8000-00000000000${index + 2}`,
			position: [220 * (index + 1), 0],
			...node,
		})),
	];
	const connections: WorkflowJson['connections'] = {};
	for (let i = 0; i < all.length - 1; i++)
		connections[all[i].name] = {
			main: [[{ node: all[i + 1].name, type: 'main' as never, index: 0 }]],
		};
	return {
		id,
		name,
		nodes: all as unknown as WorkflowJson['nodes'],
		connections,
		settings: { executionOrder: 'v1' },
	};
}

function httpRequestNode(
	url: string,
	query: Record<string, string>,
	credential: { id: string; name: string },
	pagination?: Record<string, unknown>,
) {
	return {
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.5,
		parameters: {
			url,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendQuery: true,
			queryParameters: {
				parameters: Object.entries(query).map(([name, value]) => ({ name, value })),
			},
			options: pagination ? { pagination: { pagination } } : {},
		},
		credentials: { httpHeaderAuth: credential },
	};
}

const splitOut = (field: string) => ({
	name: 'Split Out',
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: field, options: {} },
});

function variants(speakrUrl: string, absUrl: string): Variant[] {
	const speakrNode = (limit?: number) => ({
		name: 'Speakr',
		type: `${PACKAGE_NAME}.speakr`,
		typeVersion: 1,
		parameters: {
			resource: 'recording',
			operation: 'getAll',
			returnAll: limit === undefined,
			...(limit === undefined ? {} : { limit }),
			simplify: false,
			filters: {},
			sort: {},
			requestOptions: REQUEST_OPTIONS,
		},
		credentials: { speakrApi: CRED.speakr },
	});
	const absNode = (limit?: number) => ({
		name: 'Audiobookshelf',
		type: `${PACKAGE_NAME}.audiobookshelf`,
		typeVersion: 1,
		parameters: {
			resource: 'libraryItem',
			operation: 'getAll',
			libraryId: { __rl: true, mode: 'id', value: BOOK_LIBRARY_ID },
			returnAll: limit === undefined,
			...(limit === undefined ? {} : { limit }),
			simplify: false,
			requestOptions: REQUEST_OPTIONS,
		},
		credentials: { audiobookshelfApi: CRED.abs },
	});
	// The anchor's pagination blocks (../shared/anchor-http-request.md, "Pagination settings").
	const speakrPaging = {
		paginationMode: 'updateAParameterInEachRequest',
		parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }] },
		paginationCompleteWhen: 'other',
		completeExpression: '={{ $response.body.pagination.has_next === false }}',
		requestInterval: 0,
	};
	const absPaging = {
		paginationMode: 'updateAParameterInEachRequest',
		parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount }}' }] },
		paginationCompleteWhen: 'other',
		completeExpression:
			'={{ ($response.body.page + 1) * $response.body.limit >= $response.body.total }}',
		requestInterval: 0,
	};
	const recordings = `${speakrUrl}/api/v1/recordings`;
	const items = `${absUrl}/api/libraries/${BOOK_LIBRARY_ID}/items`;
	return [
		{
			key: 'benchIdle',
			service: 'none',
			who: 'idle',
			label: 'Manual Trigger only (idle n8n)',
			pageSize: 0,
			concurrency: 0,
			sweep: false,
			workflow: () => chain('benchIdle', 'bench: idle', []),
		},
		{
			key: 'benchSpkOursAll',
			service: 'speakr',
			who: 'ours',
			label: 'our node, Return All',
			timedNode: 'Speakr',
			outputNode: 'Speakr',
			pageSize: OURS.speakrPage,
			concurrency: OURS.speakrConcurrency,
			sweep: true,
			chartColor: '#1f77b4',
			workflow: () => chain('benchSpkOursAll', 'bench: Speakr node, Return All', [speakrNode()]),
		},
		{
			key: 'benchSpkHttp100',
			service: 'speakr',
			who: 'http',
			label: 'HTTP Request, per_page=100',
			timedNode: 'HTTP Request',
			outputNode: 'Split Out',
			pageSize: 100,
			concurrency: 1,
			sweep: true,
			chartColor: '#d62728',
			workflow: () =>
				chain('benchSpkHttp100', 'bench: HTTP Request, Speakr per_page=100', [
					httpRequestNode(recordings, { per_page: '100' }, CRED.speakrHeader, speakrPaging),
					splitOut('recordings'),
				]),
		},
		{
			key: 'benchSpkHttp25',
			service: 'speakr',
			who: 'http',
			label: 'HTTP Request, per_page=25 (API default)',
			timedNode: 'HTTP Request',
			outputNode: 'Split Out',
			pageSize: 25,
			concurrency: 1,
			sweep: false,
			workflow: () =>
				chain('benchSpkHttp25', 'bench: HTTP Request, Speakr per_page=25', [
					httpRequestNode(recordings, { per_page: '25' }, CRED.speakrHeader, speakrPaging),
					splitOut('recordings'),
				]),
		},
		{
			key: 'benchSpkOursL50',
			service: 'speakr',
			who: 'ours',
			label: 'our node, Limit 50',
			timedNode: 'Speakr',
			outputNode: 'Speakr',
			limit: 50,
			pageSize: 50,
			concurrency: 1,
			sweep: false,
			workflow: () => chain('benchSpkOursL50', 'bench: Speakr node, Limit 50', [speakrNode(50)]),
		},
		{
			key: 'benchAbsOursAll',
			service: 'abs',
			who: 'ours',
			label: 'our node, Return All',
			timedNode: 'Audiobookshelf',
			outputNode: 'Audiobookshelf',
			pageSize: OURS.absPage,
			concurrency: OURS.absConcurrency,
			sweep: true,
			chartColor: '#2ca02c',
			workflow: () =>
				chain('benchAbsOursAll', 'bench: Audiobookshelf node, Return All', [absNode()]),
		},
		{
			key: 'benchAbsHttpL100',
			service: 'abs',
			who: 'http',
			label: 'HTTP Request, limit=100, total-based stop',
			timedNode: 'HTTP Request',
			outputNode: 'Split Out',
			pageSize: 100,
			concurrency: 1,
			sweep: false,
			workflow: () =>
				chain('benchAbsHttpL100', 'bench: HTTP Request, ABS limit=100', [
					httpRequestNode(items, { limit: '100' }, CRED.absHeader, absPaging),
					splitOut('results'),
				]),
		},
		{
			key: 'benchAbsHttpL0',
			service: 'abs',
			who: 'http',
			label: 'HTTP Request, limit=0 (one request)',
			timedNode: 'HTTP Request',
			outputNode: 'Split Out',
			pageSize: 0,
			concurrency: 1,
			sweep: true,
			chartColor: '#ff7f0e',
			chartDashed: true,
			workflow: () =>
				chain('benchAbsHttpL0', 'bench: HTTP Request, ABS limit=0', [
					httpRequestNode(items, { limit: '0' }, CRED.absHeader),
					splitOut('results'),
				]),
		},
		{
			key: 'benchAbsOursL50',
			service: 'abs',
			who: 'ours',
			label: 'our node, Limit 50',
			timedNode: 'Audiobookshelf',
			outputNode: 'Audiobookshelf',
			limit: 50,
			pageSize: 50,
			concurrency: 1,
			sweep: false,
			workflow: () =>
				chain('benchAbsOursL50', 'bench: Audiobookshelf node, Limit 50', [absNode(50)]),
		},
	];
}

// ---------------------------------------------------------------------------------------------------------------
// One measured run

interface Measurement {
	key: string;
	n: number;
	rep: number;
	nodeMs: number;
	wallMs: number;
	requests: number;
	peakInFlight: number;
	maxAnswerBytes: number;
	/** From the first request's arrival to the last answer's hand-off, at the server: the node time minus n8n's and the node's own work before and after. */
	serverSpanMs: number;
	/** Median time the server held a request (latency included). */
	serverRequestMs: number;
	items: number;
	outputBytes: number;
	peakRssBytes: number;
	/** Highest RSS while the timed node ran, minus the RSS just before it started. */
	nodeRssRiseBytes: number;
}

/**
 * The execution JSON that `n8n execute --rawOutput` prints after its log lines: from the first line that is
 * exactly "{" to the last line that is exactly "}". (Linear: the outputs here are up to hundreds of MB.)
 */
function parseRun(stdout: string, where: string): IRun | undefined {
	const start = stdout.search(/^\{$/m);
	const end = stdout.lastIndexOf('\n}');
	if (start < 0 || end < start) return undefined;
	try {
		return JSON.parse(stdout.slice(start, end + 2)) as IRun;
	} catch (error) {
		throw new Error(`${where}: the printed execution is not JSON (${(error as Error).message})`);
	}
}

const HOST_NODE = path.join(HOST_DIR, 'node_modules', '.bin', 'node');
const N8N_BIN = path.join(HOST_DIR, 'node_modules', 'n8n', 'bin', 'n8n');

/**
 * `n8n execute --id --rawOutput` with stdout and stderr in a file. (Through a pipe, n8n's process.exit() cuts
 * the printed execution short once it is larger than the pipe can take: ~10,000 records already are.)
 */
async function executeToFile(
	uf: UserFolder,
	workflowId: string,
	env: Record<string, string>,
	name: string,
): Promise<{
	exitCode: number | null;
	signal: string | null;
	durationMs: number;
	logFile: string;
}> {
	const [port, brokerPort] = await getFreePorts(2);
	const logFile = newLogFile(name);
	const fd = fs.openSync(logFile, 'w');
	const started = Date.now();
	const child = spawn(HOST_NODE, [N8N_BIN, 'execute', `--id=${workflowId}`, '--rawOutput'], {
		cwd: uf.dir,
		env: n8nEnv(uf, port, brokerPort, env),
		detached: true,
		stdio: ['ignore', fd, fd],
	});
	fs.closeSync(fd);
	const killGroup = () => {
		try {
			if (child.pid) process.kill(-child.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	};
	const timer = setTimeout(killGroup, 10 * 60_000);
	const [exitCode, signal] = await new Promise<[number | null, string | null]>(
		(resolve, reject) => {
			child.once('error', reject);
			child.once('exit', (code, killedBy) => resolve([code, killedBy]));
		},
	);
	const durationMs = Date.now() - started;
	clearTimeout(timer);
	// The task runner shares the process group: end whatever is left.
	killGroup();
	return { exitCode, signal, durationMs, logFile };
}

function logTail(file: string): string {
	const text = fs.readFileSync(file, 'utf8');
	return text.length > 4000 ? `…${text.slice(-4000)}` : text;
}

interface RssProbe {
	peakBytes: number;
	samples: Array<[number, number]>;
}

function readProbe(dir: string): RssProbe {
	const files = fs.readdirSync(dir).filter((file) => /^rss-\d+\.json$/.test(file));
	if (files.length !== 1)
		throw new Error(`expected one RSS probe file in ${dir}, found ${files.length}`);
	return JSON.parse(fs.readFileSync(path.join(dir, files[0]), 'utf8')) as RssProbe;
}

function nodeRssRise(probe: RssProbe, startTime: number, executionTime: number): number {
	const before =
		probe.samples.filter(([t]) => t <= startTime).pop()?.[1] ?? probe.samples[0]?.[1] ?? 0;
	const during = probe.samples
		.filter(([t]) => t >= startTime && t <= startTime + executionTime + 10)
		.map(([, rss]) => rss);
	return Math.max(0, Math.max(before, ...during) - before);
}

function serverSpan(fake: FakeServer | undefined): number {
	const log = fake?.stats.log ?? [];
	const starts = log.map((entry) => entry.startedAt).filter((t): t is number => t !== undefined);
	const ends = log.map((entry) => entry.finishedAt).filter((t): t is number => t !== undefined);
	return starts.length && ends.length ? Math.max(...ends) - Math.min(...starts) : 0;
}

/** An n8n process ended by a signal from outside (not by a failure of the workflow): the run is repeated. */
class KilledRun extends Error {}

async function measure(
	uf: UserFolder,
	variant: Variant,
	n: number,
	rep: number,
	fake: FakeServer | undefined,
	list: PreparedList | undefined,
): Promise<Measurement> {
	fake?.resetStats();
	list?.reset();
	const rssDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-rss-'));
	try {
		// BENCH_CPU_PROF=<dir>: also write a V8 CPU profile of every run there (for looking into overheads).
		const profile = process.env.BENCH_CPU_PROF
			? ` --cpu-prof --cpu-prof-dir=${path.join(process.env.BENCH_CPU_PROF, `${variant.key}-${n}-${rep}`)}`
			: '';
		const r = await executeToFile(
			uf,
			variant.key,
			{ NODE_OPTIONS: `--require ${PROBE}${profile}`, BENCH_RSS_DIR: rssDir },
			`bench-${variant.key}-${n}`,
		);
		const where = `${variant.key} at N=${n} (run ${rep}; log ${path.relative(REPO_ROOT, r.logFile)})`;
		if (r.signal) throw new KilledRun(`${where} was killed by ${r.signal}`);
		const run = parseRun(fs.readFileSync(r.logFile, 'utf8'), where);
		if (r.exitCode !== 0 || run?.status !== 'success')
			throw new Error(`${where} did not succeed (exit ${r.exitCode}):\n${logTail(r.logFile)}`);
		let nodeMs = 0;
		let nodeRise = 0;
		let items: Array<Record<string, unknown>> = [];
		const probe = readProbe(rssDir);
		if (variant.timedNode && variant.outputNode && list) {
			const task = run.data.resultData.runData[variant.timedNode]?.[0];
			if (!task) throw new Error(`${where}: node ${variant.timedNode} did not run`);
			nodeMs = task.executionTime;
			nodeRise = nodeRssRise(probe, task.startTime, task.executionTime);
			items = nodeOutputJson(run, variant.outputNode);
			const expected = variant.limit === undefined ? list.ids : list.ids.slice(0, variant.limit);
			if (items.length !== expected.length)
				throw new Error(`${where}: ${items.length} records instead of ${expected.length}`);
			const wrong = items.findIndex((item, index) => item.id !== expected[index]);
			if (wrong >= 0)
				throw new Error(
					`${where}: record ${wrong} has id ${String(items[wrong].id)} instead of ${expected[wrong]}`,
				);
		}
		const measurement: Measurement = {
			key: variant.key,
			n,
			rep,
			nodeMs,
			wallMs: r.durationMs,
			requests: fake?.stats.requests ?? 0,
			peakInFlight: fake?.stats.peakInFlight ?? 0,
			maxAnswerBytes: list?.maxAnswerBytes ?? 0,
			serverSpanMs: serverSpan(fake),
			serverRequestMs: median(
				(fake?.stats.log ?? [])
					.filter((entry) => entry.startedAt !== undefined && entry.finishedAt !== undefined)
					.map((entry) => entry.finishedAt! - entry.startedAt!),
			),
			items: items.length,
			outputBytes: items.length ? Buffer.byteLength(JSON.stringify(items)) : 0,
			peakRssBytes: probe.peakBytes,
			nodeRssRiseBytes: nodeRise,
		};
		// The run's log holds the whole printed execution (tens of MB at large N): keep logs of failures only.
		fs.rmSync(r.logFile, { force: true });
		return measurement;
	} finally {
		fs.rmSync(rssDir, { recursive: true, force: true });
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Machine

function machine() {
	const hostNode = spawnSync(path.join(HOST_DIR, 'node_modules', '.bin', 'node'), ['--version'], {
		encoding: 'utf8',
	}).stdout.trim();
	const n8nVersion = (
		JSON.parse(
			fs.readFileSync(path.join(HOST_DIR, 'node_modules', 'n8n', 'package.json'), 'utf8'),
		) as { version: string }
	).version;
	let osName = `${os.type()} ${os.release()}`;
	try {
		osName =
			/^PRETTY_NAME="?([^"\n]*)"?/m.exec(fs.readFileSync('/etc/os-release', 'utf8'))?.[1] ?? osName;
	} catch {
		// keep uname
	}
	return {
		nproc: os.cpus().length,
		cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
		memGb: os.totalmem() / 1024 ** 3,
		os: osName,
		n8n: n8nVersion,
		hostNode,
		benchNode: process.version,
	};
}

// ---------------------------------------------------------------------------------------------------------------
// The benchmark

const gc = (globalThis as { gc?: () => void }).gc;

test('pagination benchmark in real n8n', async () => {
	if (!isHostProvisioned())
		throw new Error(
			'The n8n host is not provisioned: run `npm run e2e:host` (or `npm run bench`, which does it).',
		);
	const started = Date.now();
	const loadAtStart = os.loadavg();
	fs.mkdirSync(RAW_DIR, { recursive: true });
	progress(
		`bench: latency ${LATENCY_MS} ms, N=${HEADLINE_N}, sizes ${SIZES.join(', ')}, ${RUNS} run(s) each${QUICK ? ' (quick)' : ''}`,
	);

	const speakr: FakeSpeakr = await startFakeSpeakr({ recordings: 0, latencyMs: 0 });
	const abs: FakeAudiobookshelf = await startFakeAudiobookshelf({ books: 1, latencyMs: 0 });
	const lists: Record<Service, PreparedList> = {
		speakr: prepareSpeakr(speakr, SPEAKR_TOKEN),
		abs: prepareAudiobookshelf(abs, ABS_TOKEN),
	};
	const fakes: Record<Service, FakeServer> = { speakr, abs };
	const all = variants(speakr.url, abs.url);
	const uf = createLinkedUserFolder();
	const results: Measurement[] = [];
	/** Size of the one `limit=0` answer (the whole library) per N. */
	const wholeListBytes: Record<number, number> = {};
	try {
		await importCredentials(uf, [
			{ ...CRED.speakr, type: 'speakrApi', data: { baseUrl: speakr.url, apiToken: SPEAKR_TOKEN } },
			{ ...CRED.abs, type: 'audiobookshelfApi', data: { baseUrl: abs.url, apiToken: ABS_TOKEN } },
			{
				...CRED.speakrHeader,
				type: 'httpHeaderAuth',
				data: { name: 'Authorization', value: `Bearer ${SPEAKR_TOKEN}` },
			},
			{
				...CRED.absHeader,
				type: 'httpHeaderAuth',
				data: { name: 'Authorization', value: `Bearer ${ABS_TOKEN}` },
			},
		]);
		await importWorkflows(
			uf,
			all.map((variant) => variant.workflow()),
		);

		for (const n of SIZES) {
			for (const service of ['speakr', 'abs'] as const) {
				await lists[service].fill(n);
				await lists[service].verify();
			}
			const chosen = all.filter(
				(variant) =>
					(n === HEADLINE_N ? true : variant.sweep) && (!ONLY || ONLY.includes(variant.key)),
			);
			// Latency on only once the lists are ready (verification runs without it).
			speakr.latencyMs = LATENCY_MS;
			abs.latencyMs = LATENCY_MS;
			const runs = n === HEADLINE_N ? RUNS : SWEEP_RUNS;
			for (let rep = 1; rep <= runs; rep++) {
				// Interleaved (every variant once per round), so drifting load spreads over all variants.
				for (const variant of chosen) {
					const service = variant.service === 'none' ? undefined : variant.service;
					let m: Measurement | undefined;
					for (let attempt = 1; !m; attempt++) {
						try {
							m = await measure(
								uf,
								variant,
								n,
								rep,
								service && fakes[service],
								service && lists[service],
							);
						} catch (error) {
							if (!(error instanceof KilledRun) || attempt >= 3) throw error;
							progress(`${error.message}; repeating the run`);
						}
					}
					results.push(m);
					gc?.();
					progress(
						`N=${n} ${variant.key} ${rep}/${runs}: node ${num(m.nodeMs)} ms, ${m.requests} requests (peak ${m.peakInFlight} in flight), ` +
							`server ${num(m.serverSpanMs)} ms (${num(m.serverRequestMs, 1)} ms per request), peak RSS ${mb(m.peakRssBytes)} MB, wall ${num(m.wallMs / 1000, 1)} s`,
					);
				}
			}
			speakr.latencyMs = 0;
			abs.latencyMs = 0;
			wholeListBytes[n] = lists.abs.wholeBytes();
		}
	} finally {
		await speakr.close();
		await abs.close();
		if (process.env.BENCH_KEEP !== '1') uf.cleanup();
	}

	const durationMs = Date.now() - started;
	const stamp = new Date().toISOString();
	fs.writeFileSync(
		path.join(RAW_DIR, `results-${stamp.replace(/[:.]/g, '-')}.json`),
		JSON.stringify({ settings: { LATENCY_MS, RUNS, HEADLINE_N, SIZES }, results }, null, 1),
	);
	const block = renderReport({
		all,
		results,
		durationMs,
		stamp,
		loadAtStart,
		loadAtEnd: os.loadavg(),
		wholeListBytes,
	});
	writeOutputs(block, all, results);
	progress(`bench: done in ${num(durationMs / 60_000, 1)} min`);
});

// ---------------------------------------------------------------------------------------------------------------
// Report

interface ReportInput {
	all: Variant[];
	results: Measurement[];
	durationMs: number;
	stamp: string;
	loadAtStart: number[];
	loadAtEnd: number[];
	wholeListBytes: Record<number, number>;
}

interface Summary {
	runs: number;
	nodeMs: number;
	nodeMin: number;
	nodeMax: number;
	wallMs: number;
	requests: number[];
	peakInFlight: number;
	maxAnswerBytes: number;
	serverSpanMs: number;
	outputBytes: number;
	peakRss: number;
	nodeRssRise: number;
}

function summarize(results: Measurement[], key: string, n: number): Summary | undefined {
	const runs = results.filter((m) => m.key === key && m.n === n);
	if (!runs.length) return undefined;
	const node = runs.map((m) => m.nodeMs);
	return {
		runs: runs.length,
		nodeMs: median(node),
		nodeMin: min(node),
		nodeMax: max(node),
		wallMs: median(runs.map((m) => m.wallMs)),
		requests: [...new Set(runs.map((m) => m.requests))].sort((a, b) => a - b),
		peakInFlight: max(runs.map((m) => m.peakInFlight)),
		maxAnswerBytes: max(runs.map((m) => m.maxAnswerBytes)),
		serverSpanMs: median(runs.map((m) => m.serverSpanMs)),
		outputBytes: median(runs.map((m) => m.outputBytes)),
		peakRss: median(runs.map((m) => m.peakRssBytes)),
		nodeRssRise: median(runs.map((m) => m.nodeRssRiseBytes)),
	};
}

const pages = (n: number, pageSize: number) => (pageSize === 0 ? 1 : Math.ceil(n / pageSize));
const timeBound = (n: number, variant: Variant) =>
	LATENCY_MS * Math.ceil(pages(n, variant.pageSize) / Math.max(1, variant.concurrency));
const requestsText = (s: Summary) => s.requests.join('/');
const kb = (bytes: number) => (bytes >= MB ? `${mb(bytes, 1)} MB` : `${num(bytes / 1024)} KB`);

function verdict(ok: boolean, missedBy: string): string {
	return ok ? '**met**' : `**missed** (${missedBy})`;
}

function renderReport(input: ReportInput): string {
	const { all, results } = input;
	const m = machine();
	const n = HEADLINE_N;
	const get = (key: string, size = n) => summarize(results, key, size);
	const idle = get('benchIdle');
	const idleRss = idle?.peakRss ?? Number.NaN;
	const lines: string[] = [];
	lines.push(
		`<!-- Generated by ${COMMAND} (test/bench/pagination.bench.cts); edit the text outside the markers only. -->`,
	);
	lines.push('');
	lines.push(
		`Measured ${input.stamp.slice(0, 16).replace('T', ' ')} UTC with \`${COMMAND}\`: ${LATENCY_MS} ms added latency per request, median of ${RUNS} run${RUNS > 1 ? 's' : ''} per cell at N = ${num(n)}, ` +
			`variants interleaved round by round; the whole benchmark took ${num(input.durationMs / 60_000, 1)} min.`,
	);
	lines.push('');
	lines.push(
		`Machine: ${m.nproc} CPUs (${m.cpu}), ${num(m.memGb)} GB RAM, ${m.os}; n8n ${m.n8n} on Node ${m.hostNode} (\`n8n execute\`, one fresh process per run, SQLite, execution saving on); ` +
			`fake servers on Node ${m.benchNode} in the benchmark process. Load average (1 min) ${num(input.loadAtStart[0], 1)} at the start, ${num(input.loadAtEnd[0], 1)} at the end.`,
	);
	lines.push('');
	lines.push(`### N = ${num(n)} records, ${LATENCY_MS} ms per request`);
	lines.push('');
	const header = [
		'service',
		'variant',
		'requests',
		'min. requests',
		'peak in flight',
		'largest answer',
		'node time, median (min–max)',
		'server span',
		'time bound',
		'peak RSS',
		'RSS − idle',
		'output JSON',
		'wall',
	];
	const rows: string[][] = [];
	for (const variant of all) {
		const s = get(variant.key);
		if (!s) continue;
		if (variant.who === 'idle') {
			rows.push([
				'—',
				variant.label,
				'—',
				'—',
				'—',
				'—',
				'—',
				'—',
				'—',
				`${mb(s.peakRss)} MB`,
				'0',
				'—',
				`${num(s.wallMs / 1000, 1)} s`,
			]);
			continue;
		}
		rows.push([
			variant.service === 'speakr' ? 'Speakr' : 'Audiobookshelf',
			variant.label,
			requestsText(s),
			num(variant.limit !== undefined ? 1 : pages(n, variant.pageSize)),
			String(s.peakInFlight),
			kb(s.maxAnswerBytes),
			`**${num(s.nodeMs)} ms** (${num(s.nodeMin)}–${num(s.nodeMax)})`,
			`${num(s.serverSpanMs)} ms`,
			`${num(variant.limit !== undefined ? LATENCY_MS : timeBound(n, variant))} ms`,
			`${mb(s.peakRss)} MB`,
			`${mb(s.peakRss - idleRss)} MB`,
			`${mb(s.outputBytes, 1)} MB`,
			`${num(s.wallMs / 1000, 1)} s`,
		]);
	}
	lines.push(
		table(header, rows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']),
	);
	lines.push('');
	lines.push(
		"* **node time** is the node's own `executionTime` from n8n's run data (for the HTTP Request node without its Split Out); " +
			"**requests** and **peak in flight** are counted by the fake server; **server span** runs from the first request's arrival to the last answer's hand-off (the rest of the node time is n8n's and the node's own work around the requests); **min. requests** is ⌈N / page size⌉ for the page size the variant asks for; " +
			`**time bound** is ${LATENCY_MS} ms × ⌈pages / concurrency⌉ (concurrency ${OURS.speakrConcurrency} for our Speakr Return All and ${OURS.absConcurrency} for Audiobookshelf — each service's default page concurrency — and 1 for the HTTP Request node).`,
	);
	lines.push(
		"* **peak RSS** is the `n8n execute` process's VmHWM; it includes what every node pays after the list is read (saving the execution to SQLite, " +
			'printing it as JSON). **RSS − idle** subtracts the Manual-Trigger-only run. **output JSON** is the size of the records the workflow emits.',
	);
	lines.push('');

	// Targets
	const spk = get('benchSpkOursAll');
	const spk100 = get('benchSpkHttp100');
	const spk25 = get('benchSpkHttp25');
	const spkL50 = get('benchSpkOursL50');
	const ab = get('benchAbsOursAll');
	const abL0 = get('benchAbsHttpL0');
	const abL100 = get('benchAbsHttpL100');
	const abL50 = get('benchAbsOursL50');
	const big = Math.max(...SIZES);
	const ab50k = get('benchAbsOursAll', big);
	const targets: string[][] = [];
	if (spk) {
		const bound = Math.ceil(n / OURS.speakrPage) + 1;
		const worst = max(spk.requests);
		targets.push([
			`Speakr Return All: requests ≤ ⌈N/100⌉ + 1 = ${bound}`,
			`${requestsText(spk)}`,
			verdict(worst <= bound, `${worst - bound} more`),
		]);
		targets.push([
			`Speakr Return All: node time ≤ 500 ms`,
			`${num(spk.nodeMs)} ms`,
			verdict(spk.nodeMs <= 500, `${num(spk.nodeMs - 500)} ms over`),
		]);
		targets.push([
			`… ≥ 7× faster than the anchor's per_page=100 (${num(ANCHOR.speakrPp100Ms)} ms)`,
			`${num(ANCHOR.speakrPp100Ms / spk.nodeMs, 1)}×`,
			verdict(
				ANCHOR.speakrPp100Ms / spk.nodeMs >= 7,
				`needs ≤ ${num(ANCHOR.speakrPp100Ms / 7)} ms`,
			),
		]);
		targets.push([
			`… ≥ 29× faster than the anchor's per_page=25 (${num(ANCHOR.speakrPp25Ms)} ms)`,
			`${num(ANCHOR.speakrPp25Ms / spk.nodeMs, 1)}×`,
			verdict(
				ANCHOR.speakrPp25Ms / spk.nodeMs >= 29,
				`needs ≤ ${num(ANCHOR.speakrPp25Ms / 29)} ms`,
			),
		]);
		if (spk100)
			targets.push([
				'… same run: HTTP Request per_page=100 ÷ ours',
				`${num(spk100.nodeMs)} ms ÷ ${num(spk.nodeMs)} ms = ${num(spk100.nodeMs / spk.nodeMs, 1)}×`,
				'(reference)',
			]);
		if (spk25)
			targets.push([
				'… same run: HTTP Request per_page=25 ÷ ours',
				`${num(spk25.nodeMs)} ms ÷ ${num(spk.nodeMs)} ms = ${num(spk25.nodeMs / spk.nodeMs, 1)}×`,
				'(reference)',
			]);
	}
	if (ab) {
		const bound = Math.ceil(n / OURS.absPage) + 1;
		const worst = max(ab.requests);
		targets.push([
			`Audiobookshelf Return All: requests ≤ ⌈N/500⌉ + 1 = ${bound} (page size 500 by choice; limit=0 would be 1)`,
			requestsText(ab),
			verdict(worst <= bound, `${worst - bound} more`),
		]);
		if (abL0) {
			targets.push([
				'Audiobookshelf Return All: node time ≤ the single limit=0 request (same run)',
				`${num(ab.nodeMs)} ms vs ${num(abL0.nodeMs)} ms`,
				verdict(ab.nodeMs <= abL0.nodeMs, `${num(ab.nodeMs - abL0.nodeMs)} ms slower`),
			]);
		}
		targets.push([
			`… and ≤ the anchor's limit=0 (${num(ANCHOR.absL0Ms)} ms)`,
			`${num(ab.nodeMs)} ms`,
			verdict(ab.nodeMs <= ANCHOR.absL0Ms, `${num(ab.nodeMs - ANCHOR.absL0Ms)} ms slower`),
		]);
		if (abL100)
			targets.push([
				'… same run: HTTP Request limit=100 ÷ ours',
				`${num(abL100.nodeMs)} ms ÷ ${num(ab.nodeMs)} ms = ${num(abL100.nodeMs / ab.nodeMs, 1)}×`,
				'(reference)',
			]);
		if (ab50k) {
			const whole = input.wholeListBytes[big];
			targets.push([
				`Audiobookshelf, ${num(big)} items: bounded server load (≤ ${OURS.absConcurrency} requests in flight × ${OURS.absPage} items)`,
				`${requestsText(ab50k)} requests, peak ${ab50k.peakInFlight} in flight, largest answer ${kb(ab50k.maxAnswerBytes)} (limit=0: one ${kb(whole)} answer)`,
				verdict(
					ab50k.peakInFlight <= OURS.absConcurrency &&
						ab50k.maxAnswerBytes <= (whole / big) * OURS.absPage * 1.05,
					'an answer held more than one page of 500',
				),
			]);
		}
	}
	for (const [name, s] of [
		['Speakr', spkL50],
		['Audiobookshelf', abL50],
	] as const) {
		if (s)
			targets.push([
				`${name} Limit = 50: exactly one request`,
				requestsText(s),
				verdict(s.requests.length === 1 && s.requests[0] === 1, `${requestsText(s)} requests`),
			]);
	}
	for (const [name, s] of [
		['Speakr', spk],
		['Audiobookshelf', ab],
	] as const) {
		if (!s) continue;
		const above = s.peakRss - idleRss;
		const allowed = 3 * s.outputBytes;
		targets.push([
			`${name} Return All: peak RSS − idle ≤ 3 × output JSON (${mb(s.outputBytes, 1)} MB → ${mb(allowed, 1)} MB)`,
			`${mb(above)} MB (${num(above / s.outputBytes, 1)}×); while the node ran: +${mb(s.nodeRssRise)} MB (${num(s.nodeRssRise / s.outputBytes, 1)}×)`,
			verdict(above <= allowed, `${mb(above - allowed)} MB over; see below`),
		]);
	}
	lines.push(`### Targets (N = ${num(n)}, ${LATENCY_MS} ms)`);
	lines.push('');
	lines.push(table(['target', 'measured', 'status'], targets));
	lines.push('');

	// Sweep
	const sweep = all.filter((variant) => variant.sweep);
	lines.push(
		`### Node time vs N (${LATENCY_MS} ms per request; median of ${RUNS} runs at N = ${num(n)}, of ${SWEEP_RUNS} at the other sizes)`,
	);
	lines.push('');
	const sweepRows = sweep.map((variant) => [
		`${variant.service === 'speakr' ? 'Speakr' : 'Audiobookshelf'}: ${variant.label}`,
		...SIZES.map((size) => {
			const s = get(variant.key, size);
			return s ? `${num(s.nodeMs)} ms (${requestsText(s)} req.)` : '—';
		}),
	]);
	lines.push(
		table(['variant', ...SIZES.map((size) => `N = ${num(size)}`)], sweepRows, [
			'l',
			...SIZES.map(() => 'r' as const),
		]),
	);
	lines.push('');
	lines.push(`![Node time vs N](images/${chartName()})`);
	return lines.join('\n');
}

function chartName(): string {
	return 'bench-node-time.svg';
}

function chart(all: Variant[], results: Measurement[]): string {
	const series: Series[] = all
		.filter((variant) => variant.sweep && variant.chartColor)
		.map((variant) => ({
			label: `${variant.service === 'speakr' ? 'Speakr' : 'ABS'}: ${variant.label.replace(', total-based stop', '')}`,
			color: variant.chartColor!,
			dashed: variant.chartDashed,
			points: SIZES.map((size) => ({
				x: size,
				y: summarize(results, variant.key, size)?.nodeMs ?? 0,
			})),
		}));
	return lineChartSvg({
		title: 'Listing N records in n8n: node execution time',
		subtitle: `n8n ${machine().n8n}, ${LATENCY_MS} ms per request, medians (${RUNS} runs at ${num(HEADLINE_N)}, ${SWEEP_RUNS} elsewhere); log-log scale`,
		xLabel: 'N (records listed)',
		yLabel: 'node executionTime',
		series,
	});
}

function writeOutputs(block: string, all: Variant[], results: Measurement[]): void {
	const imagesDir = path.join(OUT_DIR, 'images');
	fs.mkdirSync(imagesDir, { recursive: true });
	fs.writeFileSync(path.join(imagesDir, chartName()), chart(all, results));
	const doc = path.join(OUT_DIR, WRITE_DOCS ? 'benchmarks.md' : 'benchmarks-quick.md');
	const existing = fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8') : '# Benchmarks\n';
	fs.writeFileSync(
		doc,
		replaceBetween(existing, '<!-- bench:begin -->', '<!-- bench:end -->', block),
	);
	progress(
		`bench: wrote ${path.relative(REPO_ROOT, doc)} and ${path.relative(REPO_ROOT, path.join(imagesDir, chartName()))}`,
	);
}
