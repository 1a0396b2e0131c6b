/**
 * A local npm registry for end-to-end tests: verdaccio (test/e2e/registry, `scripts/ensure-registry.sh`) on the e2e
 * host's Node 24, listening on a free 127.0.0.1 port, with no uplink (it serves only what a test publishes), its own
 * storage in a temp folder and one user whose token `publish()` uses.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';

import { getFreePorts, HOST_BIN, logTail, newLogFile, REPO_ROOT } from './n8n.cjs';

const REGISTRY_DIR = path.join(REPO_ROOT, 'test', 'e2e', 'registry');
const VERDACCIO = path.join(REGISTRY_DIR, 'node_modules', 'verdaccio', 'bin', 'verdaccio');

/** Runs scripts/ensure-registry.sh (a no-op when verdaccio is installed from the current lockfile). */
export function ensureRegistry(): void {
	const r = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', 'ensure-registry.sh')], {
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	if (r.status !== 0)
		throw new Error(`scripts/ensure-registry.sh failed (exit ${r.status ?? r.signal})`);
}

export interface LocalRegistry {
	url: string;
	logFile: string;
	/** `npm publish <tarball>` to this registry as the registry's user. */
	publish(tarball: string): void;
	/** The versions the registry holds for a package (empty when unknown). */
	versions(name: string): Promise<string[]>;
	stop(): Promise<void>;
}

export async function startRegistry(): Promise<LocalRegistry> {
	const [port] = await getFreePorts(1);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-registry-'));
	const config = path.join(dir, 'config.yaml');
	fs.writeFileSync(
		config,
		[
			`storage: ${path.join(dir, 'storage')}`,
			'auth:',
			'  htpasswd:',
			`    file: ${path.join(dir, 'htpasswd')}`,
			'    max_users: 10',
			'uplinks: {}',
			'packages:',
			"  '**':",
			'    access: $all',
			'    publish: $authenticated',
			'    unpublish: $authenticated',
			'web:',
			'  enable: false',
			'log: { type: stdout, format: pretty, level: warn }',
			'',
		].join('\n'),
	);
	const url = `http://127.0.0.1:${port}`;
	const logFile = newLogFile('verdaccio');
	const fd = fs.openSync(logFile, 'a');
	const child = spawn(
		path.join(HOST_BIN, 'node'),
		[VERDACCIO, '--config', config, '--listen', `127.0.0.1:${port}`],
		{ cwd: dir, detached: true, stdio: ['ignore', fd, fd] },
	);
	fs.closeSync(fd);
	const stop = async () => {
		if (child.exitCode === null && child.pid) {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {
				// gone
			}
			await exited;
		}
		fs.rmSync(dir, { recursive: true, force: true });
	};
	const http = axios.create({ baseURL: url, proxy: false, validateStatus: () => true });
	const deadline = Date.now() + 60_000;
	for (;;) {
		const ok = await http
			.get('/-/ping', { timeout: 2_000 })
			.then((r) => r.status === 200)
			.catch(() => false);
		if (ok) break;
		if (Date.now() > deadline || child.exitCode !== null) {
			await stop();
			throw new Error(`verdaccio did not start on ${url}; log ${logFile}:\n${logTail(logFile)}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	const user = await http.put('/-/user/org.couchdb.user:e2e', {
		name: 'e2e',
		password: 'e2e-registry-pass',
		email: 'e2e@example.com',
	});
	const token = (user.data as { token?: string }).token;
	if (!token) throw new Error(`verdaccio adduser failed: ${JSON.stringify(user.data)}`);
	const npmrc = path.join(dir, 'npmrc');
	fs.writeFileSync(npmrc, `//127.0.0.1:${port}/:_authToken=${token}\n`);

	return {
		url,
		logFile,
		publish(tarball: string) {
			const r = spawnSync(
				'npm',
				['publish', tarball, '--registry', url, '--userconfig', npmrc, '--ignore-scripts'],
				{ cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } },
			);
			if (r.status !== 0)
				throw new Error(`npm publish ${path.basename(tarball)} failed:\n${r.stdout}\n${r.stderr}`);
		},
		async versions(name: string) {
			const r = await http.get(`/${name}`);
			return r.status === 200 ? Object.keys((r.data as { versions: object }).versions) : [];
		},
		stop,
	};
}

/**
 * A copy of a packed package with another version (what a release of the next version publishes): unpack, change
 * package.json's version, pack again. Returns the new tarball's path.
 */
export function repackWithVersion(tarball: string, version: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-repack-'));
	spawnSync('tar', ['xzf', tarball, '-C', dir]);
	const pjPath = path.join(dir, 'package', 'package.json');
	const pj = JSON.parse(fs.readFileSync(pjPath, 'utf8')) as { version: string };
	pj.version = version;
	fs.writeFileSync(pjPath, `${JSON.stringify(pj, null, 2)}\n`);
	const r = spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {
		cwd: path.join(dir, 'package'),
		encoding: 'utf8',
	});
	if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr}`);
	const [info] = JSON.parse(r.stdout) as Array<{ filename: string }>;
	return path.join(dir, info.filename);
}
