/**
 * The five npm packages `npm run packages` (scripts/build-packages.mjs) builds from the one source tree, each on its
 * own as n8n's gates see it: what the tarball holds (its service, the shared transport, nothing of another service),
 * its package.json (zero runtime dependencies, peer n8n-workflow *, strict), its classes loading from the unpacked
 * tarball, n8n's verification scanner on its source and tarball, strict `n8n-node lint` over the package folder, and
 * `npm publish --dry-run`. Needs `npm run build` first (npm test does it); the packages are built here.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

const root = path.resolve(__dirname, '../..');
const rootPkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const packagesDir = path.join(root, 'node_modules', '.cache', 'n8n-packages');
const tarballsDir = path.join(root, 'build', 'tarballs');
// Inside the repository (so `require('n8n-workflow')` resolves) but out of the root lint's reach.
const unpackedDir = path.join(root, 'node_modules', '.cache', 'n8n-packages-unpacked');
// eslint-plugin-n8n-nodes-base swaps in fixed test filenames when NODE_ENV is "test" (Jest sets it).
const env = { ...process.env, NODE_ENV: 'production' };

const services = readdirSync(path.join(root, 'nodes'))
	.filter((folder) => folder !== 'shared')
	.filter((folder) =>
		readdirSync(path.join(root, 'nodes', folder)).some((file) => file.endsWith('.node.ts')),
	);
const packageOf = (folder: string) => `n8n-nodes-${folder.toLowerCase()}`;

interface Built {
	name: string;
	dir: string;
	tarball: string;
	unpacked: string;
	pkg: {
		name: string;
		version: string;
		[key: string]: unknown;
		n8n: { nodes: string[]; credentials: string[]; strict: boolean };
	};
	files: string[];
}
const built = new Map<string, Built>();

beforeAll(() => {
	if (!existsSync(path.join(root, 'dist')))
		throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
	const run = spawnSync(
		process.execPath,
		[path.join(root, 'scripts/build-packages.mjs'), '--no-build'],
		{ cwd: root, encoding: 'utf8', env },
	);
	if (run.status !== 0)
		throw new Error(`build-packages failed:\n${run.stdout}\n${run.stderr}`.slice(0, 4000));
	rmSync(unpackedDir, { recursive: true, force: true });
	for (const name of [rootPkg.name as string, ...services.map(packageOf)]) {
		const tarball = readdirSync(tarballsDir).find((f) =>
			new RegExp(`^${name}-\\d+\\.\\d+\\.\\d+.*\\.tgz$`).test(f),
		);
		if (!tarball) throw new Error(`no tarball for ${name} in build/tarballs`);
		const tarPath = path.join(tarballsDir, tarball);
		// Unpacked inside the repository, so `require('n8n-workflow')` finds the dev copy as n8n's would be found.
		const unpacked = path.join(unpackedDir, name);
		mkdirSync(unpacked, { recursive: true });
		execFileSync('tar', ['xzf', tarPath, '--strip-components=1', '-C', unpacked]);
		const files = execFileSync('tar', ['tzf', tarPath])
			.toString()
			.trim()
			.split('\n')
			.map((f) => f.replace(/^package\//, ''));
		built.set(name, {
			name,
			dir: name === rootPkg.name ? root : path.join(packagesDir, name),
			tarball: tarPath,
			unpacked,
			pkg: JSON.parse(readFileSync(path.join(unpacked, 'package.json'), 'utf8')),
			files,
		});
	}
}, 180_000);

const get = (name: string) => {
	const b = built.get(name);
	if (!b) throw new Error(`${name} was not built`);
	return b;
};

test('one command builds five tarballs: the all-in-one package and one package per service', () => {
	expect(services.length).toBeGreaterThanOrEqual(4);
	expect([...built.keys()].sort()).toEqual([rootPkg.name, ...services.map(packageOf)].sort());
	for (const b of built.values()) expect(b.pkg.version).toBe(rootPkg.version);
});

describe.each(services)('service package for nodes/%s', (folder) => {
	const name = packageOf(folder);

	test('package.json: one service, MIT, zero runtime dependencies, peer n8n-workflow *, strict, its own repository folder', () => {
		const { pkg } = get(name);
		expect(pkg.name).toBe(name);
		expect(pkg.license).toBe('MIT');
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.keywords).toEqual(expect.arrayContaining(['n8n-community-node-package']));
		expect(pkg.n8n.strict).toBe(true);
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.author).toEqual(rootPkg.author);
		expect(pkg.repository).toEqual({ ...rootPkg.repository, directory: `packages/${name}` });
		expect(pkg.description).toMatch(/\S/);
		expect(pkg.description).not.toMatch(/[<>]/);
		expect(Object.keys(pkg.scripts as object)).toEqual(['prepublishOnly']);
		// Exactly the service's nodes, as the all-in-one package lists them.
		expect(pkg.n8n.nodes).toEqual(
			(rootPkg.n8n.nodes as string[]).filter((f) => f.startsWith(`dist/nodes/${folder}/`)),
		);
		expect(pkg.n8n.credentials.length).toBeGreaterThan(0);
	});

	test("the tarball holds the service's files, the shared code and nothing of another service", () => {
		const { files, pkg } = get(name);
		for (const file of files) expect(file).toMatch(/^(package\.json|README\.md|LICENSE|dist\/.+)$/);
		for (const listed of [...pkg.n8n.nodes, ...pkg.n8n.credentials])
			expect(files).toContain(listed);
		expect(files.some((f) => f.startsWith('dist/nodes/shared/'))).toBe(true);
		for (const other of services.filter((s) => s !== folder)) {
			expect(files.filter((f) => f.startsWith(`dist/nodes/${other}/`))).toEqual([]);
			expect(files.filter((f) => f.startsWith(`dist/credentials/${other}`))).toEqual([]);
		}
		// No test code, sources or maps of other packages; the README is the package's own.
		expect(files.filter((f) => /\.test\.|\/test\//.test(f))).toEqual([]);
		const readme = readFileSync(path.join(get(name).unpacked, 'README.md'), 'utf8');
		expect(readme).toMatch(new RegExp(`^# ${name}$`, 'm'));
		expect(readme).toMatch(new RegExp(`^## ${folder}$`, 'm'));
		expect(readme).toMatch(/^## Installation$/m);
		expect(readme).toMatch(/^## Compatibility$/m);
		const installation = readme.slice(readme.indexOf('## Installation'));
		expect(installation.slice(0, installation.indexOf('\n## ', 5))).toContain(`\`${name}\``);
		expect(readme).not.toMatch(/\]\((?!https?:|#|LICENSE\))/); // no link into a repository the tarball lacks
	});

	test('loads from the unpacked tarball the way n8n loads it; nodes use only credentials the package holds', () => {
		const { pkg, unpacked } = get(name);
		const load = (file: string) => {
			const exports = require(path.join(unpacked, file));
			return new exports[path.basename(file).split('.')[0]]();
		};
		const credentialNames = pkg.n8n.credentials.map((f) => (load(f) as ICredentialType).name);
		for (const file of pkg.n8n.nodes) {
			const { description } = load(file) as INodeType;
			for (const credential of description.credentials ?? [])
				expect(credentialNames).toContain(credential.name);
			for (const icon of Object.values(description.icon as Record<string, string>))
				expect(
					existsSync(path.resolve(path.dirname(path.join(unpacked, file)), icon.slice(5))),
				).toBe(true);
			const codex = JSON.parse(
				readFileSync(path.join(unpacked, file.replace(/\.js$/, '.json')), 'utf8'),
			);
			expect(codex.node).toBe(`${name}.${description.name}`);
		}
	});

	test("n8n's verification scanner passes on the package source and on its tarball", () => {
		const { dir, tarball } = get(name);
		const run = spawnSync(
			process.execPath,
			[path.join(root, 'scripts/scan-package.mjs'), dir, tarball],
			{ cwd: root, encoding: 'utf8', env },
		);
		const output = `${run.stdout}\n${run.stderr}`;
		expect(output).toMatch(/scanner source: PASS/);
		expect(output).toMatch(/scanner tarball: PASS/);
		expect(run.status).toBe(0);
	}, 120_000);

	test('strict `n8n-node lint` passes over the package folder', () => {
		const { dir } = get(name);
		const run = spawnSync(
			process.execPath,
			[path.join(root, 'node_modules/@n8n/node-cli/bin/n8n-node.mjs'), 'lint'],
			{ cwd: dir, encoding: 'utf8', env },
		);
		expect({ status: run.status, output: `${run.stdout}${run.stderr}`.slice(-3000) }).toEqual({
			status: 0,
			output: expect.any(String),
		});
	}, 120_000);
});

test.each([rootPkg.name as string, ...services.map(packageOf)])(
	'`npm publish --dry-run` of %s passes',
	(name) => {
		const { dir, tarball } = get(name);
		const run = spawnSync(
			'npm',
			['publish', tarball, '--dry-run', '--ignore-scripts', '--json', '--access', 'public'],
			{ cwd: dir, encoding: 'utf8', env },
		);
		expect({ status: run.status, stderr: run.stderr.slice(-2000) }).toEqual({
			status: 0,
			stderr: expect.any(String),
		});
		expect(run.stdout).toContain(`"name": "${name}"`);
	},
	120_000,
);
