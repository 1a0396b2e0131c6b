/**
 * The editor's credential "Test" button (POST /rest/credentials/test) in a real n8n 2.41.1, for the four credential
 * types against their fake servers. n8n runs the nodes' `testedBy` function (our transport), so every failure reads as
 * a run's does: every token scheme with a good token passes, and every service's way of refusing a token fails —
 * Speakr's 302 → /login (not followed), Audiobookshelf's plain-text 401 (bad and inactive key), AudioBookRequest's
 * 401 JSON, AutoPi's 401 for a bad APIToken and its refused sign-in for a wrong password — and so do a closed port and
 * a Base URL ending in /api (n8n's own Test would say "ECONNREFUSED" and "Not Found"). Token hygiene: no good or bad
 * secret appears in any REST answer or in n8n's log (debug level).
 * One n8n server for the whole file. Needs `npm run build` first.
 */
import fs from 'node:fs';
import path from 'node:path';

import {
	ABR_ADMIN_TOKEN,
	startFakeAudioBookRequest,
	type FakeAudioBookRequest,
} from '../fakes/audiobookrequest.cjs';
import {
	ABS_INACTIVE_TOKEN,
	ABS_TOKEN,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../fakes/audiobookshelf.cjs';
import {
	AUTOPI_EMAIL,
	AUTOPI_PASSWORD,
	AUTOPI_TOKEN,
	startFakeAutoPi,
	type FakeAutoPi,
} from '../fakes/autopi.cjs';
import { Router, startFakeServer, type FakeServer } from '../fakes/base.cjs';
import { SPEAKR_TOKEN, startFakeSpeakr, type FakeSpeakr } from '../fakes/speakr.cjs';
import {
	createLinkedUserFolder,
	ensureN8nHost,
	getFreePorts,
	importCredentials,
	N8nServer,
	progress,
	readRepoPackageJson,
	REPO_ROOT,
	type CredentialTestResult,
	type UserFolder,
} from './lib/n8n.cjs';

// Secrets that must never surface anywhere n8n writes (REST answers, log). Every bad one is unique per case.
const BAD = {
	speakr: (scheme: string) => `spk_bad_${scheme}_Q7v1Lm`,
	abs: (scheme: string) => `abs-api-key.bad-${scheme}-Z8n2Kp`,
	abr: 'abr-bad-key-Hn4_Tq8sPw2Yx6Rb',
	autopi: 'apt_bad_Wm3Rv8Kc1Z',
	autopiPassword: 'wrong-horse-Battery-77',
};
const SECRETS = [
	SPEAKR_TOKEN,
	ABS_TOKEN,
	ABS_INACTIVE_TOKEN,
	ABR_ADMIN_TOKEN,
	AUTOPI_TOKEN,
	AUTOPI_PASSWORD,
	BAD.abr,
	BAD.autopi,
	BAD.autopiPassword,
	...['bearer', 'xApiToken', 'apiTokenHeader', 'query'].map(BAD.speakr),
	...['bearer', 'query'].map(BAD.abs),
];

let uf: UserFolder;
let server: N8nServer;
let speakr: FakeSpeakr;
let abs: FakeAudiobookshelf;
let abr: FakeAudioBookRequest;
let autopi: FakeAutoPi;
/** Every REST answer of this file, raw, for the hygiene check. */
const answers: string[] = [];

async function testCredential(
	type: string,
	data: Record<string, unknown>,
): Promise<CredentialTestResult> {
	const result = await server.testCredential(type, data);
	answers.push(JSON.stringify(result));
	return result;
}

/**
 * What the editor does for a new credential: save it (POST /rest/credentials), then Test it by id. Needed for a
 * credential with preAuthentication (AutoPi email + password): n8n's tester stores the fresh session token in the
 * saved credential, and an unsaved one (no id) makes it fail with "Found credential with no ID.".
 */
async function saveAndTestCredential(
	type: string,
	data: Record<string, unknown>,
): Promise<CredentialTestResult> {
	const r = await server.http.post('/rest/credentials', {
		name: `e2e ${type} ${answers.length}`,
		type,
		data,
	});
	answers.push(JSON.stringify(r.data));
	if (r.status !== 200)
		throw new Error(`POST /rest/credentials: HTTP ${r.status} ${JSON.stringify(r.data)}`);
	const result = await server.testSavedCredential((r.data as { data: { id: string } }).data.id);
	answers.push(JSON.stringify(result));
	return result;
}

/**
 * n8n's httpRequestWithAuthentication sends a request answered 401 once more (it re-runs preAuthentication, a no-op
 * for a credential without an expirable field, and retries): a refused test is 1 or 2 requests, all refused.
 */
function refusedOnly(
	log: Array<{ method: string; path: string; status: number }>,
	line: string,
): void {
	const lines = log.map((e) => `${e.method} ${e.path} ${e.status}`);
	expect(lines.length).toBeGreaterThanOrEqual(1);
	expect(lines.length).toBeLessThanOrEqual(2);
	expect(new Set(lines)).toEqual(new Set([line]));
}

beforeAll(async () => {
	ensureN8nHost();
	const missing = (readRepoPackageJson().n8n?.credentials ?? []).filter(
		(f) => !fs.existsSync(path.join(REPO_ROOT, f)),
	);
	if (missing.length) throw new Error(`not built (run npm run build): ${missing.join(', ')}`);
	[speakr, abs, abr, autopi] = await Promise.all([
		startFakeSpeakr(),
		startFakeAudiobookshelf(),
		startFakeAudioBookRequest(),
		startFakeAutoPi(),
	]);
	uf = createLinkedUserFolder();
	// One stored credential, to test the saved-credential path too (n8n restores the blanked secret itself).
	await importCredentials(uf, [
		{
			id: 'speakrCred000001',
			name: 'Speakr account',
			type: 'speakrApi',
			data: { baseUrl: speakr.url, apiToken: SPEAKR_TOKEN, authScheme: 'bearer' },
		},
	]);
	server = await N8nServer.start(uf, { env: { N8N_LOG_LEVEL: 'debug' }, name: 'n8n-credentials' });
	await server.login();
}, 20 * 60_000);

afterAll(async () => {
	await server?.stop();
	await Promise.all([speakr?.close(), abs?.close(), abr?.close(), autopi?.close()]);
	uf?.cleanup();
});

describe('Speakr API credential', () => {
	const schemes: Array<
		[string, (r: { headers: Record<string, unknown>; query: string }) => string | undefined]
	> = [
		['bearer', (r) => r.headers.authorization as string | undefined],
		['xApiToken', (r) => r.headers['x-api-token'] as string | undefined],
		['apiTokenHeader', (r) => r.headers['api-token'] as string | undefined],
		['query', (r) => new URLSearchParams(r.query).get('token') ?? undefined],
	];

	test.each(schemes)(
		'scheme %s: a good token passes; the token travelled where the scheme says',
		async (scheme, carrier) => {
			speakr.resetStats();
			const result = await testCredential('speakrApi', {
				baseUrl: speakr.url,
				apiToken: SPEAKR_TOKEN,
				authScheme: scheme,
			});
			expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(speakr.stats.log.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
				'GET /api/v1/users/me 200',
			]);
			const sent = carrier(speakr.stats.log[0] as never);
			expect(sent === SPEAKR_TOKEN || sent === `Bearer ${SPEAKR_TOKEN}`).toBe(true);
		},
	);

	test.each(schemes.map(([scheme]) => scheme))(
		'scheme %s: a bad token (Speakr answers 302 → /login) FAILS: n8n does not follow the redirect to the 200 login page',
		async (scheme) => {
			speakr.resetStats();
			const result = await testCredential('speakrApi', {
				baseUrl: speakr.url,
				apiToken: BAD.speakr(scheme),
				authScheme: scheme,
			});
			progress(`speakr ${scheme} bad token → ${JSON.stringify(result)}`);
			expect(result).toEqual({
				status: 'Error',
				message: expect.stringMatching(
					/^Speakr rejected the API token \(it redirected to its login page\)\. Check the token in the credential/,
				),
			});
			// The evidence that disableFollowRedirect is honoured: one request, answered 302, and no GET /login after it.
			expect(speakr.stats.log.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
				'GET /api/v1/users/me 302',
			]);
		},
	);

	test('a saved credential (secret stored encrypted, blanked in the editor) passes Test', async () => {
		const result = await server.testSavedCredential('speakrCred000001');
		answers.push(JSON.stringify(result));
		expect(result.status).toBe('OK');
	});
});

describe('Audiobookshelf API credential', () => {
	test.each(['bearer', 'query'])(
		'scheme %s: a good key passes; bad and inactive keys (plain-text 401) fail',
		async (scheme) => {
			abs.resetStats();
			expect(
				await testCredential('audiobookshelfApi', {
					baseUrl: abs.url,
					apiToken: ABS_TOKEN,
					authScheme: scheme,
				}),
			).toMatchObject({ status: 'OK' });
			expect(abs.stats.log.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
				'GET /api/me 200',
			]);
			const carried =
				scheme === 'query'
					? new URLSearchParams(abs.stats.log[0].query).get('token')
					: abs.stats.log[0].headers.authorization;
			expect(carried).toBe(scheme === 'query' ? ABS_TOKEN : `Bearer ${ABS_TOKEN}`);
			for (const [what, key] of [
				['bad', BAD.abs(scheme)],
				['inactive', ABS_INACTIVE_TOKEN],
			]) {
				abs.resetStats();
				const refused = await testCredential('audiobookshelfApi', {
					baseUrl: abs.url,
					apiToken: key,
					authScheme: scheme,
				});
				progress(`audiobookshelf ${scheme} ${what} key → ${JSON.stringify(refused)}`);
				expect(refused).toEqual({
					status: 'Error',
					message: expect.stringMatching(
						/^Audiobookshelf answered 401 Unauthorized\. API key invalid, expired, deleted or inactive/,
					),
				});
				refusedOnly(abs.stats.log, 'GET /api/me 401');
			}
		},
	);
});

describe('AudioBookRequest API credential', () => {
	test('a good key passes; a bad key (401 JSON) fails', async () => {
		abr.resetStats();
		expect(
			await testCredential('audioBookRequestApi', { baseUrl: abr.url, apiToken: ABR_ADMIN_TOKEN }),
		).toMatchObject({ status: 'OK' });
		expect(
			abr.stats.log.map(
				(e) => `${e.method} ${e.path} ${e.status} ${String(e.headers.authorization)}`,
			),
		).toEqual([`GET /api/users/me 200 Bearer ${ABR_ADMIN_TOKEN}`]);
		abr.resetStats();
		const bad = await testCredential('audioBookRequestApi', {
			baseUrl: abr.url,
			apiToken: BAD.abr,
		});
		progress(`audiobookrequest bad key → ${JSON.stringify(bad)}`);
		expect(bad).toEqual({
			status: 'Error',
			message: expect.stringMatching(
				/^AudioBookRequest answered 401 Unauthorized.*\. The API key is invalid or deleted/,
			),
		});
		refusedOnly(abr.stats.log, 'GET /api/users/me 401');
	});
});

describe('AutoPi API credential', () => {
	test('API Token mode: a good token passes; a bad one (401 "Invalid token.") fails', async () => {
		autopi.resetStats();
		expect(
			await testCredential('autoPiApi', {
				baseUrl: autopi.url,
				authType: 'apiToken',
				apiToken: AUTOPI_TOKEN,
			}),
		).toMatchObject({ status: 'OK' });
		expect(
			autopi.stats.log.map(
				(e) => `${e.method} ${e.path} ${e.status} ${String(e.headers.authorization)}`,
			),
		).toEqual([`GET /auth/user/ 200 APIToken ${AUTOPI_TOKEN}`]);
		autopi.resetStats();
		const bad = await testCredential('autoPiApi', {
			baseUrl: autopi.url,
			authType: 'apiToken',
			apiToken: BAD.autopi,
		});
		progress(`autopi bad token → ${JSON.stringify(bad)}`);
		expect(bad).toEqual({
			status: 'Error',
			message: expect.stringMatching(/^AutoPi answered 401 Unauthorized: Invalid token\. /),
		});
		refusedOnly(autopi.stats.log, 'GET /auth/user/ 401');
	});

	test('Email and Password mode: a good login passes (the session token is used); a wrong password fails at the login', async () => {
		autopi.resetStats();
		const good = await saveAndTestCredential('autoPiApi', {
			baseUrl: autopi.url,
			authType: 'emailPassword',
			email: AUTOPI_EMAIL,
			password: AUTOPI_PASSWORD,
		});
		expect(good).toMatchObject({ status: 'OK' });
		expect(autopi.stats.log.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			'POST /auth/login/ 200',
			'GET /auth/user/ 200',
		]);
		expect(autopi.stats.log[1].headers.authorization).toMatch(/^Bearer eyJ/);

		autopi.resetStats();
		const wrong = await saveAndTestCredential('autoPiApi', {
			baseUrl: autopi.url,
			authType: 'emailPassword',
			email: AUTOPI_EMAIL,
			password: BAD.autopiPassword,
		});
		progress(`autopi wrong password → ${JSON.stringify(wrong)}`);
		expect(wrong).toEqual({
			status: 'Error',
			message: expect.stringMatching(
				/^AutoPi refused the sign-in \(400 Bad Request\): Unable to log in with provided credentials\./,
			),
		});
		expect(autopi.stats.log.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			'POST /auth/login/ 400',
		]);
	});
});

describe('the Test checks that the answer is the service (issue 13 item 16) and agrees with runs (item 5)', () => {
	let foreign: FakeServer;
	let answer: { status: number; type: string; body: unknown } = {
		status: 200,
		type: 'text/html',
		body: '<!doctype html><html><body>n8n</body></html>',
	};
	beforeAll(async () => {
		// Another app at the Base URL: every path answers 200, as an SPA's HTML or as some JSON.
		foreign = await startFakeServer({
			router: new Router(),
			guard: () => ({
				status: answer.status,
				headers: { 'Content-Type': answer.type },
				body: answer.body,
			}),
		});
	});
	afterAll(async () => await foreign?.close());

	const credentials: Array<[string, string, Record<string, unknown>]> = [
		['Speakr', 'speakrApi', { apiToken: SPEAKR_TOKEN, authScheme: 'bearer' }],
		['Audiobookshelf', 'audiobookshelfApi', { apiToken: ABS_TOKEN, authScheme: 'bearer' }],
		['AudioBookRequest', 'audioBookRequestApi', { apiToken: ABR_ADMIN_TOKEN }],
		['AutoPi', 'autoPiApi', { authType: 'apiToken', apiToken: AUTOPI_TOKEN }],
	];
	test.each(credentials)(
		'%s: a 200 HTML page or any other JSON fails the Test',
		async (name, type, data) => {
			const expected = {
				html: `${name} returned an HTML page where JSON was expected`,
				json: `answered, but not as ${name} does`,
			};
			for (const body of ['<!doctype html><html><body>n8n</body></html>', { ok: true, data: [] }]) {
				const html = typeof body === 'string';
				answer = { status: 200, type: html ? 'text/html' : 'application/json', body };
				const result = await testCredential(type, { baseUrl: foreign.url, ...data });
				progress(`${name} at a foreign server → ${JSON.stringify(result)}`);
				expect(result).toEqual({
					status: 'Error',
					message: expect.stringContaining(html ? expected.html : expected.json),
				});
			}
		},
	);

	test('a token with a trailing line break passes the Test, as it works in runs (both trim it)', async () => {
		expect(
			await testCredential('speakrApi', {
				baseUrl: speakr.url,
				apiToken: `${SPEAKR_TOKEN}\n`,
				authScheme: 'bearer',
			}),
		).toMatchObject({ status: 'OK' });
	});

	test('a token with a zero-width space fails the Test with the sentence runs give, and nothing is sent', async () => {
		speakr.resetStats();
		const result = await testCredential('speakrApi', {
			baseUrl: speakr.url,
			apiToken: `${SPEAKR_TOKEN.slice(0, 5)}\u200b${SPEAKR_TOKEN.slice(5)}`,
			authScheme: 'bearer',
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/The credential's API token contains an invisible character/);
		expect(speakr.stats.requests).toBe(0);
	});
});

describe('network and Base URL failures read as runs read them, not as bare codes (issue 13 item 16)', () => {
	const cases: Array<[string, string, () => string, Record<string, unknown>, string]> = [
		[
			'Speakr',
			'speakrApi',
			() => speakr.url,
			{ apiToken: SPEAKR_TOKEN, authScheme: 'bearer' },
			'GET /api/v1/users/me',
		],
		[
			'Audiobookshelf',
			'audiobookshelfApi',
			() => abs.url,
			{ apiToken: ABS_TOKEN, authScheme: 'bearer' },
			'GET /api/me',
		],
		[
			'AudioBookRequest',
			'audioBookRequestApi',
			() => abr.url,
			{ apiToken: ABR_ADMIN_TOKEN },
			'GET /api/users/me',
		],
		[
			'AutoPi',
			'autoPiApi',
			() => autopi.url,
			{ authType: 'apiToken', apiToken: AUTOPI_TOKEN },
			'GET /auth/user/',
		],
	];

	test.each(cases)(
		'%s: connection refused (a closed port)',
		async (name, type, _url, data, request) => {
			const [port] = await getFreePorts(1);
			const result = await testCredential(type, { baseUrl: `http://127.0.0.1:${port}`, ...data });
			progress(`${name} at a closed port → ${JSON.stringify(result)}`);
			expect(result).toEqual({
				status: 'Error',
				message: `Could not reach ${name}: the connection was refused. Check the Base URL in the credential and that the server is running and reachable from n8n (network code ECONNREFUSED). — Request: ${request}.`,
			});
		},
	);

	test('AutoPi email + password: connection refused at the sign-in', async () => {
		const [port] = await getFreePorts(1);
		const result = await saveAndTestCredential('autoPiApi', {
			baseUrl: `http://127.0.0.1:${port}`,
			authType: 'emailPassword',
			email: AUTOPI_EMAIL,
			password: AUTOPI_PASSWORD,
		});
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(
				/^Could not reach AutoPi: the connection was refused\. Check the Base URL/,
			),
		});
	});

	test.each(cases.filter(([name]) => name !== 'AutoPi'))(
		'%s: a Base URL ending in /api (404) names the fix',
		async (name, type, url, data) => {
			const result = await testCredential(type, { baseUrl: `${url()}/api`, ...data });
			progress(`${name} with /api in the Base URL → ${JSON.stringify(result)}`);
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(new RegExp(`^${name} answered 404 Not Found`));
			expect(result.message).toContain(
				'The Base URL in the credential ends in /api, which the node adds itself: remove /api from the Base URL',
			);
		},
	);
});

// Last: it reads every REST answer and the log of the whole file.
describe('token hygiene', () => {
	test("no good or bad secret appears in any REST answer or in n8n's debug log", async () => {
		// Let n8n flush what it logs about the last requests.
		await new Promise((resolve) => setTimeout(resolve, 500));
		const log = server.logText();
		expect(log).toMatch(/credentials/i); // the log is real and covers this run
		const rest = answers.join('\n');
		expect(answers.length).toBeGreaterThanOrEqual(20);
		for (const secret of SECRETS) {
			expect({ secret, inRest: rest.includes(secret) }).toEqual({ secret, inRest: false });
			expect({ secret, inLog: log.includes(secret) }).toEqual({ secret, inLog: false });
		}
	});
});
