// Builds and packs the five npm packages from the one source tree (see docs/architecture.md, "Packages"):
//   - n8n-nodes-selfhosted-apps (the repository itself, all services), and
//   - one package per service folder under nodes/ (every folder except shared/): n8n-nodes-<folder in lower case>.
// A service package holds what its nodes need and nothing else: the TypeScript compiler computes the import
// closure of the service's *.node.ts files and of the credentials those nodes declare; a file of another service
// in that closure fails the build. Nothing here names a node, a credential or a file: adding a node, a service or
// a shared module needs no edit.
//
//   node scripts/build-packages.mjs [--no-build] [--version X.Y.Z] [--only <package name>]...
//
// Output (gitignored): build/tarballs/<name>-<version>.tgz, and each service package's folder in
// node_modules/.cache/n8n-packages/<name>/ (package.json, README.md, LICENSE, eslint.config.mjs, tsconfig.json, the
// service's sources, icons and dist/). Prints one line per tarball.
import { execFileSync } from 'node:child_process';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const ts = require('typescript');

export const TARBALLS_DIR = path.join(root, 'build', 'tarballs');
// Staged package folders live under node_modules/.cache: inside the repository, so their lint config and
// `n8n-workflow` resolve from the root's node_modules, and out of the root's `n8n-node lint` (ESLint skips
// node_modules), which must not lint the copies again.
export const PACKAGES_DIR = path.join(root, 'node_modules', '.cache', 'n8n-packages');
const SHARED_FOLDERS = new Set(['shared']);

const rootPkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const relative = (file) => path.relative(root, file).split(path.sep).join('/');

/** Service folders: nodes/<Folder>/ holding at least one *.node.ts, except the shared code. */
export function serviceFolders() {
	return readdirSync(path.join(root, 'nodes'))
		.filter((name) => !SHARED_FOLDERS.has(name))
		.filter((name) => statSync(path.join(root, 'nodes', name)).isDirectory())
		.filter((name) =>
			readdirSync(path.join(root, 'nodes', name)).some((f) => f.endsWith('.node.ts')),
		)
		.sort();
}

export const packageNameOf = (folder) => `n8n-nodes-${folder.toLowerCase()}`;

const loadClass = (distFile) => {
	const exports = require(path.join(root, distFile));
	return new exports[path.basename(distFile).split('.')[0]]();
};
const sourceOf = (distFile) => distFile.replace(/^dist\//, '').replace(/\.js$/, '.ts');

/** What one service package contains, derived from package.json#n8n, the built classes and the imports. */
export function planService(folder) {
	const nodes = rootPkg.n8n.nodes.filter((file) => file.startsWith(`dist/nodes/${folder}/`));
	if (nodes.length === 0)
		throw new Error(`package.json#n8n.nodes lists no node of nodes/${folder}/ (run the build?)`);
	const credentialNames = new Set(
		nodes.flatMap((file) => (loadClass(file).description.credentials ?? []).map((c) => c.name)),
	);
	const credentials = rootPkg.n8n.credentials.filter((file) =>
		credentialNames.has(loadClass(file).name),
	);
	const missing = [...credentialNames].filter(
		(name) => !credentials.some((file) => loadClass(file).name === name),
	);
	if (missing.length)
		throw new Error(`nodes/${folder} uses credentials no listed file defines: ${missing}`);

	const entries = [...nodes, ...credentials].map((file) => path.join(root, sourceOf(file)));
	const sources = importClosure(entries);
	const foreign = sources.filter(
		(file) =>
			file.startsWith('nodes/') &&
			!file.startsWith(`nodes/${folder}/`) &&
			!SHARED_FOLDERS.has(file.split('/')[1]),
	);
	if (foreign.length)
		throw new Error(
			`nodes/${folder} imports another service's files (move shared code to nodes/shared/): ${foreign.join(', ')}`,
		);
	const assets = new Set();
	for (const file of sources) {
		// Icons are referenced as 'file:<path relative to the source file>'.
		const text = readFileSync(path.join(root, file), 'utf8');
		for (const [, ref] of text.matchAll(/['"`]file:([^'"`]+)['"`]/g))
			assets.add(relative(path.resolve(path.dirname(path.join(root, file)), ref)));
		// Codex files sit beside the node files.
		const codex = file.replace(/\.ts$/, '.json');
		if (file.endsWith('.node.ts') && existsSync(path.join(root, codex))) assets.add(codex);
	}
	return {
		folder,
		name: packageNameOf(folder),
		nodes,
		credentials,
		sources,
		assets: [...assets].sort(),
	};
}

/** The repository files (sources and JSON) the TypeScript compiler loads for these entry files. */
export function importClosure(entryFiles) {
	const configFile = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
	const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
	const program = ts.createProgram(entryFiles, { ...options, noEmit: true });
	return program
		.getSourceFiles()
		.map((sf) => path.resolve(sf.fileName))
		.filter(
			(file) =>
				file.startsWith(root + path.sep) && !file.includes(`${path.sep}node_modules${path.sep}`),
		)
		.map(relative)
		.sort();
}

const copy = (from, to) => {
	mkdirSync(path.dirname(to), { recursive: true });
	copyFileSync(from, to);
};

function servicePackageJson(plan, version) {
	const action = loadClass(plan.nodes.find((f) => !/Trigger\.node\.js$/.test(f)) ?? plan.nodes[0]);
	const displayName = action.description.displayName;
	return {
		name: plan.name,
		version,
		description: `n8n nodes for ${displayName}: ${action.description.description}`.replace(
			/\.?$/,
			'.',
		),
		license: rootPkg.license,
		keywords: ['n8n-community-node-package', 'n8n', plan.folder.toLowerCase()],
		author: rootPkg.author,
		homepage: `${rootPkg.repository.url.replace(/\.git$/, '')}/tree/main/packages/${plan.name}#readme`,
		repository: { ...rootPkg.repository, directory: `packages/${plan.name}` },
		files: ['dist'],
		scripts: { prepublishOnly: rootPkg.scripts.prepublishOnly },
		n8n: {
			n8nNodesApiVersion: rootPkg.n8n.n8nNodesApiVersion,
			strict: rootPkg.n8n.strict,
			credentials: plan.credentials,
			nodes: plan.nodes,
		},
		peerDependencies: rootPkg.peerDependencies,
		devDependencies: Object.fromEntries(
			['@n8n/node-cli', 'eslint', 'n8n-workflow', 'typescript']
				.filter((dep) => rootPkg.devDependencies[dep])
				.map((dep) => [dep, rootPkg.devDependencies[dep]]),
		),
	};
}

/** The package README: its service's section of the repository README plus the sections every package shares. */
/** A file of the repository on GitHub: images as raw files (a README on npm shows them), anything else as a page. */
function repositoryUrl(link) {
	const kind = /\.(png|jpe?g|gif|svg)$/i.test(link) ? 'raw' : 'blob';
	return `${rootPkg.homepage.replace(/#readme$/, '')}/${kind}/main/${link}`;
}

function serviceReadme(plan, pkg) {
	const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
	const section = (heading) => {
		const start = readme.search(new RegExp(`^## ${heading}$`, 'm'));
		if (start < 0) return '';
		const next = readme.slice(start + 3).search(/^## /m);
		return readme.slice(start, next < 0 ? undefined : start + 3 + next).trim();
	};
	const service = section(plan.folder)
		// Relative links of the repository README point into the repository.
		.replace(/\]\((?!https?:|#)([^)]+)\)/g, (_, link) => `](${repositoryUrl(link)})`)
		.replace(/^## .*$/m, `## ${plan.folder}`);
	// Installation names the package to install; the other shared sections are copied as they are.
	const shared = [
		'Installation',
		'Moving between the all-in-one and a single-service package',
		'Compatibility',
		'n8n 3',
		'Private addresses and SSRF protection',
		'Troubleshooting',
	]
		.map((heading) => [heading, section(heading)])
		.filter(([, text]) => text)
		.map(([heading, text]) =>
			(heading === 'Installation' ? text.replaceAll(rootPkg.name, pkg.name) : text).replace(
				/\]\((?!https?:|#)([^)]+)\)/g,
				(_, link) => `](${repositoryUrl(link)})`,
			),
		);
	return [
		`# ${pkg.name}`,
		'',
		`${pkg.description} An [n8n](https://n8n.io) community node package, built from [${rootPkg.name}](${rootPkg.homepage}), which holds all four services in one package.`,
		'',
		`Nodes: ${plan.nodes.map((f) => loadClass(f).description.displayName).join(', ')}. Credentials: ${plan.credentials.map((f) => loadClass(f).displayName).join(', ')}.`,
		'',
		service,
		'',
		...shared.flatMap((text) => [text, '']),
		'## License',
		'',
		'[MIT](LICENSE)',
		'',
	].join('\n');
}

function stageService(plan, version) {
	const dir = path.join(PACKAGES_DIR, plan.name);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const pkg = servicePackageJson(plan, version);
	writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
	writeFileSync(path.join(dir, 'README.md'), serviceReadme(plan, pkg));
	for (const file of ['LICENSE', 'eslint.config.mjs', 'tsconfig.json'])
		copy(path.join(root, file), path.join(dir, file));
	for (const file of plan.sources) {
		copy(path.join(root, file), path.join(dir, file));
		const base = path.join('dist', file.replace(/\.ts$/, ''));
		for (const ext of ['.js', '.d.ts', '.js.map'])
			if (existsSync(path.join(root, base + ext)))
				copy(path.join(root, base + ext), path.join(dir, base + ext));
	}
	for (const file of plan.assets) {
		let text = readFileSync(path.join(root, file));
		if (file.endsWith('.node.json')) {
			// The codex names the node type, which starts with the package name.
			const codex = JSON.parse(text.toString());
			codex.node = codex.node.replace(`${rootPkg.name}.`, `${pkg.name}.`);
			text = `${JSON.stringify(codex, null, '\t')}\n`;
		}
		for (const target of [file, path.join('dist', file)]) {
			mkdirSync(path.dirname(path.join(dir, target)), { recursive: true });
			writeFileSync(path.join(dir, target), text);
		}
	}
	return dir;
}

function pack(dir) {
	const out = execFileSync(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', TARBALLS_DIR],
		{ cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const [info] = JSON.parse(out);
	return { file: path.join(TARBALLS_DIR, info.filename), size: info.size, files: info.entryCount };
}

/** Stages and packs every package; returns [{ name, dir, tarball, size, files, plan? }]. */
export function buildPackages({ build = true, version, only = [] } = {}) {
	if (build) execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
	mkdirSync(TARBALLS_DIR, { recursive: true });
	const wanted = (name) => only.length === 0 || only.includes(name);
	const results = [];
	for (const folder of serviceFolders()) {
		const name = packageNameOf(folder);
		if (!wanted(name)) continue;
		const plan = planService(folder);
		const dir = stageService(plan, version ?? rootPkg.version);
		for (const f of readdirSync(TARBALLS_DIR))
			if (f.startsWith(`${name}-`)) rmSync(path.join(TARBALLS_DIR, f));
		results.push({ name, dir, plan, ...pack(dir) });
	}
	if (wanted(rootPkg.name)) {
		if (version && version !== rootPkg.version)
			throw new Error(
				`${rootPkg.name} takes its version from package.json (${rootPkg.version}), not --version`,
			);
		for (const f of readdirSync(TARBALLS_DIR))
			if (f.startsWith(`${rootPkg.name}-`)) rmSync(path.join(TARBALLS_DIR, f));
		results.push({ name: rootPkg.name, dir: root, ...pack(root) });
	}
	return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const args = process.argv.slice(2);
	const valueOf = (flag) => {
		const i = args.indexOf(flag);
		return i < 0 ? undefined : args[i + 1];
	};
	const only = args.flatMap((arg, i) => (args[i - 1] === '--only' ? [arg] : []));
	const results = buildPackages({
		build: !args.includes('--no-build'),
		version: valueOf('--version'),
		only,
	});
	for (const r of results)
		console.log(
			`${relative(r.file)}  ${(r.size / 1024).toFixed(1)} kB  ${r.files} files${r.plan ? `  (${r.plan.nodes.length} nodes, ${r.plan.credentials.length} credentials, ${r.plan.sources.length} sources)` : ''}`,
		);
}
