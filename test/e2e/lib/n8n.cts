/**
 * Driver for a real n8n 2.41.1 (test/e2e/host, Node 24) in end-to-end tests.
 *
 * - User folders: `createLinkedUserFolder()` symlinks this repository into `<uf>/.n8n/nodes/node_modules/<name>`
 *   (node types are `<package name>.<node>`, as after a real install); `createTarballUserFolder()` installs the
 *   `npm pack` tarball the way n8n's community-package installer does (checks the `files` list).
 * - CLI: `runN8nCli()`, `importCredentials()`, `importWorkflows()`, `executeWorkflow()`, `publishWorkflow()`,
 *   `exportNodeTypes()`.
 * - Server: `N8nServer.start()` (readiness, env-provisioned owner), `login()`, `testCredential()`,
 *   `createAndActivateWorkflow()`, `callWebhook()`, `listExecutions()`, `nodeTypes()`, `stop()`.
 * - Queue mode: `startRedis()` and `startQueueCluster()` (main + N workers sharing one SQLite database).
 *
 * Every process gets its own free `N8N_PORT` / `N8N_RUNNERS_BROKER_PORT` (concurrent runs on one machine are
 * fine), runs in its own process group (stop() kills the whole group: no orphaned task runners), and logs into
 * `test/.artifacts/<name>-<time>-<pid>.log`; errors carry the log's tail.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import axios, { type AxiosInstance, type AxiosResponse, type Method } from 'axios';
import type { IConnections, INode, IRun, IWorkflowSettings } from 'n8n-workflow';

import { readableHttpError } from './http-error.cjs';

// ---------------------------------------------------------------------------------------------------------------
// Paths and constants

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/**
 * The n8n install the tests run: test/e2e/host (n8n 2.41.1) unless N8N_E2E_HOST names another host folder, e.g.
 * `N8N_E2E_HOST=test/e2e/host-1.123` (n8n 1.123.x; provisioned by `scripts/ensure-n8n-host.sh <folder>`).
 */
export const HOST_DIR = path.resolve(REPO_ROOT, process.env.N8N_E2E_HOST ?? 'test/e2e/host');
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test', '.artifacts');
export const HOST_BIN = path.join(HOST_DIR, 'node_modules', '.bin');
const NODE24 = path.join(HOST_BIN, 'node');
const N8N_MAIN = path.join(HOST_DIR, 'node_modules', 'n8n', 'bin', 'n8n');

/** The version of n8n in HOST_DIR, e.g. "2.41.1". */
export function hostN8nVersion(): string {
	return (
		JSON.parse(
			fs.readFileSync(path.join(HOST_DIR, 'node_modules', 'n8n', 'package.json'), 'utf8'),
		) as { version: string }
	).version;
}

interface RepoPackageJson {
	name: string;
	version: string;
	n8n?: { nodes?: string[]; credentials?: string[] };
}
export function readRepoPackageJson(): RepoPackageJson {
	return JSON.parse(
		fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'),
	) as RepoPackageJson;
}
export const PACKAGE_NAME = readRepoPackageJson().name;

/** Same key for every process of one test run (import, execute, start, workers). */
export const ENCRYPTION_KEY = 'e2e-fixed-encryption-key-not-a-secret';

/** The env-provisioned owner (N8N_INSTANCE_OWNER_*) every `N8nServer` gets. */
export const OWNER = {
	email: 'e2e@example.com',
	password: 'E2ePassw0rd!',
	firstName: 'E2E',
	lastName: 'Bot',
} as const;

/** Readiness budget: the first start after a fresh install once took 60 s. */
export const DEFAULT_READY_TIMEOUT_MS = 120_000;

/** One progress line on stderr (jest does not decorate it like console.log). */
export function progress(message: string): void {
	process.stderr.write(`[e2e] ${message}\n`);
}

const sleep = async (ms: number) => await new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves true when `promise` settled within `ms`, false on timeout; never leaves a timer behind. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<boolean>((resolve) => {
		timer = setTimeout(() => resolve(false), ms);
	});
	try {
		return await Promise.race([promise.then(() => true), timeout]);
	} finally {
		clearTimeout(timer);
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Host provisioning

/** True when test/e2e/host was provisioned by scripts/ensure-n8n-host.sh (Node 24 + n8n + compiled sqlite3). */
export function isHostProvisioned(): boolean {
	return (
		fs.existsSync(path.join(HOST_DIR, 'node_modules', '.e2e-host-provisioned')) &&
		fs.existsSync(N8N_MAIN)
	);
}

/**
 * Runs scripts/ensure-n8n-host.sh (a fast no-op when the host is up to date; 5-7 min cold). Call it from a
 * `beforeAll` with a long timeout, or run the script before jest.
 */
export function ensureN8nHost(): void {
	const r = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', 'ensure-n8n-host.sh'), HOST_DIR], {
		cwd: REPO_ROOT,
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	if (r.status !== 0)
		throw new Error(`scripts/ensure-n8n-host.sh failed (exit ${r.status ?? r.signal})`);
}

// ---------------------------------------------------------------------------------------------------------------
// Free ports

/** Asks the OS for `count` distinct free loopback ports (all held open at once, then released). */
export async function getFreePorts(count: number): Promise<number[]> {
	const servers: net.Server[] = [];
	try {
		const ports: number[] = [];
		for (let i = 0; i < count; i++) {
			const server = net.createServer();
			servers.push(server);
			await new Promise<void>((resolve, reject) => {
				server.once('error', reject);
				server.listen(0, '127.0.0.1', resolve);
			});
			ports.push((server.address() as net.AddressInfo).port);
		}
		return ports;
	} finally {
		await Promise.all(
			servers.map(async (s) => await new Promise<void>((resolve) => s.close(() => resolve()))),
		);
	}
}

// ---------------------------------------------------------------------------------------------------------------
// User folders

export interface UserFolder {
	/** The value of N8N_USER_FOLDER. n8n keeps its data in `<dir>/.n8n`. */
	dir: string;
	/** `<dir>/.n8n/nodes/node_modules/<package name>` */
	packageDir: string;
	mode: 'symlink' | 'tarball';
	/** Removes the folder, unless E2E_KEEP=1. */
	cleanup(): void;
}

function makeUserFolder(prefix: string): { dir: string; nodeModules: string; cleanup: () => void } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-${prefix}-`));
	const nodeModules = path.join(dir, '.n8n', 'nodes', 'node_modules');
	fs.mkdirSync(nodeModules, { recursive: true });
	const cleanup = () => {
		if (process.env.E2E_KEEP === '1') return;
		fs.rmSync(dir, { recursive: true, force: true });
	};
	return { dir, nodeModules, cleanup };
}

/**
 * A fresh user folder with this repository symlinked as `<uf>/.n8n/nodes/node_modules/<package name>`.
 * n8n loads whatever is in `dist/` now (run `npm run build` first).
 * Note: through the symlink, `require('n8n-workflow')` in dist/ resolves to the repo's devDependency copy,
 * not n8n's own; the tarball folder is the production-exact variant.
 */
export function createLinkedUserFolder(): UserFolder {
	const { dir, nodeModules, cleanup } = makeUserFolder('link');
	const packageDir = path.join(nodeModules, PACKAGE_NAME);
	fs.mkdirSync(path.dirname(packageDir), { recursive: true }); // scoped names
	fs.symlinkSync(REPO_ROOT, packageDir, 'dir');
	return { dir, packageDir, mode: 'symlink', cleanup };
}

let packedTarball: string | undefined;

/** `npm pack` of the repository (once per process); returns the .tgz path (in a temp folder). */
export function packRepository(): string {
	if (packedTarball && fs.existsSync(packedTarball)) return packedTarball;
	const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-pack-'));
	const r = spawnSync('npm', ['pack', '--json', '--pack-destination', dest, '--ignore-scripts'], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
	});
	if (r.status !== 0)
		throw new Error(`npm pack failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
	const [info] = JSON.parse(r.stdout) as Array<{ filename: string }>;
	packedTarball = path.join(dest, info.filename);
	return packedTarball;
}

/**
 * A fresh user folder with the `npm pack` tarball installed the way n8n's UI installer does it: untar into
 * `<uf>/.n8n/nodes/node_modules/<name>`, drop peerDependencies/devDependencies from its package.json, and run
 * `npm install --omit=dev --ignore-scripts --package-lock=false` inside. Proves the `files` list ships what
 * package.json#n8n points at.
 */
export function createTarballUserFolder(
	tarballs: string | string[] = packRepository(),
): UserFolder {
	const { dir, nodeModules, cleanup } = makeUserFolder('tgz');
	let packageDir = '';
	for (const tarball of Array.isArray(tarballs) ? tarballs : [tarballs])
		packageDir = installTarball(nodeModules, tarball);
	return { dir, packageDir, mode: 'tarball', cleanup };
}

/** One tarball into `<nodeModules>/<its package name>`, as n8n's installer does it; returns that folder. */
function installTarball(nodeModules: string, tarball: string): string {
	const unpacked = fs.mkdtempSync(path.join(nodeModules, '.unpack-'));
	const untar = spawnSync('tar', ['xzf', tarball, '--strip-components=1', '-C', unpacked], {
		encoding: 'utf8',
	});
	if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
	const name = (
		JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8')) as {
			name: string;
		}
	).name;
	const packageDir = path.join(nodeModules, name);
	fs.mkdirSync(path.dirname(packageDir), { recursive: true });
	fs.renameSync(unpacked, packageDir);
	const pjPath = path.join(packageDir, 'package.json');
	const pj = JSON.parse(fs.readFileSync(pjPath, 'utf8')) as Record<string, unknown>;
	delete pj.peerDependencies;
	delete pj.devDependencies;
	fs.writeFileSync(pjPath, JSON.stringify(pj, null, 2));
	const install = spawnSync(
		'npm',
		[
			'install',
			'--omit=dev',
			'--ignore-scripts',
			'--package-lock=false',
			'--no-audit',
			'--no-fund',
		],
		{ cwd: packageDir, encoding: 'utf8' },
	);
	if (install.status !== 0)
		throw new Error(`npm install in ${packageDir} failed:\n${install.stdout}\n${install.stderr}`);
	return packageDir;
}

// ---------------------------------------------------------------------------------------------------------------
// Environment and logs

let cachedOwnerHash: string | undefined;

/** bcrypt hash of OWNER.password, computed with the bcryptjs that the host's n8n uses. */
export function ownerPasswordHash(): string {
	if (!cachedOwnerHash) {
		const hostRequire = createRequire(path.join(HOST_DIR, 'node_modules', 'n8n', 'package.json'));
		const bcrypt = hostRequire('bcryptjs') as { hashSync(pw: string, rounds: number): string };
		cachedOwnerHash = bcrypt.hashSync(OWNER.password, 10);
	}
	return cachedOwnerHash;
}

export interface N8nEnvOptions {
	/** N8N_PORT. Allocated dynamically when omitted. */
	port?: number;
	/** N8N_RUNNERS_BROKER_PORT. Allocated dynamically when omitted. */
	brokerPort?: number;
	/** Extra variables (win over the defaults). */
	env?: Record<string, string>;
}

/**
 * The environment for one n8n process: Node 24 first on PATH (the task runner is spawned as `node`), the user
 * folder, the fixed key, the no-outbound-call switches, loopback only, the env-provisioned owner and the two
 * ports. Inherited N8N_*, DB_*, EXECUTIONS_*, QUEUE_*, NODE_ENV (jest sets `test`, which turns n8n's commands
 * into silent no-ops), NODE_OPTIONS and NODE_PATH are dropped so runs are hermetic.
 */
export function n8nEnv(
	uf: UserFolder,
	port: number,
	brokerPort: number,
	extra: Record<string, string> = {},
) {
	const env: Record<string, string> = {};
	for (const [k, v] of Object.entries(process.env)) {
		// NODE_ENV=test (set by jest) makes n8n's CLI commands silently do nothing and exit 0.
		if (
			v === undefined ||
			/^(N8N_|DB_|EXECUTIONS_|QUEUE_|JEST_|NODE_ENV$|NODE_OPTIONS$|NODE_PATH$)/.test(k)
		)
			continue;
		env[k] = v;
	}
	const noProxy = ['127.0.0.1', 'localhost', '::1', env.NO_PROXY ?? env.no_proxy]
		.filter(Boolean)
		.join(',');
	return {
		...env,
		PATH: `${HOST_BIN}${path.delimiter}${env.PATH ?? ''}`,
		NO_PROXY: noProxy,
		no_proxy: noProxy,
		N8N_USER_FOLDER: uf.dir,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		// n8n 1.x has no mcp-registry module and refuses to start when asked to disable an unknown one.
		...(hostN8nVersion().startsWith('1.') ? {} : { N8N_DISABLED_MODULES: 'mcp-registry' }),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
		N8N_INSTANCE_OWNER_FIRST_NAME: OWNER.firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: OWNER.lastName,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: ownerPasswordHash(),
		...extra,
	};
}

/** A new log file under test/.artifacts/ for one process. */
export function newLogFile(name: string): string {
	fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	return path.join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}-${stamp}-${process.pid}.log`);
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** The last `lines` lines of a log file, colour codes removed. */
export function logTail(file: string, lines = 60): string {
	try {
		const text = fs.readFileSync(file, 'utf8').replace(ANSI, '');
		return text.split('\n').slice(-lines).join('\n');
	} catch {
		return `(no log at ${file})`;
	}
}

// Every process group this module started; killed on exit if a test forgot (or crashed before) stop().
const liveGroups = new Set<number>();
// A signal (Ctrl-C, a CI timeout's SIGTERM) ends the process without 'exit' handlers unless we exit ourselves.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
	process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));
process.once('exit', () => {
	for (const pgid of liveGroups) {
		try {
			process.kill(-pgid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
});

function groupAlive(pgid: number): boolean {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch {
		return false;
	}
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pgid, signal);
	} catch {
		// already gone
	}
}

/** Ends a process group: SIGTERM, then SIGKILL after `graceMs`; returns when no member is left. */
async function stopGroup(child: ChildProcess, graceMs: number): Promise<void> {
	const pgid = child.pid;
	if (pgid === undefined) return;
	const exited = new Promise<void>((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) resolve();
		else child.once('exit', () => resolve());
	});
	killGroup(pgid, 'SIGTERM');
	if (!(await settlesWithin(exited, graceMs))) killGroup(pgid, 'SIGKILL');
	await exited;
	// The task runner and other children share the group; give them a moment, then force.
	for (let i = 0; i < 25 && groupAlive(pgid); i++) await sleep(200);
	if (groupAlive(pgid)) killGroup(pgid, 'SIGKILL');
	liveGroups.delete(pgid);
}

// ---------------------------------------------------------------------------------------------------------------
// CLI

export interface CliResult {
	exitCode: number | null;
	stdout: string;
	stderr: string;
	durationMs: number;
	logFile: string;
}

export interface CliOptions extends N8nEnvOptions {
	timeoutMs?: number;
	/** Log file name prefix (default: the command). */
	name?: string;
}

/**
 * Runs `n8n <args>` to completion on Node 24 with the e2e environment (its own ports, so it can run beside a
 * started server). Never throws on a non-zero exit: check `exitCode`. Output is also written to a log file.
 */
export async function runN8nCli(
	uf: UserFolder,
	args: string[],
	options: CliOptions = {},
): Promise<CliResult> {
	const [port, brokerPort] = await getFreePorts(2);
	const env = n8nEnv(uf, options.port ?? port, options.brokerPort ?? brokerPort, options.env);
	const logFile = newLogFile(options.name ?? `cli-${args[0]?.replace(/:/g, '-') ?? 'n8n'}`);
	const timeoutMs = options.timeoutMs ?? 120_000;
	const started = Date.now();
	const child = spawn(NODE24, [N8N_MAIN, ...args], {
		cwd: uf.dir,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	if (child.pid) liveGroups.add(child.pid);
	const log = fs.createWriteStream(logFile);
	log.write(`$ n8n ${args.join(' ')}\n`);
	let stdout = '';
	let stderr = '';
	child.stdout!.on('data', (b: Buffer) => {
		stdout += b.toString();
		log.write(b);
	});
	child.stderr!.on('data', (b: Buffer) => {
		stderr += b.toString();
		log.write(b);
	});
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		void stopGroup(child, 5_000);
	}, timeoutMs);
	const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
	const exitCode = await new Promise<number | null>((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) => resolve(code));
	});
	clearTimeout(timer);
	// Reap anything the command left in its group (a straggler would also keep the pipes open).
	await stopGroup(child, 2_000);
	await settlesWithin(closed, 5_000);
	await new Promise<void>((resolve) => log.end(() => resolve()));
	if (timedOut) {
		throw new Error(
			`n8n ${args.join(' ')} timed out after ${timeoutMs} ms; log ${logFile}:\n${logTail(logFile)}`,
		);
	}
	return { exitCode, stdout, stderr, durationMs: Date.now() - started, logFile };
}

/** Like runN8nCli, but throws (with the output's tail) when the exit code is not 0. */
export async function runN8nCliOrThrow(
	uf: UserFolder,
	args: string[],
	options: CliOptions = {},
): Promise<CliResult> {
	const r = await runN8nCli(uf, args, options);
	if (r.exitCode !== 0) {
		throw new Error(
			`n8n ${args.join(' ')} exited ${r.exitCode}; log ${r.logFile}:\n${logTail(r.logFile)}`,
		);
	}
	return r;
}

/** A credential for `n8n import:credentials`: `data` is plaintext, n8n encrypts it with ENCRYPTION_KEY. */
export interface CredentialImport {
	/** Fixed id (<= 21 chars) so workflows can reference it. */
	id: string;
	name: string;
	/** Credential type name, e.g. `speakrApi`. */
	type: string;
	data: Record<string, unknown>;
}

/** A workflow for import or REST creation. Keep `id` fixed (<= 21 chars) for `execute --id`. */
export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	active?: boolean;
	[key: string]: unknown;
}

function writeJsonFile(uf: UserFolder, prefix: string, value: unknown): string {
	const file = path.join(
		uf.dir,
		`${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.json`,
	);
	fs.writeFileSync(file, JSON.stringify(value, null, 2));
	return file;
}

/** `n8n import:credentials` (plaintext data; the first command on a fresh folder also runs migrations, 8-14 s). */
export async function importCredentials(
	uf: UserFolder,
	credentials: CredentialImport[],
): Promise<CliResult> {
	const file = writeJsonFile(uf, 'credentials', credentials);
	return await runN8nCliOrThrow(uf, ['import:credentials', `--input=${file}`]);
}

/** `n8n import:workflow` of an array of workflows (inactive unless published afterwards). */
export async function importWorkflows(
	uf: UserFolder,
	workflows: WorkflowJson[],
): Promise<CliResult> {
	const file = writeJsonFile(
		uf,
		'workflows',
		workflows.map((w) => ({ active: false, settings: {}, ...w })),
	);
	return await runN8nCliOrThrow(uf, ['import:workflow', `--input=${file}`]);
}

/** `n8n publish:workflow --id` (activates a workflow before `n8n start`, e.g. for webhooks). */
export async function publishWorkflow(uf: UserFolder, workflowId: string): Promise<CliResult> {
	return await runN8nCliOrThrow(uf, ['publish:workflow', `--id=${workflowId}`]);
}

/**
 * Parses `n8n execute --rawOutput` stdout: log lines come first, the JSON starts at the first line that is
 * exactly `{`. Returns undefined when there is no JSON (failed runs print an error dump instead).
 */
export function parseExecuteOutput(stdout: string): IRun | undefined {
	const lines = stdout.split('\n');
	const start = lines.findIndex((l) => l.trim() === '{');
	if (start < 0) return undefined;
	// Usually the JSON runs to the end; tolerate trailing log lines by trimming from the bottom.
	for (let end = lines.length; end > start; end--) {
		const candidate = lines.slice(start, end).join('\n').trim();
		if (!candidate.endsWith('}')) continue;
		try {
			return JSON.parse(candidate) as IRun;
		} catch {
			// keep trimming
		}
	}
	return undefined;
}

export interface ExecuteResult extends CliResult {
	/** Exit code 0 and `status === 'success'`. */
	ok: boolean;
	/** The parsed run (IRun), when n8n printed one. */
	run: IRun | undefined;
}

/** `n8n execute --id=<id> --rawOutput` and the parsed result. Does not throw on a failed run: check `ok`. */
export async function executeWorkflow(
	uf: UserFolder,
	workflowId: string,
	options: CliOptions = {},
): Promise<ExecuteResult> {
	const r = await runN8nCli(uf, ['execute', `--id=${workflowId}`, '--rawOutput'], {
		name: `execute-${workflowId}`,
		...options,
	});
	const run = parseExecuteOutput(r.stdout);
	return { ...r, run, ok: r.exitCode === 0 && run?.status === 'success' };
}

/** The `json` of every item a node emitted (run `runIndex`, output `outputIndex`) in an execute result. */
export function nodeOutputJson(
	run: IRun | undefined,
	nodeName: string,
	runIndex = 0,
	outputIndex = 0,
): Array<Record<string, unknown>> {
	const taskData = run?.data.resultData.runData[nodeName]?.[runIndex];
	if (!taskData) {
		const ran = Object.keys(run?.data.resultData.runData ?? {}).join(', ');
		throw new Error(`node "${nodeName}" has no run ${runIndex} (nodes that ran: ${ran || 'none'})`);
	}
	return (taskData.data?.main?.[outputIndex] ?? []).map(
		(item) => item.json as Record<string, unknown>,
	);
}

/** `n8n export:nodes`: every node type n8n loaded (name, displayName, ...), without starting a server. */
export async function exportNodeTypes(
	uf: UserFolder,
): Promise<Array<{ name: string; displayName: string }>> {
	const file = path.join(uf.dir, `nodes-${Date.now()}.json`);
	await runN8nCliOrThrow(uf, ['export:nodes', `--output=${file}`]);
	return JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ name: string; displayName: string }>;
}

// ---------------------------------------------------------------------------------------------------------------
// Server

export interface StartOptions extends N8nEnvOptions {
	/** `start` (default), `worker` or `webhook`. */
	command?: 'start' | 'worker' | 'webhook';
	/** Extra CLI arguments, e.g. `--concurrency=2` for a worker. */
	args?: string[];
	readyTimeoutMs?: number;
	/** Log file name prefix. */
	name?: string;
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	[key: string]: unknown;
}

/** A running `n8n start` (or worker/webhook process) in its own process group. */
export class N8nServer {
	/** Cookie-carrying client for /rest and /types (after login()). Never throws on HTTP status. */
	readonly http: AxiosInstance;
	private cookie: string | undefined;
	private stopped = false;

	private constructor(
		readonly uf: UserFolder,
		readonly child: ChildProcess,
		readonly port: number,
		readonly brokerPort: number,
		readonly logFile: string,
		readonly command: string,
		/** Port that answers /healthz/readiness (N8N_PORT; QUEUE_HEALTH_CHECK_PORT for a worker). */
		readonly healthPort: number,
		/** Milliseconds from spawn to readiness. */
		public startMs = 0,
	) {
		this.http = axios.create({
			baseURL: this.baseUrl,
			proxy: false,
			timeout: 60_000,
			validateStatus: () => true,
		});
		this.http.interceptors.request.use((config) => {
			if (this.cookie) config.headers.set('Cookie', this.cookie);
			return config;
		});
		this.http.interceptors.response.use(undefined, (error: unknown) => {
			throw readableHttpError(error);
		});
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get pid(): number | undefined {
		return this.child.pid;
	}

	/** Starts the process and resolves once /healthz/readiness answers {"status":"ok"}. */
	static async start(uf: UserFolder, options: StartOptions = {}): Promise<N8nServer> {
		const command = options.command ?? 'start';
		const [p, b, h] = await getFreePorts(3);
		const port = options.port ?? p;
		const brokerPort = options.brokerPort ?? b;
		const extra: Record<string, string> = { ...options.env };
		let healthPort = port;
		if (command === 'worker') {
			healthPort = h;
			extra.QUEUE_HEALTH_CHECK_ACTIVE = 'true';
			extra.QUEUE_HEALTH_CHECK_PORT = String(h);
			extra.N8N_WORKER_SERVER_ADDRESS = '127.0.0.1';
			Object.assign(extra, options.env);
		}
		const env = n8nEnv(uf, port, brokerPort, extra);
		const logFile = newLogFile(options.name ?? `n8n-${command}`);
		const fd = fs.openSync(logFile, 'a');
		const started = Date.now();
		const child = spawn(NODE24, [N8N_MAIN, command, ...(options.args ?? [])], {
			cwd: uf.dir,
			env,
			detached: true,
			stdio: ['ignore', fd, fd],
		});
		fs.closeSync(fd);
		if (child.pid) liveGroups.add(child.pid);
		const server = new N8nServer(uf, child, port, brokerPort, logFile, command, healthPort);
		try {
			await server.waitUntilReady(options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS);
		} catch (error) {
			await server.stop();
			throw error;
		}
		server.startMs = Date.now() - started;
		progress(
			`n8n ${command} ready in ${(server.startMs / 1000).toFixed(1)} s on port ${healthPort} (log ${path.relative(REPO_ROOT, logFile)})`,
		);
		return server;
	}

	private async waitUntilReady(timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		const url = `http://127.0.0.1:${this.healthPort}/healthz/readiness`;
		let spawnError: Error | undefined;
		this.child.once('error', (e) => (spawnError = e));
		while (Date.now() < deadline) {
			if (spawnError) throw spawnError;
			if (this.child.exitCode !== null || this.child.signalCode !== null) {
				throw new Error(
					`n8n ${this.command} exited (${this.child.exitCode ?? this.child.signalCode}) before it was ready; ` +
						`log ${this.logFile}:\n${this.logTail()}`,
				);
			}
			try {
				const r = await axios.get(url, {
					proxy: false,
					timeout: 2_000,
					validateStatus: () => true,
				});
				if (r.status === 200 && (r.data as { status?: string })?.status === 'ok') return;
			} catch {
				// not listening yet
			}
			await sleep(250);
		}
		throw new Error(
			`n8n ${this.command} not ready after ${timeoutMs} ms; log ${this.logFile}:\n${this.logTail()}`,
		);
	}

	/** The last lines of this process's log (ANSI colours removed). */
	logTail(lines = 60): string {
		return logTail(this.logFile, lines);
	}

	/** The whole log so far (ANSI colours removed). */
	logText(): string {
		return fs.readFileSync(this.logFile, 'utf8').replace(ANSI, '');
	}

	private fail(what: string, r: AxiosResponse): never {
		throw new Error(
			`${what}: HTTP ${r.status} ${JSON.stringify(r.data).slice(0, 500)}\nlog ${this.logFile}:\n${this.logTail(30)}`,
		);
	}

	/** POST /rest/login as OWNER (or the given user) and keep the `n8n-auth` cookie for `http`. */
	async login(email: string = OWNER.email, password: string = OWNER.password): Promise<void> {
		let r: AxiosResponse = await this.http.post('/rest/login', {
			emailOrLdapLoginId: email,
			password,
		});
		// n8n 1.x answers readiness before its REST routes are mounted: 404 "Cannot POST" for a moment, and under load
		// 503 "Database is not ready!" while its database connection is still being checked.
		const deadline = Date.now() + 120_000;
		while ((r.status === 404 || r.status === 503) && Date.now() < deadline) {
			await sleep(500);
			r = await this.http.post('/rest/login', { emailOrLdapLoginId: email, password });
		}
		if (r.status !== 200 && email === OWNER.email) {
			// n8n 1.x has no env-provisioned owner (N8N_INSTANCE_OWNER_*): set the owner up the way the first visit does.
			const setup = await this.http.post('/rest/owner/setup', { ...OWNER });
			if (setup.status === 200) r = setup;
		}
		if (r.status !== 200) this.fail('login failed', r);
		const setCookie = r.headers['set-cookie'] ?? [];
		const auth = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
		if (!auth) this.fail('login returned no n8n-auth cookie', r);
		this.cookie = auth;
	}

	private async ensureLoggedIn(): Promise<void> {
		if (!this.cookie) await this.login();
	}

	/** Authenticated REST call; returns `data` of n8n's `{data: ...}` envelope, throws on a non-2xx status. */
	async rest<T = unknown>(method: Method, url: string, body?: unknown): Promise<T> {
		await this.ensureLoggedIn();
		const r = await this.http.request({ method, url, data: body });
		if (r.status < 200 || r.status >= 300) this.fail(`${method} ${url}`, r);
		return (r.data as { data: T }).data;
	}

	/** Node types the UI sees (`/types/nodes.json`, needs the cookie in 2.x). */
	async nodeTypes(): Promise<Array<{ name: string; displayName: string }>> {
		await this.ensureLoggedIn();
		const r = await this.http.get('/types/nodes.json');
		if (r.status !== 200) this.fail('GET /types/nodes.json', r);
		return r.data as Array<{ name: string; displayName: string }>;
	}

	/** Credential types the UI sees (`/types/credentials.json`). */
	async credentialTypes(): Promise<Array<{ name: string; displayName: string }>> {
		await this.ensureLoggedIn();
		const r = await this.http.get('/types/credentials.json');
		if (r.status !== 200) this.fail('GET /types/credentials.json', r);
		return r.data as Array<{ name: string; displayName: string }>;
	}

	/**
	 * The editor's "Test" button for an unsaved credential: POST /rest/credentials/test. n8n 1.x tests only a saved
	 * credential (403 otherwise; its editor saves before testing): there it is saved, tested and deleted again.
	 */
	async testCredential(type: string, data: Record<string, unknown>): Promise<CredentialTestResult> {
		if (!hostN8nVersion().startsWith('1.'))
			return await this.rest<CredentialTestResult>('POST', '/rest/credentials/test', {
				credentials: { id: '', name: `e2e ${type}`, type, data },
			});
		const name = `e2e ${type} (test)`;
		const { id } = await this.rest<{ id: string }>('POST', '/rest/credentials', {
			name,
			type,
			data,
		});
		try {
			return await this.rest<CredentialTestResult>('POST', '/rest/credentials/test', {
				credentials: { id, name, type, data },
			});
		} finally {
			await this.rest('DELETE', `/rest/credentials/${id}`);
		}
	}

	/**
	 * "Test" on a saved credential, as the UI does it: fetch it with includeData (secrets come back blanked) and
	 * post that back; n8n restores the stored secrets.
	 */
	async testSavedCredential(credentialId: string): Promise<CredentialTestResult> {
		const cred = await this.rest<{
			id: string;
			name: string;
			type: string;
			data: Record<string, unknown>;
		}>('GET', `/rest/credentials/${credentialId}?includeData=true`);
		return await this.rest<CredentialTestResult>('POST', '/rest/credentials/test', {
			credentials: { id: cred.id, name: cred.name, type: cred.type, data: cred.data },
		});
	}

	/** POST /rest/workflows; returns the new id and versionId. */
	async createWorkflow(workflow: WorkflowJson): Promise<{ id: string; versionId: string }> {
		const body: Record<string, unknown> = { settings: {}, ...workflow, active: false };
		delete body.id; // n8n assigns the id
		return await this.rest<{ id: string; versionId: string }>('POST', '/rest/workflows', body);
	}

	/** POST /rest/workflows/<id>/activate with the version to publish. */
	async activateWorkflow(id: string, versionId: string): Promise<void> {
		await this.rest('POST', `/rest/workflows/${id}/activate`, { versionId });
	}

	/** Creates a workflow at runtime and activates it (webhook/trigger workflows). Returns its id. */
	async createAndActivateWorkflow(workflow: WorkflowJson): Promise<string> {
		const { id, versionId } = await this.createWorkflow(workflow);
		await this.activateWorkflow(id, versionId);
		return id;
	}

	/**
	 * Calls `/<prefix>/<path>` (prefix `webhook`, or `webhook-test`), retrying while n8n answers 404 "not
	 * registered" (registration lags behind readiness and activation). Returns the final response.
	 * `timeoutMs` bounds each call (default: the client's 60 s); a webhook that answers when its execution ends
	 * waits for the whole workflow, queued behind the others in queue mode.
	 */
	async callWebhook(
		webhookPath: string,
		options: {
			method?: Method;
			params?: Record<string, string>;
			data?: unknown;
			headers?: Record<string, string>;
			prefix?: string;
			retryForMs?: number;
			timeoutMs?: number;
		} = {},
	): Promise<AxiosResponse> {
		const deadline = Date.now() + (options.retryForMs ?? 30_000);
		const url = `/${options.prefix ?? 'webhook'}/${webhookPath.replace(/^\//, '')}`;
		for (;;) {
			const r = await this.http.request({
				method: options.method ?? 'GET',
				url,
				params: options.params,
				data: options.data,
				headers: options.headers,
				...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
			});
			const notRegistered = r.status === 404 && /not registered/i.test(JSON.stringify(r.data));
			if (!notRegistered || Date.now() > deadline) return r;
			await sleep(250);
		}
	}

	/** GET /rest/executions (newest first), optionally for one workflow. */
	async listExecutions(
		filter: { workflowId?: string; status?: string } = {},
	): Promise<ExecutionSummary[]> {
		const query = new URLSearchParams();
		if (Object.keys(filter).length) query.set('filter', JSON.stringify(filter));
		const data = await this.rest<{ results: ExecutionSummary[] }>(
			'GET',
			`/rest/executions?${query.toString()}`,
		);
		return latestStatePerExecution(data.results);
	}

	/** Polls listExecutions until `predicate` holds (e.g. a finished execution appeared). */
	async waitForExecutions(
		predicate: (executions: ExecutionSummary[]) => boolean,
		filter: { workflowId?: string } = {},
		timeoutMs = 30_000,
	): Promise<ExecutionSummary[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const executions = await this.listExecutions(filter);
			if (predicate(executions)) return executions;
			if (Date.now() > deadline) {
				throw new Error(
					`executions did not match in ${timeoutMs} ms: ${JSON.stringify(executions).slice(0, 800)}`,
				);
			}
			await sleep(500);
		}
	}

	/** SIGTERM to the process group (SIGKILL after 30 s); resolves when no process of the group is left. */
	async stop(): Promise<void> {
		if (this.stopped) return;
		this.stopped = true;
		await stopGroup(this.child, 30_000);
	}
}

/**
 * n8n lists running and finished executions with two queries run side by side and joins the results, so an
 * execution that finishes between them is listed twice (once running, once finished). One entry per id is kept:
 * the finished one, which is the later state.
 */
function latestStatePerExecution(executions: ExecutionSummary[]): ExecutionSummary[] {
	const byId = new Map<string, ExecutionSummary>();
	for (const execution of executions) {
		const seen = byId.get(execution.id);
		if (!seen || ['new', 'running'].includes(seen.status)) byId.set(execution.id, execution);
	}
	return [...byId.values()];
}

// ---------------------------------------------------------------------------------------------------------------
// Queue mode

export interface RedisHandle {
	port: number;
	logFile: string;
	stop(): Promise<void>;
}

/** Starts Debian's redis-server on a free loopback port (no persistence). Run scripts/ensure-redis.sh first. */
export async function startRedis(): Promise<RedisHandle> {
	const [port] = await getFreePorts(1);
	const logFile = newLogFile('redis');
	const fd = fs.openSync(logFile, 'a');
	const child = spawn(
		'redis-server',
		[
			'--bind',
			'127.0.0.1',
			'--port',
			String(port),
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
		],
		{ detached: true, stdio: ['ignore', fd, fd] },
	);
	fs.closeSync(fd);
	if (child.pid) liveGroups.add(child.pid);
	let spawnError: Error | undefined;
	child.once('error', (e) => (spawnError = e));
	const deadline = Date.now() + 15_000;
	for (;;) {
		await sleep(100);
		if (spawnError) {
			liveGroups.delete(child.pid ?? -1);
			throw new Error(
				`redis-server could not start (run scripts/ensure-redis.sh): ${spawnError.message}`,
			);
		}
		const pong = await new Promise<boolean>((resolve) => {
			const socket = net.connect(port, '127.0.0.1');
			socket.once('error', () => resolve(false));
			socket.once('connect', () => socket.write('PING\r\n'));
			socket.once('data', (d) => {
				socket.destroy();
				resolve(d.toString().startsWith('+PONG'));
			});
		});
		if (pong) break;
		if (Date.now() > deadline || child.exitCode !== null) {
			await stopGroup(child, 1_000);
			throw new Error(
				`redis-server did not answer on ${port}; log ${logFile}:\n${logTail(logFile)}`,
			);
		}
	}
	return { port, logFile, stop: async () => await stopGroup(child, 5_000) };
}

export interface QueueCluster {
	redis: RedisHandle;
	main: N8nServer;
	workers: N8nServer[];
	/** The main's folder; every worker has its own folder with the package, sharing the main's database. */
	uf: UserFolder;
	workerFolders: UserFolder[];
	stop(): Promise<void>;
}

/**
 * Queue mode: redis-server + `n8n start` + `workers` × `n8n worker`, all with EXECUTIONS_MODE=queue, the same key
 * and the main's SQLite database (n8n warns that scaling mode with SQLite is unsupported; fine for tests).
 * Each worker gets its own user folder made by `makeWorkerFolder` (default: a linked folder), because every
 * process that runs our nodes must have the package installed.
 */
export async function startQueueCluster(
	uf: UserFolder,
	options: {
		workers?: number;
		concurrency?: number;
		env?: Record<string, string>;
		makeWorkerFolder?: () => UserFolder;
	} = {},
): Promise<QueueCluster> {
	const redis = await startRedis();
	const shared: Record<string, string> = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_SQLITE_DATABASE: path.join(uf.dir, '.n8n', 'database.sqlite'),
		...options.env,
	};
	const workers: N8nServer[] = [];
	const workerFolders: UserFolder[] = [];
	let main: N8nServer | undefined;
	const stop = async () => {
		await Promise.all(workers.map(async (w) => await w.stop()));
		await main?.stop();
		await redis.stop();
		for (const f of workerFolders) f.cleanup();
	};
	try {
		main = await N8nServer.start(uf, { env: shared, name: 'n8n-queue-main' });
		const count = options.workers ?? 1;
		for (let i = 0; i < count; i++)
			workerFolders.push((options.makeWorkerFolder ?? createLinkedUserFolder)());
		workers.push(
			...(await Promise.all(
				workerFolders.map(
					async (wf, i) =>
						await N8nServer.start(wf, {
							command: 'worker',
							args: [`--concurrency=${options.concurrency ?? 2}`],
							env: shared,
							name: `n8n-queue-worker${i + 1}`,
						}),
				),
			)),
		);
	} catch (error) {
		await stop();
		throw error;
	}
	return { redis, main, workers, uf, workerFolders, stop };
}
