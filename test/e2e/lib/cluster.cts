/**
 * Queue mode as people deploy it: a throwaway PostgreSQL cluster, a restartable redis-server, one `n8n start`
 * (main), N `n8n worker`s and one `n8n webhook` (webhook processor), every n8n process with its own user folder that
 * has this package installed (symlink), all on 127.0.0.1 and free ports.
 *
 * - `startPostgres()`: `initdb` + `pg_ctl` (Debian's binaries, scripts/ensure-postgres.sh) on a folder under the
 *   test's own temporary folder, owned by the `postgres` user when the tests run as root (PostgreSQL refuses root).
 *   Never the system cluster. Stopped (and removed) by `stop()`, or on exit if a test crashed first.
 * - `startRedisServer()`: redis-server with an append-only file in its own folder, so `restart()` on the same port
 *   keeps the queue like a real deployment's persistent Redis.
 * - `startScaledCluster()`: the whole topology; `restartMain()`, `restartWorker()`, `killWorker()` for fault tests.
 *
 * Process logs go to test/.artifacts/ like the driver's (./n8n.cts); the PostgreSQL log is copied there on stop.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import {
	ARTIFACTS_DIR,
	createLinkedUserFolder,
	getFreePorts,
	N8nServer,
	newLogFile,
	logTail,
	progress,
	REPO_ROOT,
	type UserFolder,
} from './n8n.cjs';

const sleep = async (ms: number) => await new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Cleanups to run if the test process exits before a handle's stop() (a crashed beforeAll, a killed jest). */
const onExit = new Map<string, () => void>();
process.once('exit', () => {
	for (const cleanup of onExit.values()) {
		try {
			cleanup();
		} catch {
			// best effort
		}
	}
});

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL

/** Debian's server binaries: scripts/ensure-postgres.sh installs them; PG_BINDIR overrides. */
export function postgresBinDir(): string {
	if (process.env.PG_BINDIR) return process.env.PG_BINDIR;
	const base = '/usr/lib/postgresql';
	const versions = fs.existsSync(base)
		? fs
				.readdirSync(base)
				.filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
				.sort((a, b) => Number(a) - Number(b))
		: [];
	if (versions.length === 0)
		throw new Error('PostgreSQL server binaries not found: run scripts/ensure-postgres.sh');
	return path.join(base, versions[versions.length - 1], 'bin');
}

/** Runs `bash scripts/ensure-postgres.sh` and `bash scripts/ensure-redis.sh` (fast no-ops when installed). */
export function ensureQueueServices(): void {
	for (const script of ['ensure-postgres.sh', 'ensure-redis.sh']) {
		const r = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', script)], { stdio: 'inherit' });
		if (r.status !== 0) throw new Error(`scripts/${script} failed (exit ${r.status ?? r.signal})`);
	}
}

export interface PostgresHandle {
	port: number;
	database: string;
	user: string;
	/** The DB_* variables that point n8n at this database. */
	n8nEnv: Record<string, string>;
	/** Runs SQL with psql; returns the rows, columns split on `|` (psql -At). Throws on an SQL error. */
	query(sql: string): string[][];
	stop(): Promise<void>;
}

/**
 * A fresh cluster in `<tmp>/n8n-e2e-pg-*`: trust authentication for user `n8n` on 127.0.0.1 only, a free port, the
 * unix socket in the same folder, fsync off (a throwaway database; nothing here tests power loss).
 */
export async function startPostgres(): Promise<PostgresHandle> {
	const bin = postgresBinDir();
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-pg-'));
	const dataDir = path.join(root, 'data');
	const serverLog = path.join(root, 'postgres.log');
	const asRoot = process.getuid?.() === 0;
	if (asRoot) {
		fs.chmodSync(root, 0o755);
		const chown = spawnSync('chown', ['postgres:postgres', root], { encoding: 'utf8' });
		if (chown.status !== 0) throw new Error(`chown postgres ${root} failed: ${chown.stderr}`);
	}
	// PostgreSQL refuses to run as root: run its tools as the postgres user then.
	const run = (tool: string, args: string[], timeoutMs = 120_000) => {
		const [cmd, argv] = asRoot
			? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]]
			: [path.join(bin, tool), args];
		const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: timeoutMs, cwd: root });
		if (r.status !== 0) {
			throw new Error(
				`${tool} ${args.join(' ')} failed (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}\n${logTail(serverLog, 30)}`,
			);
		}
		return r.stdout;
	};
	const user = 'n8n';
	const database = 'n8n';
	run('initdb', [
		'-D',
		dataDir,
		'-U',
		user,
		'--auth=trust',
		'--encoding=UTF8',
		'--locale=C',
		'--no-sync',
	]);
	const [port] = await getFreePorts(1);
	const options = [
		'-c listen_addresses=127.0.0.1',
		`-p ${port}`,
		`-k ${root}`,
		'-c fsync=off',
		'-c synchronous_commit=off',
		'-c full_page_writes=off',
		'-c max_connections=200',
	].join(' ');
	const stopCluster = (mode: 'fast' | 'immediate') => {
		const [cmd, argv] = asRoot
			? [
					'runuser',
					[
						'-u',
						'postgres',
						'--',
						path.join(bin, 'pg_ctl'),
						'-D',
						dataDir,
						'-m',
						mode,
						'-w',
						'stop',
					],
				]
			: [path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', mode, '-w', 'stop']];
		spawnSync(cmd, argv, { encoding: 'utf8', timeout: 60_000 });
	};
	const key = `postgres:${root}`;
	onExit.set(key, () => {
		stopCluster('immediate');
		if (process.env.E2E_KEEP !== '1') fs.rmSync(root, { recursive: true, force: true });
	});
	run('pg_ctl', ['-D', dataDir, '-l', serverLog, '-o', options, '-w', '-t', '120', 'start']);
	const psql = (db: string, sql: string) =>
		spawnSync(
			path.join(bin, 'psql'),
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
				'-U',
				user,
				'-d',
				db,
				'-X',
				'-At',
				'-v',
				'ON_ERROR_STOP=1',
				'-c',
				sql,
			],
			{ encoding: 'utf8', timeout: 60_000, env: { ...process.env, PGCONNECT_TIMEOUT: '10' } },
		);
	const created = psql('postgres', `CREATE DATABASE ${database}`);
	if (created.status !== 0) throw new Error(`CREATE DATABASE failed: ${created.stderr}`);
	progress(`postgres ${path.basename(path.dirname(bin))} ready on 127.0.0.1:${port} (${root})`);
	let stopped = false;
	return {
		port,
		database,
		user,
		n8nEnv: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: database,
			DB_POSTGRESDB_USER: user,
			DB_POSTGRESDB_PASSWORD: '',
		},
		query(sql: string): string[][] {
			const r = psql(database, sql);
			if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}\n${sql}`);
			return r.stdout
				.split('\n')
				.filter((line) => line !== '')
				.map((line) => line.split('|'));
		},
		async stop() {
			if (stopped) return;
			stopped = true;
			stopCluster('fast');
			try {
				fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
				fs.copyFileSync(serverLog, newLogFile('postgres'));
			} catch {
				// no log to keep
			}
			onExit.get(key)?.();
			onExit.delete(key);
		},
	};
}

// ---------------------------------------------------------------------------------------------------------------
// Redis

export interface RedisServer {
	port: number;
	/** Stops redis (SIGTERM: it writes its append-only file first) and starts it again on the same port. */
	restart(): Promise<void>;
	stop(): Promise<void>;
}

async function redisPing(port: number): Promise<boolean> {
	return await new Promise<boolean>((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(2_000, () => done(false));
		socket.once('error', () => done(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
	});
}

async function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
	if (child.exitCode !== null || child.signalCode !== null) return true;
	return await new Promise<boolean>((resolve) => {
		const timer = setTimeout(() => resolve(false), ms);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve(true);
		});
	});
}

/** redis-server on a free loopback port, append-only file in its own temporary folder (scripts/ensure-redis.sh). */
export async function startRedisServer(): Promise<RedisServer> {
	const [port] = await getFreePorts(1);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-redis-'));
	const logFile = newLogFile('redis');
	let child: ChildProcess | undefined;
	const key = `redis:${dir}`;
	onExit.set(key, () => {
		if (child?.pid) {
			try {
				process.kill(child.pid, 'SIGKILL');
			} catch {
				// gone
			}
		}
		fs.rmSync(dir, { recursive: true, force: true });
	});
	const launch = async () => {
		const fd = fs.openSync(logFile, 'a');
		child = spawn(
			'redis-server',
			[
				'--bind',
				'127.0.0.1',
				'--port',
				String(port),
				'--dir',
				dir,
				'--save',
				'',
				'--appendonly',
				'yes',
				'--appendfsync',
				'everysec',
				'--daemonize',
				'no',
			],
			{ detached: true, stdio: ['ignore', fd, fd] },
		);
		fs.closeSync(fd);
		let spawnError: Error | undefined;
		child.once('error', (e) => (spawnError = e));
		const deadline = Date.now() + 30_000;
		for (;;) {
			await sleep(100);
			if (spawnError)
				throw new Error(
					`redis-server could not start (run scripts/ensure-redis.sh): ${spawnError.message}`,
				);
			if (await redisPing(port)) return;
			if (Date.now() > deadline || child.exitCode !== null)
				throw new Error(
					`redis-server did not answer on ${port}; log ${logFile}:\n${logTail(logFile)}`,
				);
		}
	};
	const halt = async () => {
		if (!child) return;
		const current = child;
		child = undefined;
		current.kill('SIGTERM');
		if (!(await waitForExit(current, 15_000))) {
			current.kill('SIGKILL');
			await waitForExit(current, 5_000);
		}
	};
	await launch();
	return {
		port,
		async restart() {
			await halt();
			await launch();
		},
		async stop() {
			await halt();
			onExit.get(key)?.();
			onExit.delete(key);
		},
	};
}

// ---------------------------------------------------------------------------------------------------------------
// The topology

/**
 * Node's global agent keeps sockets alive (Node 19+), and n8n closes idle ones after 5 s: a request that reuses
 * one at that moment fails with "socket hang up". One connection per request: the load is meant to be real anyway.
 */
function freshConnections(server: N8nServer): N8nServer {
	server.http.defaults.httpAgent = new http.Agent({ keepAlive: false });
	// A webhook answered with the last node's output waits for its turn in the queue: minutes on a busy machine.
	server.http.defaults.timeout = 10 * 60_000;
	return server;
}

export interface ScaledCluster {
	postgres: PostgresHandle;
	redis: RedisServer;
	main: N8nServer;
	workers: N8nServer[];
	webhook: N8nServer;
	/** Where external services send webhooks: the webhook processor (WEBHOOK_URL of every process). */
	webhookUrl: string;
	/** Every log a worker slot has written (a restarted worker gets a new log), per slot. */
	workerLogs: string[][];
	/** Stops main (SIGTERM, n8n's graceful shutdown) and starts it again with the same folder. */
	restartMain(): Promise<void>;
	/** Stops worker `index` gracefully (it finishes its running jobs first) and starts it again. */
	restartWorker(index: number): Promise<void>;
	/** SIGKILL to worker `index`'s whole process group (no shutdown of any kind); `startWorker` brings it back. */
	killWorker(index: number): Promise<void>;
	startWorker(index: number): Promise<void>;
	stop(): Promise<void>;
}

export interface ScaledClusterOptions {
	workers?: number;
	/** Jobs each worker runs at once (`n8n worker --concurrency`). */
	concurrency?: number;
	/** Extra variables for every n8n process. */
	env?: Record<string, string>;
}

/**
 * PostgreSQL + Redis + `n8n start` + `workers` × `n8n worker` + `n8n webhook`, EXECUTIONS_MODE=queue everywhere.
 * Production webhooks are served by the webhook processor only (main has N8N_DISABLE_PRODUCTION_MAIN_PROCESS):
 * WEBHOOK_URL points at it, so the URLs our triggers register with Speakr / AudioBookRequest reach it.
 */
export async function startScaledCluster(
	options: ScaledClusterOptions = {},
): Promise<ScaledCluster> {
	const folders: UserFolder[] = [];
	const folder = () => {
		const f = createLinkedUserFolder();
		folders.push(f);
		return f;
	};
	let postgres: PostgresHandle | undefined;
	let redis: RedisServer | undefined;
	let main: N8nServer | undefined;
	let webhook: N8nServer | undefined;
	const workers: N8nServer[] = [];
	const workerLogs: string[][] = [];
	const stop = async () => {
		await Promise.all([...workers, webhook].map(async (p) => await p?.stop()));
		await main?.stop();
		await redis?.stop();
		await postgres?.stop();
		for (const f of folders) f.cleanup();
	};
	try {
		[postgres, redis] = await Promise.all([startPostgres(), startRedisServer()]);
		const [mainPort, webhookPort] = await getFreePorts(2);
		const webhookUrl = `http://127.0.0.1:${webhookPort}/`;
		const shared: Record<string, string> = {
			...postgres.n8nEnv,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			N8N_WEBHOOK_URL: webhookUrl,
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			...options.env,
		};
		const mainFolder = folder();
		const startMain = async () =>
			freshConnections(
				await N8nServer.start(mainFolder, {
					port: mainPort,
					env: { ...shared, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' },
					name: 'n8n-scale-main',
				}),
			);
		// Main first: it runs the database migrations the others wait for.
		main = await startMain();
		const workerFolders = Array.from({ length: options.workers ?? 2 }, () => folder());
		const startWorkerProcess = async (index: number) => {
			const w = await N8nServer.start(workerFolders[index], {
				command: 'worker',
				args: [`--concurrency=${options.concurrency ?? 5}`],
				env: shared,
				name: `n8n-scale-worker${index + 1}`,
			});
			workers[index] = w;
			(workerLogs[index] ??= []).push(w.logFile);
		};
		const webhookFolder = folder();
		await Promise.all([
			...workerFolders.map(async (_, i) => await startWorkerProcess(i)),
			(async () => {
				webhook = freshConnections(
					await N8nServer.start(webhookFolder, {
						command: 'webhook',
						port: webhookPort,
						env: shared,
						name: 'n8n-scale-webhook',
					}),
				);
			})(),
		]);
		const cluster: ScaledCluster = {
			postgres,
			redis,
			main,
			workers,
			webhook: webhook!,
			webhookUrl,
			workerLogs,
			async restartMain() {
				await cluster.main.stop();
				cluster.main = await startMain();
				main = cluster.main;
			},
			async restartWorker(index) {
				await workers[index].stop();
				await startWorkerProcess(index);
			},
			async killWorker(index) {
				const pid = workers[index].pid;
				if (pid) process.kill(-pid, 'SIGKILL');
				await workers[index].stop(); // reaps the group
			},
			async startWorker(index) {
				await startWorkerProcess(index);
			},
			stop,
		};
		return cluster;
	} catch (error) {
		await stop();
		throw error;
	}
}

/** Execution ids a worker log reports ("Worker started|finished execution 12 (job 34)"). */
export function executionsInLog(logFile: string, what: 'started' | 'finished'): string[] {
	let text = '';
	try {
		text = fs.readFileSync(logFile, 'utf8');
	} catch {
		return [];
	}
	return [...text.matchAll(new RegExp(`Worker ${what} execution (\\d+)`, 'g'))].map((m) => m[1]);
}

/** Nearest-rank percentile of `values` (0 < p ≤ 100). */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
