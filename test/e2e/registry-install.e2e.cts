/**
 * The way a user installs: a local npm registry (verdaccio on 127.0.0.1, its user and token created by the test)
 * holds our tarballs; n8n 2.41.1 runs unlicensed with its default registry, https://registry.npmjs.org, which the
 * test's stand-in proxy serves from verdaccio (lib/registry.cts says why: a custom
 * `N8N_COMMUNITY_PACKAGES_REGISTRY` is an Enterprise-licence feature). In Debian's Chromium the owner goes to
 * Settings → Community Nodes, installs `n8n-nodes-speakr` by name, finds the Speakr node in the nodes panel, and an
 * operation runs with a saved credential; we publish 0.1.1 and the owner updates through the UI, then uninstalls.
 * The same for the all-in-one package. The install dialog and the installed list are screenshots for the README
 * (docs/images/ with UPDATE_SCREENSHOTS=1). Needs `npm run build`; builds the packages when missing.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';

import { SPEAKR_TOKEN, startFakeSpeakr, type FakeSpeakr } from '../fakes/speakr.cjs';
import {
	artifactScreenshot,
	ensureChromium,
	launchBrowser,
	signIn,
	uiStep,
	type BrowserSession,
} from './lib/browser.cjs';
import {
	createTarballUserFolder,
	ensureN8nHost,
	N8nServer,
	nodeOutputJson,
	progress,
	REPO_ROOT,
	type UserFolder,
} from './lib/n8n.cjs';
import {
	ensureRegistry,
	NPMJS_HOST,
	repackWithVersion,
	startNpmjsStandIn,
	startRegistry,
	type LocalRegistry,
	type NpmjsStandIn,
} from './lib/registry.cjs';
import { createCredential, runManually } from './lib/services.cjs';
import { packageTarball, speakrRecordingsWorkflow } from './lib/packages.cjs';

const execFileAsync = promisify(execFile);
const DOCS_IMAGES = path.join(REPO_ROOT, 'docs', 'images');

let registry: LocalRegistry;
let npmjs: NpmjsStandIn;
let speakr: FakeSpeakr;
let uf: UserFolder;
let server: N8nServer;
let browser: BrowserSession;
let page: Page;
const timings: string[] = [];

const byTestId = (id: string) => page.locator(`[data-test-id="${id}"]`);
const card = (name: string) => byTestId('community-package-card').filter({ hasText: name });

async function docsScreenshot(name: string, target = page.locator('body')): Promise<void> {
	const file = await artifactScreenshot(page, name);
	await target.screenshot({ path: file });
	if (process.env.UPDATE_SCREENSHOTS === '1') {
		fs.mkdirSync(DOCS_IMAGES, { recursive: true });
		fs.copyFileSync(file, path.join(DOCS_IMAGES, `${name}.png`));
	}
}

async function openCommunityNodes(): Promise<void> {
	await page.goto(`${server.baseUrl}/settings/community-nodes`);
	// The header's Install button (packages installed) or the empty state's "Install a community node".
	await page
		.locator(
			'[data-test-id="install-community-package-button"], [data-test-id="community-package-card"]',
		)
		.or(page.getByRole('button', { name: 'Install a community node' }))
		.first()
		.waitFor({ timeout: 60_000 });
}

/** Settings → Community Nodes → Install → name → "I understand the risks" → Install; returns the seconds it took. */
async function installThroughUi(name: string, screenshot?: string): Promise<number> {
	await openCommunityNodes();
	await page
		.getByRole('button', { name: /^Install( a community node)?$/ })
		.first()
		.click();
	const dialog = page.locator('.el-dialog').filter({ has: byTestId('package-name-input') });
	await dialog.waitFor();
	await dialog
		.locator('input[data-test-id="package-name-input"], [data-test-id="package-name-input"] input')
		.first()
		.fill(name);
	await byTestId('user-agreement-checkbox').click();
	if (screenshot) await docsScreenshot(screenshot, dialog);
	const started = Date.now();
	await dialog.getByRole('button', { name: 'Install', exact: true }).click();
	await card(name).waitFor({ timeout: 180_000 });
	const seconds = (Date.now() - started) / 1000;
	timings.push(`install ${name}: ${seconds.toFixed(1)} s`);
	return seconds;
}

/** Update: the card's Update button; Uninstall: the card's action menu. Then "Confirm update" / "Confirm uninstall". */
async function packageAction(name: string, action: 'Uninstall' | 'Update'): Promise<void> {
	await openCommunityNodes();
	if (action === 'Update') {
		await card(name).getByRole('button', { name: 'Update', exact: true }).click();
	} else {
		await card(name).locator('[data-test-id="action-toggle"], button').last().click();
		await page.getByText('Uninstall package', { exact: true }).last().click();
	}
	await page
		.getByRole('button', { name: new RegExp(`^Confirm ${action}$`, 'i') })
		.last()
		.click();
}

/** The nodes panel of a new workflow lists the node (by its display name). */
async function nodeInPanel(displayName: string): Promise<void> {
	await page.goto(`${server.baseUrl}/workflow/new`);
	await byTestId('canvas-add-button').waitFor();
	await byTestId('node-creator-plus-button').click();
	await byTestId('node-creator-search-bar').fill(displayName);
	await byTestId('node-creator-item-name')
		.filter({ hasText: new RegExp(`^${displayName}$`) })
		.first()
		.waitFor();
	await page.keyboard.press('Escape');
}

/** Creates the Speakr credential (as the editor saves it) and runs Recording → Get Many with a node of `pkg`. */
async function runSpeakrList(pkg: string): Promise<number> {
	const credentialId = await createCredential(server, 'speakrApi', `Speakr via ${pkg}`, {
		baseUrl: speakr.url,
		apiToken: SPEAKR_TOKEN,
		authScheme: 'bearer',
	});
	const { id } = await server.createWorkflow(
		speakrRecordingsWorkflow(pkg, { id: credentialId, name: `Speakr via ${pkg}` }),
	);
	const run = await runManually(server, id, 'Start');
	expect(run.status).toBe('success');
	return nodeOutputJson(run, 'Recordings').length;
}

async function installedVersion(name: string): Promise<string | undefined> {
	const list = await server.rest<Array<{ packageName: string; installedVersion: string }>>(
		'GET',
		'/rest/community-packages',
	);
	return list.find((p) => p.packageName === name)?.installedVersion;
}

beforeAll(async () => {
	ensureN8nHost();
	ensureChromium();
	ensureRegistry();
	registry = await startRegistry();
	for (const name of ['n8n-nodes-speakr', 'n8n-nodes-selfhosted-apps'])
		registry.publish(packageTarball(name));
	npmjs = await startNpmjsStandIn(registry);
	// What n8n's installer asks first, with n8n's environment: fails here, clearly, when the stand-in does not serve.
	// (Asynchronously: the stand-in answers from this process.)
	const view = await execFileAsync(
		'npm',
		['view', 'n8n-nodes-speakr', 'version', `--registry=https://${NPMJS_HOST}`],
		{ encoding: 'utf8', env: { ...process.env, ...npmjs.env }, timeout: 120_000 },
	);
	expect(view.stdout.trim()).toBe('0.1.0');
	speakr = await startFakeSpeakr({ recordings: 3 });
	uf = createTarballUserFolder([]);
	server = await N8nServer.start(uf, { env: npmjs.env, name: 'n8n-registry-install' });
	await server.login();
	browser = await launchBrowser();
	page = browser.page;
	await signIn(page, server.baseUrl);
}, 20 * 60_000);

afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await npmjs?.stop();
	await registry?.stop();
	await speakr?.close();
	uf?.cleanup();
	progress(`registry install through the UI: ${timings.join('; ')}`);
	const refused = [...new Set(npmjs?.requests.filter((r) => r.startsWith('refused')))];
	if (refused.length) progress(`the npmjs stand-in refused: ${refused.join(', ')}`);
});

describe('n8n-nodes-speakr from the registry, through Settings → Community Nodes', () => {
	test('install by name: the package is listed, the node is in the nodes panel, an operation runs', async () => {
		await uiStep(page, 'registry-install-speakr', async () => {
			await installThroughUi('n8n-nodes-speakr', 'community-nodes-install-dialog');
			expect(await installedVersion('n8n-nodes-speakr')).toBe('0.1.0');
			// n8n fetched it from "registry.npmjs.org", i.e. from the stand-in: the package document and the tarball.
			expect(npmjs.requests).toEqual(
				expect.arrayContaining([
					'GET /n8n-nodes-speakr',
					'GET /n8n-nodes-speakr/-/n8n-nodes-speakr-0.1.0.tgz',
				]),
			);
			await openCommunityNodes();
			await card('n8n-nodes-speakr').waitFor({ timeout: 60_000 });
			await docsScreenshot('community-nodes-installed');
			await nodeInPanel('Speakr');
		});
		expect(await runSpeakrList('n8n-nodes-speakr')).toBe(3);
	}, 300_000);

	test('a new version on the registry: Update through the UI installs it', async () => {
		registry.publish(repackWithVersion(packageTarball('n8n-nodes-speakr'), '0.1.1'));
		expect(await registry.versions('n8n-nodes-speakr')).toEqual(['0.1.0', '0.1.1']);
		await uiStep(page, 'registry-update-speakr', async () => {
			const started = Date.now();
			await packageAction('n8n-nodes-speakr', 'Update');
			await card('n8n-nodes-speakr').filter({ hasText: '0.1.1' }).waitFor({ timeout: 180_000 });
			timings.push(`update n8n-nodes-speakr: ${((Date.now() - started) / 1000).toFixed(1)} s`);
		});
		expect(await installedVersion('n8n-nodes-speakr')).toBe('0.1.1');
		expect(await runSpeakrList('n8n-nodes-speakr')).toBe(3);
	}, 300_000);

	test('uninstall through the UI removes the package and its nodes', async () => {
		await uiStep(page, 'registry-uninstall-speakr', async () => {
			await packageAction('n8n-nodes-speakr', 'Uninstall');
			await card('n8n-nodes-speakr').waitFor({ state: 'detached', timeout: 120_000 });
		});
		expect(await installedVersion('n8n-nodes-speakr')).toBeUndefined();
		const types = (await server.nodeTypes()).map((t) => t.name);
		expect(types.filter((t) => t.startsWith('n8n-nodes-speakr.'))).toEqual([]);
	}, 300_000);
});

describe('the all-in-one n8n-nodes-selfhosted-apps from the registry', () => {
	test('install by name: all four services are in the nodes panel, an operation runs; uninstall', async () => {
		await uiStep(page, 'registry-install-all-in-one', async () => {
			await installThroughUi('n8n-nodes-selfhosted-apps');
			for (const displayName of ['Speakr', 'Audiobookshelf', 'AudioBookRequest', 'AutoPi'])
				await nodeInPanel(displayName);
		});
		expect(await runSpeakrList('n8n-nodes-selfhosted-apps')).toBe(3);
		await uiStep(page, 'registry-uninstall-all-in-one', async () => {
			await packageAction('n8n-nodes-selfhosted-apps', 'Uninstall');
			await card('n8n-nodes-selfhosted-apps').waitFor({ state: 'detached', timeout: 120_000 });
		});
		expect(await installedVersion('n8n-nodes-selfhosted-apps')).toBeUndefined();
	}, 600_000);
});
