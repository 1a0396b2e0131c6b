/**
 * A local npm registry for end-to-end tests: verdaccio (test/e2e/registry, `scripts/ensure-registry.sh`) on the e2e
 * host's Node 24, listening on a free 127.0.0.1 port, with no uplink (it serves only what a test publishes), its own
 * storage in a temp folder and one user (created by `startRegistry()` through the registry's adduser endpoint) whose
 * token `publish()` uses.
 *
 * `startNpmjsStandIn()` puts that registry where an unlicensed n8n looks: n8n 1.123 and 2.x install community
 * packages only from https://registry.npmjs.org unless the instance's licence has
 * `feat:communityNodes:customRegistry` (otherwise `N8N_COMMUNITY_PACKAGES_REGISTRY` makes every install fail with
 * "Your license does not allow for feat:communityNodes:customRegistry"). So n8n keeps its default registry and
 * reaches it through an HTTPS proxy (`HTTPS_PROXY`, honoured by n8n's HTTP client and by npm) that answers for
 * registry.npmjs.org with a certificate of a throw-away CA (`NODE_EXTRA_CA_CERTS`) and forwards to verdaccio; every
 * other host is refused.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
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

export const NPMJS_HOST = 'registry.npmjs.org';

export interface NpmjsStandIn {
	/** The environment for the n8n process: the proxy, the CA, a fresh npm cache. */
	env: Record<string, string>;
	/** Every request it answered ("GET /n8n-nodes-speakr") and every CONNECT it refused ("refused host:port"). */
	requests: string[];
	stop(): Promise<void>;
}

function openssl(args: string[], cwd: string): void {
	const r = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
	if (r.status !== 0)
		throw new Error(`openssl ${args.join(' ')} failed (is openssl installed? scripts/ensure-openssl.sh installs it):\n${r.stderr}`);
}

/** A throw-away CA and a certificate for registry.npmjs.org signed by it, valid for two days. */
function makeCertificates(dir: string): { ca: string; key: string; cert: string } {
	openssl(
		[
			'req',
			'-x509',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-days',
			'2',
			'-keyout',
			'ca.key',
			'-out',
			'ca.pem',
			'-subj',
			'/CN=e2e npmjs stand-in CA',
			'-addext',
			'basicConstraints=critical,CA:TRUE',
			'-addext',
			'keyUsage=critical,keyCertSign,cRLSign',
		],
		dir,
	);
	openssl(
		[
			'req',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-keyout',
			'leaf.key',
			'-out',
			'leaf.csr',
			'-subj',
			`/CN=${NPMJS_HOST}`,
		],
		dir,
	);
	fs.writeFileSync(
		path.join(dir, 'leaf.ext'),
		`subjectAltName=DNS:${NPMJS_HOST}\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n`,
	);
	openssl(
		[
			'x509',
			'-req',
			'-in',
			'leaf.csr',
			'-CA',
			'ca.pem',
			'-CAkey',
			'ca.key',
			'-CAcreateserial',
			'-days',
			'2',
			'-out',
			'leaf.pem',
			'-extfile',
			'leaf.ext',
		],
		dir,
	);
	return {
		ca: path.join(dir, 'ca.pem'),
		key: fs.readFileSync(path.join(dir, 'leaf.key'), 'utf8'),
		cert: fs.readFileSync(path.join(dir, 'leaf.pem'), 'utf8'),
	};
}

/** An HTTPS proxy on 127.0.0.1 that serves registry.npmjs.org from `registry` (see the top of this file). */
export async function startNpmjsStandIn(registry: LocalRegistry): Promise<NpmjsStandIn> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-npmjs-'));
	const { ca, key, cert } = makeCertificates(dir);
	const requests: string[] = [];
	const target = new URL(registry.url);
	const sockets = new Set<Socket>();

	// Verdaccio writes tarball URLs from the Host and X-Forwarded-Proto headers: they stay on https://registry.npmjs.org.
	const forward = (req: http.IncomingMessage, res: http.ServerResponse, pathname: string) => {
		requests.push(`${req.method} ${pathname}`);
		const upstream = http.request(
			{
				host: target.hostname,
				port: target.port,
				method: req.method,
				path: pathname,
				headers: { ...req.headers, host: NPMJS_HOST, 'x-forwarded-proto': 'https' },
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', (error) => {
			res.writeHead(502).end(String(error));
		});
		req.pipe(upstream);
	};
	const tlsServer = https.createServer({ key, cert }, (req, res) =>
		forward(req, res, req.url ?? '/'),
	);
	const proxy = http.createServer((req, res) => {
		// A plain-http proxy request carries an absolute URL.
		const url = new URL(req.url ?? '/', 'http://invalid');
		if (url.hostname !== NPMJS_HOST) {
			requests.push(`refused ${url.host}`);
			res.writeHead(403).end();
			return;
		}
		forward(req, res, url.pathname + url.search);
	});
	proxy.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	proxy.on('connect', (req: http.IncomingMessage, socket: Socket, head: Buffer) => {
		const [host] = (req.url ?? '').split(':');
		if (host !== NPMJS_HOST) {
			requests.push(`refused ${req.url}`);
			socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
			return;
		}
		socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
		if (head.length > 0) socket.unshift(head);
		tlsServer.emit('connection', socket);
	});
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	const { port } = proxy.address() as { port: number };
	const proxyUrl = `http://127.0.0.1:${port}`;
	return {
		env: {
			HTTPS_PROXY: proxyUrl,
			https_proxy: proxyUrl,
			HTTP_PROXY: proxyUrl,
			http_proxy: proxyUrl,
			// n8n's own HTTP client trusts the CA through Node; npm only through its `cafile` setting.
			NODE_EXTRA_CA_CERTS: ca,
			npm_config_cafile: ca,
			// A fresh npm cache: nothing from earlier runs (other tarballs under the same name and version) is reused.
			npm_config_cache: path.join(dir, 'npm-cache'),
		},
		requests,
		async stop() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => proxy.close(() => resolve()));
			tlsServer.close();
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}
