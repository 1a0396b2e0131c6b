/**
 * Debian's Chromium (/usr/bin/chromium, `scripts/ensure-chromium.sh`) driven by playwright-core, for the browser
 * e2e suites. Never a downloaded browser: playwright-core ships none and `executablePath` points at Debian's.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ARTIFACTS_DIR, OWNER, REPO_ROOT } from './n8n.cjs';

export const CHROMIUM = '/usr/bin/chromium';

/** Flags for a quiet, hermetic headless run (no sandbox: CI runs as root; no network calls of its own). */
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** Runs scripts/ensure-chromium.sh (a no-op when /usr/bin/chromium exists). */
export function ensureChromium(): void {
	const r = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', 'ensure-chromium.sh')], {
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	if (r.status !== 0)
		throw new Error(`scripts/ensure-chromium.sh failed (exit ${r.status ?? r.signal})`);
}

export interface BrowserSession {
	context: BrowserContext;
	page: Page;
	userDataDir: string;
	close(): Promise<void>;
}

/** A fresh profile (its own --user-data-dir) and one page of the given size. */
export async function launchBrowser(
	viewport = { width: 1440, height: 900 },
): Promise<BrowserSession> {
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport,
		locale: 'en-US',
		timezoneId: 'UTC',
	});
	context.setDefaultTimeout(60_000);
	const page = context.pages()[0] ?? (await context.newPage());
	return {
		context,
		page,
		userDataDir,
		close: async () => {
			await context.close().catch(() => undefined);
			fs.rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

export const SCREENSHOT_DIR = path.join(ARTIFACTS_DIR, 'screenshots');

/** Saves a full-page screenshot under test/.artifacts/screenshots/<name>.png and returns the path. */
export async function artifactScreenshot(page: Page, name: string): Promise<string> {
	fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
	const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
	await page.screenshot({ path: file }).catch(() => undefined);
	return file;
}

/**
 * Runs one UI step; on failure saves a screenshot (and the page's visible text) to test/.artifacts/screenshots
 * and rethrows with their paths, so a CI failure shows what the page looked like.
 */
export async function uiStep<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (error) {
		const file = await artifactScreenshot(page, `FAILED-${name}`);
		const text = await page
			.locator('body')
			.innerText({ timeout: 2_000 })
			.catch(() => '');
		fs.writeFileSync(file.replace(/\.png$/, '.txt'), `${page.url()}\n\n${text}`);
		const message = error instanceof Error ? error.message : String(error);
		throw new Error(
			`UI step "${name}" failed (screenshot ${path.relative(REPO_ROOT, file)}): ${message}`,
		);
	}
}

/** Signs in through n8n's sign-in form as the env-provisioned owner. */
export async function signIn(page: Page, baseUrl: string): Promise<void> {
	await page.goto(`${baseUrl}/signin`);
	await page.locator('#emailOrLdapLoginId').fill(OWNER.email);
	await page.locator('#password').fill(OWNER.password);
	await page.locator('[data-test-id="form-submit-button"]').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
}
