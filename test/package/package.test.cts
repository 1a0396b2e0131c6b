/**
 * The package as n8n and its verification scanner see it: package.json rules, the built dist/ that n8n
 * loads (class name = file name, icons present and themed), description contracts, and the scanner.
 * Needs `npm run build` first (npm test does it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type {
	ICredentialType,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';

import { requestOptionsProperty } from '../../nodes/shared/descriptions';
import { speakrProfile } from '../../nodes/Speakr/profile';
import { DEFAULT_REQUEST_SETTINGS } from '../../nodes/shared/settings';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

beforeAll(() => {
	if (!existsSync(path.join(root, 'dist')))
		throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
});

describe('package.json', () => {
	test('is publishable as a community package without runtime dependencies', () => {
		expect(pkg.name).toMatch(/^n8n-nodes-/);
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.devDependencies['n8n-workflow']).toMatch(/^\d+\.\d+\.\d+$/);
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.license).toBe('MIT');
		expect(pkg.keywords).toEqual(
			expect.arrayContaining([
				'n8n-community-node-package',
				'audiobookshelf',
				'audiobookrequest',
				'speakr',
				'autopi',
			]),
		);
		expect(pkg.n8n.strict).toBe(true);
		const lifecycle = ['preinstall', 'install', 'postinstall', 'prepare', 'prepack', 'postpack'];
		expect(Object.keys(pkg.scripts).filter((name) => lifecycle.includes(name))).toEqual([]);
	});

	test('lists every built node and credential that exists in the source', () => {
		const listed = [...pkg.n8n.nodes, ...pkg.n8n.credentials] as string[];
		for (const file of listed) expect(existsSync(path.join(root, file))).toBe(true);
		const sourceNodes = execFileSync(
			'git',
			['ls-files', 'nodes/**/*.node.ts', 'credentials/*.credentials.ts'],
			{ cwd: root },
		)
			.toString()
			.trim()
			.split('\n')
			.filter(Boolean);
		for (const source of sourceNodes) {
			expect(listed).toContain(`dist/${source.replace(/\.ts$/, '.js')}`);
		}
	});
});

const loaded = (file: string) => {
	const exports = require(path.join(root, file));
	const className = path.basename(file).split('.')[0];
	return { className, instance: new exports[className]() };
};

describe('dist loads the way n8n loads it', () => {
	test.each(pkg.n8n.credentials as string[])('%s', (file) => {
		const { className, instance } = loaded(file);
		const credential = instance as ICredentialType;
		expect(credential.name).toMatch(/Api$/);
		expect(credential.name.toLowerCase()).toBe(className.toLowerCase());
		// The Test is the nodes' `testedBy` function (issue 13 item 16): n8n uses a credential's own `test` first, so
		// there must be none, and every built node that uses the credential must name a function it carries (n8n takes
		// the first such node it finds and does not look further).
		expect(credential.test).toBeUndefined();
		const users = (pkg.n8n.nodes as string[])
			.map((nodeFile) => loaded(nodeFile).instance as INodeType)
			.filter((node) => node.description.credentials?.some((c) => c.name === credential.name));
		expect(users.length).toBeGreaterThan(0);
		for (const node of users) {
			const entry = node.description.credentials!.find((c) => c.name === credential.name)!;
			expect(entry.testedBy).toBe(`${credential.name}Test`);
			expect(typeof node.methods?.credentialTest?.[entry.testedBy as string]).toBe('function');
		}
		expect(credential.properties.some((p) => p.name === 'allowUnauthorizedCerts')).toBe(true);
		for (const property of credential.properties) {
			if (/token|password/i.test(property.name)) expect(property.typeOptions?.password).toBe(true);
		}
		expectThemedIcons(path.dirname(path.join(root, file)), credential.icon);
	});

	test.each(pkg.n8n.nodes as string[])('%s', (file) => {
		const { className, instance } = loaded(file);
		const node = instance as INodeType;
		const description = node.description;
		expect(description.name.toLowerCase()).toBe(
			className.charAt(0).toLowerCase() + className.slice(1).toLowerCase(),
		);
		expect(description.subtitle ?? description.polling ?? description.webhooks).toBeTruthy();
		const isTrigger = description.group.includes('trigger');
		expect(description.usableAsTool === true).toBe(!isTrigger);
		expect(existsSync(path.join(root, file.replace(/\.js$/, '.json')))).toBe(true);
		expectThemedIcons(path.dirname(path.join(root, file)), description.icon);
		checkProperties(description.properties);
	});
});

function expectThemedIcons(dir: string, icon: unknown) {
	const { light, dark } = icon as { light: string; dark: string };
	expect(light).not.toBe(dark);
	for (const ref of [light, dark]) {
		const file = path.resolve(dir, ref.replace(/^file:/, ''));
		expect(existsSync(file)).toBe(true);
	}
	expect(dark).toMatch(/\.dark\.svg$/);
}

/** n8n's UX rules that lint cannot see in generated descriptions. */
function checkProperties(properties: INodeProperties[]) {
	const names = new Set(properties.map((p) => p.name));
	for (const property of properties) {
		if (property.type === 'options' && Array.isArray(property.options)) {
			const options = property.options as INodePropertyOptions[];
			const sorted = [...options].sort((a, b) => a.name.localeCompare(b.name));
			expect(options.map((o) => o.name)).toEqual(sorted.map((o) => o.name));
			if (property.name === 'operation') {
				for (const option of options) {
					expect(option.action).toBeTruthy();
					expect(option.description).toBeTruthy();
				}
			}
			if (
				typeof property.default === 'string' &&
				options.length &&
				!String(property.default).startsWith('=')
			) {
				expect(options.map((o) => o.value)).toContain(property.default);
			}
		}
		if (property.name === 'limit') {
			expect(property.default).toBe(50);
			expect(property.description).toBe('Max number of results to return');
		}
		for (const key of Object.keys(property.displayOptions?.show ?? {})) {
			if (key.startsWith('@')) continue;
			expect(names.has(key) || key === 'resource' || key === 'operation').toBe(true);
		}
	}
}

test('the Request Options defaults shown to users are the transport defaults', () => {
	const options = Object.fromEntries(
		(requestOptionsProperty(speakrProfile).options as INodeProperties[]).map((o) => [
			o.name,
			o.default,
		]),
	);
	expect(options).toEqual({
		// 0 = the service's own page concurrency (ServiceProfile.pageConcurrency)
		concurrency: 0,
		maxRetries: DEFAULT_REQUEST_SETTINGS.maxRetries,
		maxRetryAfterSeconds: DEFAULT_REQUEST_SETTINGS.maxRetryAfterMs / 1000,
		timeout: DEFAULT_REQUEST_SETTINGS.timeoutMs,
	});
});

test("n8n's verification scanner passes on the source and on the npm pack tarball", () => {
	// eslint-plugin-n8n-nodes-base swaps in fixed test filenames when NODE_ENV is "test" (Jest sets it).
	const env = { ...process.env, NODE_ENV: 'production' };
	const run = spawnSync(process.execPath, [path.join(root, 'scripts/scan-package.mjs')], {
		cwd: root,
		encoding: 'utf8',
		env,
	});
	const output = `${run.stdout}\n${run.stderr}`;
	expect(output).toMatch(/scanner source: PASS/);
	expect(output).toMatch(/scanner tarball: PASS/);
}, 120_000);

describe('README', () => {
	const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

	test('opens with the two commands: start n8n with the nodes, and run the tests', () => {
		const firstBlock = /```bash\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
		expect(
			firstBlock
				.split('\n')
				.filter(Boolean)
				.map((line) => line.split('#')[0].trim()),
		).toEqual(['npm run dev', 'npm test']);
	});

	test('has the sections the credentials and codex files link to', () => {
		for (const anchor of [
			'Credentials',
			'Speakr',
			'Audiobookshelf',
			'AudioBookRequest',
			'AutoPi',
		]) {
			expect(readme).toMatch(new RegExp(`^## ${anchor}$`, 'm'));
		}
	});

	test('the operations table matches the built nodes', () => {
		const run = spawnSync(
			process.execPath,
			[path.join(root, 'scripts/readme-operations.mjs'), '--check'],
			{ cwd: root, encoding: 'utf8' },
		);
		expect(`${run.stdout}${run.stderr}`).toMatch(/up to date/);
	});

	test('every example workflow is listed', () => {
		for (const file of execFileSync('git', ['ls-files', 'examples/*.json'], { cwd: root })
			.toString()
			.trim()
			.split('\n')) {
			expect(readme).toContain(`(${file})`);
		}
	});
});
