/**
 * The n8n editor in a real browser (Debian's Chromium via playwright-core) against the real n8n 2.41.1 with this
 * package loaded and our four fake servers running, the way a user meets our nodes:
 *   sign in → new workflow with a Manual Trigger → for each service: search the nodes panel, add the node (Speakr by
 *   drag-and-drop, the others with the panel's action list), pick a resource and an operation in the parameter
 *   dropdowns, create the credential in the UI, see the failure banner for a bad token (Speakr: the login
 *   redirect) and the success banner for a good one, press Retry (the Test button) → run the workflow from the
 *   editor → each node's output panel shows its items.
 * Every step asserts what the page shows; a failing step saves a screenshot under test/.artifacts/screenshots.
 * The screenshots for the README are written there too, and copied to docs/images/ with UPDATE_SCREENSHOTS=1.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startFakeAudioBookRequest, ABR_ADMIN_TOKEN } from '../fakes/audiobookrequest.cjs';
import { ABS_TOKEN, startFakeAudiobookshelf } from '../fakes/audiobookshelf.cjs';
import { AUTOPI_TOKEN, startFakeAutoPi } from '../fakes/autopi.cjs';
import type { FakeServer } from '../fakes/base.cjs';
import { SPEAKR_TOKEN, startFakeSpeakr } from '../fakes/speakr.cjs';
import {
	artifactScreenshot,
	ensureChromium,
	launchBrowser,
	signIn,
	uiStep,
	type BrowserSession,
} from './lib/browser.cjs';
import {
	createLinkedUserFolder,
	ensureN8nHost,
	N8nServer,
	progress,
	REPO_ROOT,
	type UserFolder,
} from './lib/n8n.cjs';

const DOCS_IMAGES = path.join(REPO_ROOT, 'docs', 'images');
const BAD_TOKEN = 'not-a-valid-token-e2e';

interface ServiceCase {
	/** The entry in the nodes panel (node and trigger are merged under this name). */
	displayName: string;
	/** The action clicked (or dragged) in the panel's action list. */
	addAction: string;
	addBy: 'drag' | 'click';
	/** Then picked in the parameter dropdowns. */
	resource: string;
	operation: string;
	/** The node's name once resource and operation are picked (n8n names it after the action). */
	nodeName: string;
	token: string;
	fake?: FakeServer;
	/** What the output panel must show after the run. */
	items: number;
	shows: string[];
	/** Extra check of the fake's request log after the bad-token test. */
	badTokenAnswer: number;
	testPath: string;
}

const services: ServiceCase[] = [
	{
		displayName: 'Speakr',
		addAction: 'Get many tags',
		addBy: 'drag',
		resource: 'Recording',
		operation: 'Get Many',
		nodeName: 'Get many recordings',
		token: SPEAKR_TOKEN,
		items: 3,
		shows: ['Meeting 1', 'Meeting 3'],
		badTokenAnswer: 302, // Speakr redirects a bad token to /login
		testPath: '/api/v1/users/me',
	},
	{
		displayName: 'Audiobookshelf',
		addAction: 'Get the current user',
		addBy: 'click',
		resource: 'Library',
		operation: 'Get Many',
		nodeName: 'Get many libraries',
		token: ABS_TOKEN,
		items: 2,
		shows: ['Books', 'Podcasts'],
		badTokenAnswer: 401,
		testPath: '/api/me',
	},
	{
		displayName: 'AudioBookRequest',
		addAction: 'Get many users',
		addBy: 'click',
		resource: 'User',
		operation: 'Get Current',
		nodeName: 'Get the current user',
		token: ABR_ADMIN_TOKEN,
		items: 1,
		shows: ['admin'],
		badTokenAnswer: 401,
		testPath: '/api/users/me',
	},
	{
		displayName: 'AutoPi',
		addAction: 'Get many trips',
		addBy: 'click',
		resource: 'Device',
		operation: 'Get Many',
		nodeName: 'Get many devices',
		token: AUTOPI_TOKEN,
		items: 3,
		shows: ['Van 1', 'Van 3'],
		badTokenAnswer: 401,
		testPath: '/auth/user/',
	},
];

let uf: UserFolder | undefined;
let server: N8nServer | undefined;
let browser: BrowserSession | undefined;
let page: Page;
const started = Date.now();
const shots: string[] = [];

/** A screenshot for the README: test/.artifacts/screenshots always, docs/images/ with UPDATE_SCREENSHOTS=1. */
async function docsScreenshot(name: string, target?: Locator): Promise<void> {
	// Toasts ("Credential successfully created", "Workflow executed successfully") would cover the picture.
	const closeButtons = page.locator('.el-notification .el-notification__closeBtn');
	for (let i = (await closeButtons.count()) - 1; i >= 0; i--)
		await closeButtons
			.nth(i)
			.click()
			.catch(() => undefined);
	await page
		.locator('.el-notification')
		.first()
		.waitFor({ state: 'hidden', timeout: 5_000 })
		.catch(() => undefined);
	const file = await artifactScreenshot(page, name);
	if (target) await target.screenshot({ path: file });
	shots.push(file);
	if (process.env.UPDATE_SCREENSHOTS === '1') {
		fs.mkdirSync(DOCS_IMAGES, { recursive: true });
		fs.copyFileSync(file, path.join(DOCS_IMAGES, `${name}.png`));
	}
}

const byTestId = (id: string) => page.locator(`[data-test-id="${id}"]`);
const canvasNode = (name: string) => byTestId('canvas-node').filter({ hasText: name });
const ndv = () => byTestId('ndv');
const credentialDialog = () => byTestId('credential-edit-dialog');
/** The whole modal (header with the credential's name and type included), for screenshots. */
const credentialModal = () => page.locator('.el-dialog').filter({ has: credentialDialog() });

/** Clicks the visible dropdown option whose headline is exactly `label`. */
async function pickOption(parameter: string, label: string): Promise<void> {
	await byTestId(`parameter-input-${parameter}`).click();
	const option = page
		.locator('[data-test-id="parameter-input-item"]:visible')
		.filter({ has: page.locator('.option-headline', { hasText: new RegExp(`^${label}$`) }) });
	await option.click();
	await expectValue(byTestId(`parameter-input-${parameter}`).locator('input'), label);
}

async function expectValue(input: Locator, value: string, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let seen = await input.inputValue();
	while (seen !== value) {
		if (Date.now() > deadline)
			throw new Error(`expected the input to show "${value}", it shows "${seen}"`);
		await page.waitForTimeout(100);
		seen = await input.inputValue();
	}
}

async function expectText(
	locator: Locator,
	text: string | RegExp,
	timeout = 60_000,
): Promise<void> {
	await locator.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout });
}

/** Polls `condition` (e.g. a request reached the fake) until it holds. */
async function until(
	what: string,
	condition: () => boolean | Promise<boolean>,
	timeoutMs = 60_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
		await page.waitForTimeout(100);
	}
}

/**
 * The credential test's banner in the dialog: "Retry" (n8n 2.x's Test button), then the result. A click is lost
 * while a test runs (the button reads "Retrying") and while a reopened dialog is still loading the stored values, so
 * the click waits for both, and is repeated when the editor sent no test call (POST /rest/credentials/test).
 */
async function retryCredentialTest(fake: FakeServer, testPath: string): Promise<void> {
	const retry = credentialDialog().getByRole('button', { name: 'Retry', exact: true });
	const baseUrl = credentialDialog().locator('[data-test-id="parameter-input-baseUrl"] input');
	await expectValue(baseUrl, fake.url, 60_000);
	const deadline = Date.now() + 120_000;
	for (;;) {
		await retry.waitFor();
		fake.resetStats();
		const sent = page
			.waitForRequest(
				(request) =>
					request.url().endsWith('/rest/credentials/test') && request.method() === 'POST',
				{ timeout: 15_000 },
			)
			.catch(() => undefined);
		await retry.click();
		const request = await sent;
		if (request) {
			await request.response();
			break;
		}
		if (Date.now() > deadline)
			throw new Error('clicking Retry in the credential dialog sent no credential test in 120 s');
		progress('a Retry click in the credential dialog sent no credential test: clicking again');
	}
	await until(
		`the credential test request to ${testPath}`,
		() => fake.stats.log.some((r) => r.path === testPath),
		30_000,
	);
	await retry.waitFor();
}

/** The banner's text: the message and, after "More details", n8n's error detail. */
async function bannerText(): Promise<string> {
	const text = await byTestId('node-credentials-config-container').innerText();
	return text
		.slice(
			text.indexOf('Couldn’t') >= 0 ? text.indexOf('Couldn’t') : text.indexOf('Connection'),
			text.indexOf('Base URL'),
		)
		.replace(/\s+/g, ' ')
		.trim();
}

async function closeNdv(): Promise<void> {
	if (await ndv().isVisible()) await byTestId('ndv-close-button').click();
	await ndv().waitFor({ state: 'hidden' });
}

beforeAll(async () => {
	ensureN8nHost();
	ensureChromium();
	services[0].fake = await startFakeSpeakr({ recordings: 3 });
	services[1].fake = await startFakeAudiobookshelf();
	services[2].fake = await startFakeAudioBookRequest();
	services[3].fake = await startFakeAutoPi();
	uf = createLinkedUserFolder();
	server = await N8nServer.start(uf);
	browser = await launchBrowser();
	page = browser.page;
}, 20 * 60_000);

// A failed step can leave the credential dialog open over the editor, and every later step would fail behind it:
// each test starts with it closed, so one failure is reported once. Tests that start on the canvas also close the
// node panel (closeNdv), which the credential test relies on being open.
beforeEach(async () => {
	if (!page || !(await credentialDialog().isVisible())) return;
	await credentialModal()
		.getByRole('button', { name: /close/i })
		.first()
		.click()
		.catch(() => undefined);
	// Unsaved changes: n8n asks "Close without saving?".
	await page
		.locator('.el-message-box')
		.getByRole('button', { name: 'Close', exact: true })
		.click({ timeout: 3_000 })
		.catch(() => undefined);
	await credentialDialog().waitFor({ state: 'hidden', timeout: 10_000 });
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
	uf?.cleanup();
	for (const s of services) await s.fake?.close();
	progress(
		`browser suite: ${((Date.now() - started) / 1000).toFixed(0)} s; screenshots: ${shots.map((f) => path.relative(REPO_ROOT, f)).join(', ')}`,
	);
});

test('sign in through the form; the workflows overview is shown', async () => {
	await uiStep(page, 'sign-in', async () => {
		await signIn(page, server!.baseUrl);
		expect(new URL(page.url()).pathname).toMatch(/^\/home\//);
		await byTestId('new-workflow-card').waitFor();
	});
}, 300_000);

test('new workflow: the nodes panel adds a Manual Trigger', async () => {
	await uiStep(page, 'manual-trigger', async () => {
		await page.goto(`${server!.baseUrl}/workflow/new`);
		await byTestId('canvas-add-button').waitFor();
		await byTestId('node-creator-plus-button').click();
		await byTestId('node-creator-search-bar').fill('Manual');
		await byTestId('node-creator-node-item').filter({ hasText: 'Manual Trigger' }).first().click();
		await canvasNode('When clicking').waitFor();
		// The panel may stay open on "What happens next?"; close it before the next step.
		await closeNdv();
	});
}, 300_000);

for (const service of services) {
	describe(service.displayName, () => {
		test(`the nodes panel finds it; ${service.addBy === 'drag' ? 'drag-and-drop' : 'the action list'} adds it; resource and operation are picked`, async () => {
			await uiStep(page, `${service.displayName}-add`, async () => {
				await closeNdv();
				// Selecting the trigger first makes the new node a branch of it (all four run from one click).
				await canvasNode('When clicking').click();
				await byTestId('node-creator-plus-button').click();
				await byTestId('node-creator-search-bar').fill(service.displayName);
				const entry = byTestId('node-creator-action-item').filter({
					has: page.locator('[data-test-id="node-creator-item-name"]', {
						hasText: new RegExp(`^${service.displayName}$`),
					}),
				});
				await entry.click();
				await expectText(byTestId('node-creator-category-item'), /^Actions \(\d+\)/);
				const action = byTestId('item-iterator-item').filter({
					hasText: new RegExp(`^${service.addAction}$`),
				});
				if (service.displayName === 'Speakr') {
					await page.waitForTimeout(600); // the panel's slide-in animation
					await docsScreenshot('nodes-panel-speakr-actions', byTestId('node-creator'));
				}
				if (service.addBy === 'drag') {
					await action.dragTo(byTestId('canvas'), { targetPosition: { x: 520, y: 420 } });
				} else {
					await action.click();
				}
				await ndv().waitFor();
				expect(await byTestId('node-title-container').innerText()).toBe(service.addAction);

				await pickOption('resource', service.resource);
				await pickOption('operation', service.operation);
				await expectText(byTestId('node-title-container'), service.nodeName);
				if (service.displayName === 'Speakr')
					await docsScreenshot('operation-parameters-speakr', ndv());
			});
		}, 300_000);

		test('credential created in the UI: a bad token shows the failure banner, a good one the success banner', async () => {
			const fake = service.fake!;
			await uiStep(page, `${service.displayName}-credential`, async () => {
				await byTestId('node-credentials-empty-state').click();
				await credentialDialog().waitFor();
				const field = (name: string) =>
					credentialDialog().locator(`[data-test-id="parameter-input-${name}"] input`);
				await field('baseUrl').fill(fake.url);
				await field('apiToken').fill(BAD_TOKEN);
				fake.resetStats();
				await byTestId('credential-save-button').click();
				await expectText(credentialDialog(), 'Couldn’t connect with these settings');
				const testRequests = fake.stats.log.filter((r) => r.path === service.testPath);
				expect(testRequests.length).toBeGreaterThanOrEqual(1);
				expect(testRequests[0].status).toBe(service.badTokenAnswer);
				await credentialDialog().getByText('More details').click();
				const failure = await bannerText();
				expect(failure).not.toContain(BAD_TOKEN);
				progress(
					`${service.displayName} bad token: HTTP ${service.badTokenAnswer} -> "${failure}"`,
				);
				if (service.displayName === 'Speakr')
					await docsScreenshot('credential-test-failure-speakr', credentialModal());

				// The Test button of n8n 2.x is "Retry" in the banner: still failing with the bad token.
				await retryCredentialTest(fake, service.testPath);
				await expectText(credentialDialog(), 'Couldn’t connect with these settings');

				await field('apiToken').fill(service.token);
				fake.resetStats();
				await byTestId('credential-save-button').click();
				// Saved and tested OK from the node panel: n8n closes the dialog; reopen it to see the result.
				await credentialDialog().waitFor({ state: 'hidden' });
				expect(
					fake.stats.log.filter((r) => r.path === service.testPath).map((r) => r.status),
				).toContain(200);
				await byTestId('credential-edit-button').click();
				await expectText(credentialDialog(), 'Connection tested successfully');
				await retryCredentialTest(fake, service.testPath);
				await expectText(credentialDialog(), 'Connection tested successfully');
				if (service.displayName === 'Speakr')
					await docsScreenshot('credential-test-success-speakr', credentialModal());
				const tokenSent = fake.stats.log.find((r) => r.path === service.testPath);
				expect(tokenSent?.status).toBe(200);
				await page.keyboard.press('Escape');
				await credentialDialog().waitFor({ state: 'hidden' });
				await closeNdv();
				await canvasNode(service.nodeName).waitFor();
			});
		}, 300_000);
	});
}

test('running the workflow from the editor: every node succeeds and its output panel shows the items', async () => {
	await uiStep(page, 'run-workflow', async () => {
		await closeNdv();
		const before = (await server!.listExecutions()).length;
		for (const s of services) s.fake!.resetStats();
		await byTestId('execute-workflow-button').click();
		const executions = await server!.waitForExecutions(
			(list) => list.length > before && list[0].status !== 'running' && list[0].status !== 'new',
			{},
			180_000,
		);
		expect(executions[0]).toMatchObject({ status: 'success', mode: 'manual' });
		for (const s of services) {
			await canvasNode(s.nodeName).locator('[data-test-id="canvas-node-status-success"]').waitFor();
		}
		await byTestId('tidy-up-button').click();
		await byTestId('zoom-to-fit').click();
		await byTestId('zoom-out-button').click(); // room for the labels above the Execute button
		await page.waitForTimeout(600); // the zoom animation
		await docsScreenshot('canvas-four-nodes');

		for (const s of services) {
			expect(s.fake!.stats.requests).toBeGreaterThanOrEqual(1);
			await canvasNode(s.nodeName).dblclick();
			await ndv().waitFor();
			const output = byTestId('output-panel');
			await expectText(
				output.locator('[data-test-id="ndv-items-count"]'),
				new RegExp(`^${s.items} items?$`),
			);
			// The table view renders every row (the JSON view is virtualised: off-screen items are not in the page).
			await output.locator('[data-test-id="radio-button-table"]').click();
			const table = output.locator('[data-test-id="ndv-data-container"] table');
			await table.waitFor();
			expect(await table.locator('tbody > tr').count()).toBe(s.items);
			for (const text of s.shows) await expectText(table.locator('td'), new RegExp(`^${text}$`));
			if (s.displayName === 'Speakr') await docsScreenshot('output-items-speakr', ndv());
			await closeNdv();
		}
	});
}, 400_000);
