/**
 * The shared transport, exercised through the Speakr node and the probe node in n8n-core's engine
 * against fake servers: auth schemes, redirects, retries, timeouts, error mapping, redaction, input checks.
 */
import type { INodeParameters } from 'n8n-workflow';

import { AudioBookRequest } from '../../nodes/AudioBookRequest/AudioBookRequest.node';
import { Audiobookshelf } from '../../nodes/Audiobookshelf/Audiobookshelf.node';
import { AutoPi } from '../../nodes/AutoPi/AutoPi.node';
import { Speakr } from '../../nodes/Speakr/Speakr.node';
import {
	AUTOPI_EMAIL,
	AUTOPI_PASSWORD,
	startFakeAutoPi,
	type FakeAutoPi,
} from '../fakes/autopi.cjs';
import { startFakeServer, Router, type FakeServer } from '../fakes/base.cjs';
import { SPEAKR_TOKEN, startFakeSpeakr, type FakeSpeakr } from '../fakes/speakr.cjs';
import { engineLogLines, jsonOf, runNode, type RunNodeOptions } from '../harness/engine.cjs';
import { Probe } from '../harness/probe-node.cjs';

let speakr: FakeSpeakr;
beforeAll(async () => {
	speakr = await startFakeSpeakr({ recordings: 120 });
});
afterAll(async () => await speakr.close());
beforeEach(() => {
	speakr.resetStats();
	speakr.clearFaults();
});

const listParameters = (extra: Record<string, unknown> = {}) => ({
	resource: 'recording',
	operation: 'getAll',
	returnAll: true,
	simplify: true,
	...extra,
});
const speakrCredentials = (overrides: Record<string, unknown> = {}) => ({
	speakrApi: {
		baseUrl: speakr.url,
		apiToken: SPEAKR_TOKEN,
		authScheme: 'bearer',
		allowUnauthorizedCerts: false,
		...overrides,
	},
});

describe('credential token schemes', () => {
	test.each([
		[
			'bearer',
			(h: Record<string, unknown>, q: string) =>
				h.authorization === `Bearer ${SPEAKR_TOKEN}` && !q.includes('token='),
		],
		[
			'xApiToken',
			(h: Record<string, unknown>) =>
				h['x-api-token'] === SPEAKR_TOKEN && h.authorization === undefined,
		],
		[
			'apiTokenHeader',
			(h: Record<string, unknown>) =>
				h['api-token'] === SPEAKR_TOKEN && h.authorization === undefined,
		],
		[
			'query',
			(h: Record<string, unknown>, q: string) =>
				q.includes(`token=${SPEAKR_TOKEN}`) && h.authorization === undefined,
		],
	])('%s reaches the server the way Speakr reads it', async (scheme, check) => {
		const result = await runNode({
			node: new Speakr(),
			parameters: listParameters({ returnAll: false, limit: 5 }),
			credentials: speakrCredentials({ authScheme: scheme }),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		const entry = speakr.stats.log[0];
		expect(check(entry.headers as Record<string, unknown>, entry.query)).toBe(true);
	});
});

describe('authentication failures', () => {
	test("a bad token (Speakr's 302 → /login) is an auth error that names the fix, never a success with 0 items", async () => {
		const result = await runNode({
			node: new Speakr(),
			parameters: listParameters(),
			credentials: speakrCredentials({ apiToken: 'wrong-token-123' }),
		});
		expect(result.items).toHaveLength(0);
		expect(result.error?.message).toMatch(
			/Speakr rejected the API token \(it redirected to its login page\) \[item 0\]/,
		);
		expect(result.error?.description).toMatch(/Check the token in the credential/);
		expect(result.error?.httpCode).toBe('401');
		expect(speakr.stats.requests).toBe(1);
		expect(result.serialized).not.toContain('wrong-token-123');
	});

	test('Continue On Fail turns the auth error into an error item paired with its input', async () => {
		const result = await runNode({
			node: new Speakr(),
			parameters: listParameters(),
			credentials: speakrCredentials({ apiToken: 'wrong-token-123', authScheme: 'query' }),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.error).toMatch(/rejected the API token/);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.serialized).not.toContain('wrong-token-123');
	});
});

describe('input refused before any request', () => {
	test.each([
		[
			'a token with a line break inside',
			{ apiToken: `${SPEAKR_TOKEN.slice(0, 6)}\n${SPEAKR_TOKEN.slice(6)}` },
			/API token contains whitespace or a line break/,
		],
		// n8n's HTTP layer would strip these from the header, so a different token would be sent.
		[
			'a token with a control character',
			{ apiToken: `${SPEAKR_TOKEN}\u0001` },
			/API token contains a control character/,
		],
		[
			'a token with DEL',
			{ apiToken: `${SPEAKR_TOKEN}\u007f` },
			/API token contains a control character/,
		],
		[
			'a token with a zero-width space',
			{ apiToken: `${SPEAKR_TOKEN.slice(0, 6)}\u200b${SPEAKR_TOKEN.slice(6)}` },
			/API token contains an invisible character/,
		],
		[
			'a token with a typographic dash (not Latin-1)',
			{ apiToken: `${SPEAKR_TOKEN}\u2013x` },
			/API token contains a character outside plain ASCII/,
		],
		[
			'a token with an accented letter',
			{ apiToken: `${SPEAKR_TOKEN}é` },
			/API token contains a character outside plain ASCII/,
		],
		[
			'a token with a space',
			{ apiToken: `Bearer ${SPEAKR_TOKEN}` },
			/API token contains whitespace/,
		],
		['an empty token', { apiToken: '' }, /API token is empty/],
		[
			'a base URL that is not http(s)',
			{ baseUrl: 'ftp://127.0.0.1/' },
			/must start with http:\/\/ or https:\/\//,
		],
		['a base URL that is not a URL', { baseUrl: 'speakr.local' }, /is not a valid URL/],
	])('%s', async (_label, overrides, message) => {
		const result = await runNode({
			node: new Speakr(),
			parameters: listParameters(),
			credentials: speakrCredentials(overrides),
		});
		expect(result.error?.message).toMatch(message);
		expect(result.error?.message).toMatch(/\[item 0\]/);
		expect(speakr.stats.requests).toBe(0);
		expect(result.serialized).not.toContain(SPEAKR_TOKEN);
	});

	test.each([
		['a trailing line break', `${SPEAKR_TOKEN}\n`],
		['leading and trailing spaces', `  ${SPEAKR_TOKEN} `],
	])(
		'a token with %s is trimmed and works, as in the credential Test (both send the trimmed token)',
		async (_label, apiToken) => {
			for (const authScheme of ['bearer', 'query']) {
				speakr.resetStats();
				const result = await runNode({
					node: new Speakr(),
					parameters: listParameters({ returnAll: false, limit: 2 }),
					credentials: speakrCredentials({ apiToken, authScheme }),
				});
				expect(result.error).toBeUndefined();
				expect(result.items).toHaveLength(2);
				const sent = speakr.stats.log[0];
				if (authScheme === 'bearer')
					expect(sent.headers.authorization).toBe(`Bearer ${SPEAKR_TOKEN}`);
				else expect(new URLSearchParams(sent.query).get('token')).toBe(SPEAKR_TOKEN);
			}
		},
	);

	test('filters are checked too: an end date before the start date', async () => {
		const result = await runNode({
			node: new Speakr(),
			parameters: listParameters({
				filters: { dateFrom: '2026-02-01T00:00:00Z', dateTo: '2026-01-01T00:00:00Z' },
			}),
			credentials: speakrCredentials(),
		});
		expect(result.error?.message).toMatch(/date range ends .* before it starts/);
		expect(speakr.stats.requests).toBe(0);
	});

	test('a base URL with trailing slashes and a sub-path is normalised, not broken', async () => {
		const behindProxy = await startFakeSpeakr({ recordings: 3, pathPrefix: '/speakr' });
		try {
			const result = await runNode({
				node: new Speakr(),
				parameters: listParameters(),
				credentials: {
					speakrApi: {
						baseUrl: `  ${behindProxy.url}/speakr//  `,
						apiToken: SPEAKR_TOKEN,
						authScheme: 'bearer',
					},
				},
			});
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(3);
		} finally {
			await behindProxy.close();
		}
	});
});

describe('retries', () => {
	test('429 with Retry-After is honoured and the list is still complete and in order', async () => {
		speakr.injectFault({ kind: '429', retryAfter: 1, match: (r) => r.query.get('page') === '2' });
		const started = Date.now();
		const result = await runNode({
			node: new Speakr(),
			parameters: listParameters(),
			credentials: speakrCredentials(),
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.items).map((r) => r.id)).toEqual(
			Array.from({ length: 120 }, (_, i) => 120 - i),
		);
		expect(speakr.stats.faultsFired['429']).toBe(1);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
	});

	test.each(['502', '503', '504', 'reset', 'malformed', 'empty'] as const)(
		'a transient %s on a GET is retried',
		async (kind) => {
			speakr.injectFault({ kind, match: (r) => r.query.get('page') === '1', times: 2 });
			const result = await runNode({
				node: new Speakr(),
				parameters: listParameters(),
				credentials: speakrCredentials(),
			});
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(120);
			expect(speakr.stats.faultsFired[kind]).toBe(2);
		},
	);

	test('a failure that outlasts the retries ends in a clear error, not a shorter list', async () => {
		speakr.injectFault({ kind: '503', match: (r) => r.query.get('page') === '2', times: 10 });
		const result = await runNode({
			node: new Speakr(),
			parameters: listParameters({ requestOptions: { maxRetries: 2 } }),
			credentials: speakrCredentials(),
		});
		expect(result.items).toHaveLength(0);
		expect(result.error?.message).toMatch(/^Speakr answered 503 Service Unavailable.*\[item 0\]$/);
		expect(speakr.stats.faultsFired['503']).toBe(3);
	});

	test('a Retry-After longer than the cap fails fast instead of stalling the workflow', async () => {
		speakr.injectFault({ kind: '429', retryAfter: 3600 });
		const started = Date.now();
		const result = await runNode({
			node: new Speakr(),
			parameters: listParameters(),
			credentials: speakrCredentials(),
		});
		expect(result.error?.message).toMatch(/asked to wait 3600 s/);
		// Asked once, never again: it did not wait. (The time bound is only far below the hour it was asked to wait.)
		expect(speakr.stats.requests).toBe(1);
		expect(Date.now() - started).toBeLessThan(25_000);
	});

	test('a response slower than the timeout is retried, then reported as a timeout', async () => {
		// A timeout a busy machine's stalls do not reach on the answers that are not held back.
		speakr.injectFault({ kind: 'slow', delayMs: 6000, times: 1 });
		const retried = await runNode({
			node: new Speakr(),
			parameters: listParameters({ requestOptions: { timeout: 2000 } }),
			credentials: speakrCredentials(),
		});
		expect(retried.error).toBeUndefined();
		expect(retried.items).toHaveLength(120);

		speakr.injectFault({ kind: 'slow', delayMs: 1500, times: 5 });
		const failed = await runNode({
			node: new Speakr(),
			parameters: listParameters({ requestOptions: { timeout: 300, maxRetries: 1 } }),
			credentials: speakrCredentials(),
		});
		expect(failed.error?.message).toMatch(/Speakr did not answer within 300 ms/);
	});

	test('an HTML page where JSON was expected is an error that points at the Base URL (not retried)', async () => {
		speakr.injectFault({ kind: 'html', times: 5 });
		const result = await runNode({
			node: new Speakr(),
			parameters: listParameters(),
			credentials: speakrCredentials(),
		});
		expect(result.error?.message).toMatch(/returned an HTML page where JSON was expected/);
		expect(result.error?.description).toMatch(/Base URL/);
		expect(speakr.stats.faultsFired.html).toBe(1);
	});

	test('a POST that may have reached the server is not retried after a reset', async () => {
		const fake = await startFakeServer({
			router: new Router().on('POST', '/act', () => ({ status: 200, body: { done: true } })),
		});
		try {
			fake.injectFault({ kind: 'reset' });
			const result = await runNode({
				node: new Probe(),
				parameters: { resource: 'probe', operation: 'send', method: 'POST', path: '/act' },
				credentials: {
					speakrApi: { baseUrl: fake.url, apiToken: SPEAKR_TOKEN, authScheme: 'bearer' },
				},
			});
			expect(result.error?.message).toMatch(
				/Could not reach Speakr: the connection was dropped \[item 0\]/,
			);
			expect(result.error?.description).toMatch(/network code ECONNRESET/);
			expect(fake.stats.requests).toBe(1);
		} finally {
			await fake.close();
		}
	});

	test('a 429 on a POST is retried: the server did not act', async () => {
		const fake = await startFakeServer({
			router: new Router().on('POST', '/act', () => ({ status: 200, body: { done: true } })),
		});
		try {
			fake.injectFault({ kind: '429', retryAfter: 0 });
			const result = await runNode({
				node: new Probe(),
				parameters: { resource: 'probe', operation: 'send', method: 'POST', path: '/act' },
				credentials: {
					speakrApi: { baseUrl: fake.url, apiToken: SPEAKR_TOKEN, authScheme: 'bearer' },
				},
			});
			expect(result.error).toBeUndefined();
			expect(jsonOf(result.items)).toEqual([{ done: true }]);
			expect(fake.stats.requests).toBe(2);
		} finally {
			await fake.close();
		}
	});
});

describe('redirects', () => {
	let elsewhere: FakeServer;
	let redirecting: FakeServer;
	beforeAll(async () => {
		elsewhere = await startFakeServer({
			router: new Router().on('GET', '/landing', () => ({ status: 200, body: { stolen: true } })),
		});
		redirecting = await startFakeServer({
			router: new Router()
				.on('GET', '/away', () => ({
					status: 302,
					headers: { Location: `${elsewhere.url}/landing` },
				}))
				.on('GET', '/moved', () => ({ status: 301, headers: { Location: '/here' } }))
				.on('GET', '/here', () => ({ status: 200, body: { here: true } })),
		});
	});
	afterAll(async () => {
		await elsewhere.close();
		await redirecting.close();
	});

	test('a redirect to another origin is not followed, so the token never leaves the server', async () => {
		const result = await runNode({
			node: new Probe(),
			parameters: { resource: 'probe', operation: 'send', method: 'GET', path: '/away' },
			credentials: {
				speakrApi: { baseUrl: redirecting.url, apiToken: SPEAKR_TOKEN, authScheme: 'bearer' },
			},
		});
		expect(result.error?.message).toMatch(
			/redirected the request to http:\/\/127\.0\.0\.1:\d+\/landing instead of answering/,
		);
		expect(result.error?.description).toMatch(/never sent to another origin/);
		expect(elsewhere.stats.requests).toBe(0);
		expect(result.serialized).not.toContain(SPEAKR_TOKEN);
	});

	test('a same-origin redirect of a GET is followed with the credential', async () => {
		const result = await runNode({
			node: new Probe(),
			parameters: { resource: 'probe', operation: 'send', method: 'GET', path: '/moved' },
			credentials: {
				speakrApi: { baseUrl: redirecting.url, apiToken: SPEAKR_TOKEN, authScheme: 'bearer' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.items)).toEqual([{ here: true }]);
		const followed = redirecting.stats.log.find((entry) => entry.path === '/here');
		expect(followed?.headers.authorization).toBe(`Bearer ${SPEAKR_TOKEN}`);
	});
});

describe('redirects stay below the Base URL, path included (several apps behind one host)', () => {
	let apps: FakeServer;
	beforeAll(async () => {
		apps = await startFakeServer({
			router: new Router()
				.on('GET', '/app/leave', () => ({ status: 302, headers: { Location: '/other-app/steal' } }))
				.on('GET', '/app/climb', () => ({
					status: 302,
					headers: { Location: '/app/../other-app/steal' },
				}))
				.on('GET', '/app/sibling', () => ({
					status: 302,
					headers: { Location: '/app-admin/steal' },
				}))
				.on('GET', '/app/stay', () => ({ status: 302, headers: { Location: '/app/here' } }))
				.on('GET', '/app/here', () => ({ status: 200, body: { here: 'below the base' } }))
				.on('GET', '/other-app/steal', () => ({ status: 200, body: { stolen: true } }))
				.on('GET', '/app-admin/steal', () => ({ status: 200, body: { stolen: true } })),
		});
	});
	afterAll(async () => await apps.close());
	const probe = (path: string) =>
		runNode({
			node: new Probe(),
			parameters: { resource: 'probe', operation: 'send', method: 'GET', path },
			credentials: {
				speakrApi: { baseUrl: `${apps.url}/app`, apiToken: SPEAKR_TOKEN, authScheme: 'bearer' },
			},
		});

	test.each(['/leave', '/climb', '/sibling'])(
		'a same-origin redirect from %s that leaves /app is not followed',
		async (path) => {
			apps.resetStats();
			const result = await probe(path);
			expect(result.error?.message).toMatch(
				/^Speakr redirected the request to http:\/\/127\.0\.0\.1:\d+\/(other-app|app-admin)\/steal instead of answering \[item 0\]$/,
			);
			expect(result.error?.description).toMatch(/leaves the credential's Base URL/);
			expect(apps.stats.log.map((entry) => entry.path)).toEqual([`/app${path}`]);
		},
	);

	test('a redirect below the Base URL is still followed with the credential', async () => {
		apps.resetStats();
		const result = await probe('/stay');
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.items)).toEqual([{ here: 'below the base' }]);
		expect(apps.stats.log.at(-1)?.headers.authorization).toBe(`Bearer ${SPEAKR_TOKEN}`);
	});
});

describe('per-item behaviour', () => {
	test('each input item runs on its own; the failing one is named, the others keep their pairing', async () => {
		const result = await runNode({
			node: new Speakr(),
			parameters: {
				...listParameters({ returnAll: false, limit: 2 }),
				filters: { tagId: '={{ $json.tag }}' },
			},
			credentials: speakrCredentials(),
			input: [{ json: { tag: '1' } }, { json: { tag: 'abc' } }, { json: { tag: '1' } }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const paired = result.items.map((item) => (item.pairedItem as { item: number }).item);
		expect(paired).toEqual([0, 0, 1, 2, 2]);
		expect(result.items[2].json.error).toMatch(/Tag ID "abc" is not valid \[item 1\]/);
		expect(speakr.stats.requests).toBe(2);
	});

	test('without Continue On Fail the run stops at the failing item and says which one', async () => {
		const result = await runNode({
			node: new Speakr(),
			parameters: {
				...listParameters({ returnAll: false, limit: 2 }),
				filters: { tagId: '={{ $json.tag }}' },
			},
			credentials: speakrCredentials(),
			input: [{ json: { tag: '1' } }, { json: { tag: '' } }, { json: { tag: 'x' } }],
		});
		expect(result.error?.message).toMatch(/\[item 2\]/);
		expect(result.error?.context?.itemIndex).toBe(2);
	});
});

describe('secrets never leak', () => {
	test('every error path is searched for the token: message, description, stack and the stored run', async () => {
		const secret = 'leak-check-0123456789abcdef';
		const target = await startFakeSpeakr({ recordings: 5, tokens: [secret] });
		const cases: Array<() => void> = [
			() => target.injectFault({ kind: '503', times: 10 }),
			() => target.injectFault({ kind: 'html', times: 10 }),
			() => target.injectFault({ kind: 'malformed', times: 10 }),
			() => target.injectFault({ kind: 'reset', times: 10 }),
			() => target.injectFault({ kind: '429', retryAfter: 9999 }),
			() => undefined,
		];
		try {
			for (const [index, arrange] of cases.entries()) {
				for (const authScheme of ['bearer', 'query', 'xApiToken']) {
					target.clearFaults();
					arrange();
					const last = index === cases.length - 1;
					const result = await runNode({
						node: new Speakr(),
						parameters: listParameters({ requestOptions: { maxRetries: 0 } }),
						credentials: {
							speakrApi: {
								baseUrl: target.url,
								apiToken: last ? `${secret}x` : secret,
								authScheme,
							},
						},
					});
					expect(result.error).toBeDefined();
					expect(result.serialized).not.toContain(secret);
					expect(`${result.error?.message} ${result.error?.description}`).not.toContain(secret);
				}
			}
			expect(engineLogLines.join('\n')).not.toContain(secret);
		} finally {
			await target.close();
		}
	});
});

describe("a credential's sign-in step (preAuthentication) that is busy or unavailable", () => {
	let autopi: FakeAutoPi;
	beforeAll(async () => {
		autopi = await startFakeAutoPi({ devices: 1, tripsPerDevice: 150 });
	});
	afterAll(async () => await autopi.close());
	beforeEach(() => {
		autopi.resetStats();
		autopi.clearFaults();
		autopi.state.loginCount = 0;
	});
	const signIn = (request: { path: string }) => request.path === '/auth/login/';
	const trips = (requestOptions: INodeParameters = {}): INodeParameters => ({
		resource: 'trip',
		operation: 'getAll',
		returnAll: true,
		simplify: true,
		requestOptions,
	});
	const login = () => ({
		autoPiApi: {
			baseUrl: autopi.url,
			authType: 'emailPassword',
			apiToken: '',
			email: AUTOPI_EMAIL,
			password: AUTOPI_PASSWORD,
			sessionToken: '',
			allowUnauthorizedCerts: false,
		},
	});

	test.each(['502', '503', '504'] as const)(
		'a %s from the sign-in is retried like any transient failure, not reported as refused credentials',
		async (kind) => {
			autopi.injectFault({ kind, match: signIn });
			const result = await runNode({
				node: new AutoPi(),
				parameters: trips(),
				credentials: login(),
			});
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(150);
			expect(
				autopi.stats.log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`),
			).toEqual([
				`POST /auth/login/ ${kind}`,
				'POST /auth/login/ 200',
				'GET /logbook/v2/trips/ 200',
				'GET /logbook/v2/trips/ 200',
			]);
		},
	);

	test('a 429 from the sign-in waits its Retry-After, then signs in', async () => {
		autopi.injectFault({ kind: '429', retryAfter: 1, match: signIn });
		const started = Date.now();
		const result = await runNode({ node: new AutoPi(), parameters: trips(), credentials: login() });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(150);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(autopi.stats.log.filter(signIn).map((entry) => entry.status)).toEqual([429, 200]);
	});

	test('a sign-in that stays unavailable ends in an error that says so and does not blame the credential', async () => {
		autopi.injectFault({ kind: '503', match: signIn, times: 10 });
		const result = await runNode({
			node: new AutoPi(),
			parameters: trips({ maxRetries: 1 }),
			credentials: login(),
		});
		expect(result.items).toHaveLength(0);
		expect(result.error?.message).toBe(
			'AutoPi could not sign in: its sign-in answered 503 Service Unavailable [item 0]',
		);
		expect(result.error?.description).toMatch(/were not refused/);
		expect(result.error?.httpCode).toBe('503');
		expect(autopi.stats.requests).toBe(2);
		expect(result.serialized).not.toContain(AUTOPI_PASSWORD);
	});

	test("a refused sign-in (400) is still reported at once with the service's reason", async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: trips(),
			credentials: { autoPiApi: { ...login().autoPiApi, password: 'not-the-password' } },
		});
		expect(result.error?.message).toMatch(
			/^AutoPi refused the sign-in \(400 Bad Request\): Unable to log in/,
		);
		expect(autopi.stats.requests).toBe(1);
	});
});

describe('a redirect to another origin never carries the credential, for every credential and token scheme', () => {
	const SECRET = 'xo-secret-token-5f1c9a';
	let elsewhere: FakeServer;
	let redirecting: FakeServer;
	let target = '';
	beforeAll(async () => {
		elsewhere = await startFakeServer({
			router: new Router().on('GET', '/landing', () => ({
				status: 200,
				body: { results: [], count: 0, total: 0 },
			})),
		});
		redirecting = await startFakeServer({
			router: new Router()
				.on('POST', '/auth/login/', () => ({ status: 200, body: { token: `${SECRET}.jwt` } }))
				.on('GET', '/landing', () => ({ status: 200, body: { results: [], count: 0, total: 0 } })),
			// Every API request is sent away; the landing page and the sign-in answer normally.
			guard: (request) =>
				request.path === '/landing' || request.path === '/auth/login/'
					? undefined
					: { status: 302, headers: { Location: target } },
		});
	});
	afterAll(async () => {
		await elsewhere.close();
		await redirecting.close();
	});
	beforeEach(() => {
		elsewhere.resetStats();
		redirecting.resetStats();
	});

	const byId = (value: string) => ({ __rl: true, mode: 'id', value });
	/** Node, parameters, credential, and where the first request carried the secret (proof the scheme was in effect). */
	const cases = [
		['Speakr', 'bearer', 'authorization', `Bearer ${SECRET}`],
		['Speakr', 'xApiToken', 'x-api-token', SECRET],
		['Speakr', 'apiTokenHeader', 'api-token', SECRET],
		['Speakr', 'query', 'query', SECRET],
		['Audiobookshelf', 'bearer', 'authorization', `Bearer ${SECRET}`],
		['Audiobookshelf', 'query', 'query', SECRET],
		['AudioBookRequest', 'bearer', 'authorization', `Bearer ${SECRET}`],
		['AutoPi', 'apiToken', 'authorization', `APIToken ${SECRET}`],
		['AutoPi', 'emailPassword', 'authorization', `Bearer ${SECRET}.jwt`],
	] as const;
	const setup = (
		service: string,
		scheme: string,
		baseUrl: string,
	): Pick<RunNodeOptions, 'node' | 'parameters' | 'credentials'> => {
		switch (service) {
			case 'Speakr':
				return {
					node: new Speakr(),
					parameters: listParameters(),
					credentials: { speakrApi: { baseUrl, apiToken: SECRET, authScheme: scheme } },
				};
			case 'Audiobookshelf':
				return {
					node: new Audiobookshelf(),
					parameters: {
						resource: 'libraryItem',
						operation: 'getAll',
						libraryId: byId('9f7c3a52-1b2d-4e5f-8a9b-0c1d2e3f4a5b'),
						returnAll: true,
					},
					credentials: { audiobookshelfApi: { baseUrl, apiToken: SECRET, authScheme: scheme } },
				};
			case 'AudioBookRequest':
				return {
					node: new AudioBookRequest(),
					parameters: { resource: 'user', operation: 'getAll', returnAll: true },
					credentials: { audioBookRequestApi: { baseUrl, apiToken: SECRET } },
				};
			default:
				return {
					node: new AutoPi(),
					parameters: { resource: 'trip', operation: 'getAll', returnAll: true },
					credentials: {
						autoPiApi:
							scheme === 'apiToken'
								? {
										baseUrl,
										authType: 'apiToken',
										apiToken: SECRET,
										email: '',
										password: '',
										sessionToken: '',
									}
								: {
										baseUrl,
										authType: 'emailPassword',
										apiToken: '',
										email: AUTOPI_EMAIL,
										password: SECRET,
										sessionToken: '',
									},
					},
				};
		}
	};

	describe.each([
		['another port', () => `${elsewhere.url}/landing`],
		['another host name on the same port', () => `http://localhost:${redirecting.port}/landing`],
	])('to %s', (_where, targetOf) => {
		test.each(cases)('%s with %s', async (service, scheme, carrier, value) => {
			target = targetOf();
			const { node, parameters, credentials } = setup(service, scheme, redirecting.url);
			const result = await runNode({ node, parameters, credentials });
			const asked = redirecting.stats.log.filter((entry) => entry.path !== '/auth/login/');
			// The scheme was in effect: the redirecting server got the secret where this scheme puts it.
			expect(asked).toHaveLength(1);
			if (carrier === 'query') expect(new URLSearchParams(asked[0].query).get('token')).toBe(value);
			else expect(asked[0].headers[carrier]).toBe(value);
			// Not followed: nothing reached the landing page, on either server.
			expect(elsewhere.stats.requests).toBe(0);
			expect(redirecting.stats.log.filter((entry) => entry.path === '/landing')).toHaveLength(0);
			expect(result.items).toHaveLength(0);
			expect(result.error?.message).toMatch(
				new RegExp(
					`^${service} redirected the request to ${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} instead of answering \\[item 0\\]$`,
				),
			);
			expect(result.error?.description).toMatch(/never sent to another origin/);
			expect(result.serialized).not.toContain(SECRET);
		});
	});
});

describe('redaction does not depend on how a secret is written or where a message is cut', () => {
	// URL-encoded differently by encodeURIComponent, URLSearchParams and RFC 3986 encoders.
	const TOKEN = "spk_'quoted'!(paren)*star-0123456789abcdef";
	let mode: { status: number; type: string; padding: number; echo: 'url' | 'headers' } = {
		status: 500,
		type: 'text/plain',
		padding: 0,
		echo: 'url',
	};
	let echo: FakeServer;
	beforeAll(async () => {
		echo = await startFakeServer({
			router: new Router(),
			guard: (request) => {
				const seen =
					mode.echo === 'url'
						? request.rawUrl
						: `authorization: ${String(request.headers.authorization)}; ${JSON.stringify(request.headers)}`;
				const text = `${'p'.repeat(mode.padding)}${seen}`;
				return {
					status: mode.status,
					headers: { 'Content-Type': mode.type },
					body:
						mode.type === 'application/json'
							? { detail: text }
							: mode.type === 'text/html'
								? `<html><body>${text}</body></html>`
								: text,
				};
			},
		});
	});
	afterAll(async () => await echo.close());

	const runs = [
		[
			'Speakr ?token=',
			() => ({
				node: new Speakr(),
				parameters: listParameters({ requestOptions: { maxRetries: 0 } }),
				credentials: { speakrApi: { baseUrl: echo.url, apiToken: TOKEN, authScheme: 'query' } },
			}),
			'url',
		],
		[
			'Speakr bearer',
			() => ({
				node: new Speakr(),
				parameters: listParameters({ requestOptions: { maxRetries: 0 } }),
				credentials: { speakrApi: { baseUrl: echo.url, apiToken: TOKEN, authScheme: 'bearer' } },
			}),
			'headers',
		],
		[
			'AudioBookRequest',
			() => ({
				node: new AudioBookRequest(),
				parameters: {
					resource: 'user',
					operation: 'getAll',
					returnAll: true,
					requestOptions: { maxRetries: 0 },
				},
				credentials: { audioBookRequestApi: { baseUrl: echo.url, apiToken: TOKEN } },
			}),
			'headers',
		],
		[
			'Audiobookshelf ?token=',
			() => ({
				node: new Audiobookshelf(),
				parameters: {
					resource: 'library',
					operation: 'getAll',
					returnAll: true,
					requestOptions: { maxRetries: 0 },
				},
				credentials: {
					audiobookshelfApi: { baseUrl: echo.url, apiToken: TOKEN, authScheme: 'query' },
				},
			}),
			'url',
		],
	] as const;
	const answers = [
		[500, 'text/plain'],
		[404, 'application/json'],
		[200, 'text/html'],
		[200, 'text/plain'],
	] as const;

	test.each(runs)(
		'%s: no form of the token and none of its first characters, at any cut',
		async (_label, setup, where) => {
			for (const [status, type] of answers) {
				// Paddings put the token across the cuts at 120, 160 and 300 characters (and just before them).
				for (const padding of [0, 60, 100, 110, 125, 140, 150, 155, 280, 290, 295]) {
					mode = { status, type, padding, echo: where };
					echo.resetStats();
					const result = await runNode(setup());
					expect(echo.stats.requests).toBeGreaterThan(0);
					const shown = `${result.error?.message} ${result.error?.description}`;
					expect(result.error).toBeDefined();
					for (const form of [
						TOKEN,
						encodeURIComponent(TOKEN),
						new URLSearchParams([['t', TOKEN]]).toString().slice(2),
					]) {
						expect(shown).not.toContain(form.slice(0, 8));
						expect(result.serialized).not.toContain(form.slice(0, 8));
					}
				}
			}
		},
	);
});

describe('answers that are not the service', () => {
	let odd: FakeServer;
	const huge = 'E'.repeat(5 * 1024 * 1024);
	beforeAll(async () => {
		odd = await startFakeServer({
			router: new Router()
				.on('GET', '/unauthorized', () => ({
					status: 200,
					headers: { 'Content-Type': 'text/plain' },
					body: 'Unauthorized',
				}))
				.on('GET', '/ok', () => ({
					status: 200,
					headers: { 'Content-Type': 'text/plain' },
					body: 'OK',
				}))
				.on('GET', '/huge-json', () => ({ status: 500, body: { detail: huge } }))
				.on('GET', '/huge-text', () => ({
					status: 400,
					headers: { 'Content-Type': 'text/plain' },
					body: huge,
				}))
				.on('GET', '/huge-html', () => ({
					status: 200,
					headers: { 'Content-Type': 'text/html' },
					body: `<html>${huge}</html>`,
				})),
		});
	});
	afterAll(async () => await odd.close());
	const probe = (path: string, continueOnFail = false) =>
		runNode({
			node: new Probe(),
			parameters: {
				resource: 'probe',
				operation: 'send',
				method: 'GET',
				path,
				requestOptions: { maxRetries: 0 },
			},
			credentials: {
				speakrApi: { baseUrl: odd.url, apiToken: SPEAKR_TOKEN, authScheme: 'bearer' },
			},
			continueOnFail,
		});

	test('a 200 with short plain text ("Unauthorized" from a proxy) is an error, not a successful empty item', async () => {
		const result = await probe('/unauthorized');
		expect(result.items).toHaveLength(0);
		expect(result.error?.message).toBe(
			"Speakr answered 200 with text that is not Speakr's JSON [item 0]",
		);
		expect(result.error?.description).toMatch(
			/Speakr said: Unauthorized — Something other than the service answered/,
		);
	});

	test('the bare status text a server sends for a done write (Express\'s sendStatus: 200 "OK") is still success', async () => {
		const result = await probe('/ok');
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.items)).toEqual([{ message: 'OK' }]);
	});

	test.each(['/huge-json', '/huge-text', '/huge-html'])(
		'a 5 MB answer at %s keeps only a short excerpt in the error and the stored run',
		async (path) => {
			for (const continueOnFail of [false, true]) {
				const result = await probe(path, continueOnFail);
				expect(continueOnFail ? result.items[0].json.error : result.error?.message).toMatch(
					/Speakr (answered|returned)/,
				);
				expect(result.serialized.length).toBeLessThan(30_000);
			}
		},
	);
});

describe('no ID changes which endpoint is called', () => {
	test.each([
		['get', '.'],
		['get', '..'],
		['delete', '.'],
		['delete', '..'],
	])(
		'AudioBookRequest user %s with username "%s" is refused before any request',
		async (operation, username) => {
			const { ABR_ADMIN_TOKEN, startFakeAudioBookRequest } = await import(
				'../fakes/audiobookrequest.cjs'
			);
			const abr = await startFakeAudioBookRequest();
			try {
				const result = await runNode({
					node: new AudioBookRequest(),
					parameters: {
						resource: 'user',
						operation,
						username: { __rl: true, mode: 'id', value: username },
					},
					credentials: { audioBookRequestApi: { baseUrl: abr.url, apiToken: ABR_ADMIN_TOKEN } },
				});
				expect(result.error?.message).toBe(
					`An ID in the request path is "${username}", which would call another endpoint [item 0]`,
				);
				expect(abr.stats.requests).toBe(0);
			} finally {
				await abr.close();
			}
		},
	);
});
