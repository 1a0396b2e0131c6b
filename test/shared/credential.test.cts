/**
 * The credential a run works with (nodes/shared/credential.ts): every secret a run obtains is redacted, including the
 * session token AutoPi's email + password sign-in returns and each new one after a re-login, from errors,
 * descriptions, Continue On Fail items and the stored execution, when a hostile or buggy server echoes the request.
 */
import { AutoPi } from '../../nodes/AutoPi/AutoPi.node';
import { AUTOPI_EMAIL } from '../fakes/autopi.cjs';
import { Router, startFakeServer, type FakeRequest, type FakeServer } from '../fakes/base.cjs';
import { engineLogLines, runNode } from '../harness/engine.cjs';

const PASSWORD = 'correct-horse-"battery"\\staple';
type Echo = (request: FakeRequest) => {
	status: number;
	headers?: Record<string, string>;
	body: unknown;
};

/** Signs in like AutoPi (a new JWT each time), then answers the trips list with `answer`. */
async function echoingServer(answer: Echo, options: { expireFirstSession?: boolean } = {}) {
	const issued: string[] = [];
	let expired = !options.expireFirstSession;
	const router = new Router()
		.on('POST', '/auth/login/', () => {
			const token = `eyJhbGciOiJIUzI1NiJ9.eyJzZXNzaW9uIjo${issued.length}fQ.c2lnbmF0dXJl${issued.length}Xy9`;
			issued.push(token);
			return { status: 200, body: { token, user: { pk: 7, email: AUTOPI_EMAIL } } };
		})
		.on('GET', '/logbook/v2/trips/', (request) => {
			if (!expired) {
				expired = true;
				return { status: 401, body: { detail: 'Signature has expired.' } };
			}
			return answer(request);
		});
	const server: FakeServer = await startFakeServer({ router });
	const expireNext = () => (expired = !options.expireFirstSession);
	return { server, issued, expireNext };
}

const headersText = (request: FakeRequest) =>
	`authorization: ${String(request.headers.authorization)}; ${JSON.stringify(request.headers)}`;
const cases: Array<[string, Echo]> = [
	[
		'a 400 whose JSON detail echoes the request headers',
		(r) => ({ status: 400, body: { detail: `Bad request ${headersText(r)}` } }),
	],
	[
		'a 500 plain-text page echoing the headers after a long preamble (the token crosses every cut)',
		(r) => ({
			status: 500,
			headers: { 'Content-Type': 'text/plain' },
			body: `${'x'.repeat(150)} ${headersText(r)}`,
		}),
	],
	[
		'a 200 HTML page echoing the request',
		(r) => ({
			status: 200,
			headers: { 'Content-Type': 'text/html' },
			body: `<html><body>${'y'.repeat(100)}${headersText(r)}</body></html>`,
		}),
	],
	[
		'a 200 plain text echoing the Authorization header',
		(r) => ({
			status: 200,
			headers: { 'Content-Type': 'text/plain' },
			body: String(r.headers.authorization),
		}),
	],
];

describe('AutoPi email + password: the session token never appears in anything a run produces', () => {
	describe.each([
		['on the first sign-in', false],
		['after a re-login (the first session expired with a 401)', true],
	])('%s', (_when, expireFirstSession) => {
		test.each(cases)('%s', async (_label, answer) => {
			const { server, issued, expireNext } = await echoingServer(answer, { expireFirstSession });
			try {
				for (const continueOnFail of [false, true]) {
					expireNext();
					const result = await runNode({
						node: new AutoPi(),
						parameters: {
							resource: 'trip',
							operation: 'getAll',
							returnAll: false,
							limit: 5,
							requestOptions: { maxRetries: 0 },
						},
						credentials: {
							autoPiApi: {
								baseUrl: server.url,
								authType: 'emailPassword',
								apiToken: '',
								email: AUTOPI_EMAIL,
								password: PASSWORD,
								sessionToken: '',
							},
						},
						continueOnFail,
					});
					// The server did see the token: the echo is real.
					expect(issued.length).toBe(expireFirstSession ? 2 : 1);
					const echoed = server.stats.log
						.filter((entry) => entry.path === '/logbook/v2/trips/')
						.at(-1);
					expect(echoed?.headers.authorization).toBe(`Bearer ${issued.at(-1)}`);
					const shown = continueOnFail
						? JSON.stringify(result.items.map((item) => item.json))
						: `${result.error?.message} ${result.error?.description}`;
					expect(
						continueOnFail ? result.items[0]?.json.error : result.error?.message,
					).toBeDefined();
					for (const secret of [...issued, PASSWORD]) {
						expect(shown).not.toContain(secret);
						expect(result.serialized).not.toContain(secret);
						// Not even its first characters when a cut fell inside it.
						expect(result.serialized).not.toContain(secret.slice(0, 30));
					}
					issued.length = 0;
					server.resetStats();
				}
				expect(engineLogLines.join('\n')).not.toContain('c2lnbmF0dXJl');
			} finally {
				await server.close();
			}
		});
	});

	test('a refused sign-in that echoes the request body shows the password neither raw nor JSON-escaped', async () => {
		const router = new Router().on('POST', '/auth/login/', (request) => ({
			status: 400,
			headers: { 'Content-Type': 'text/plain' },
			body: `Unable to log in with ${request.rawBody.toString('utf8')}`,
		}));
		const server = await startFakeServer({ router });
		try {
			const result = await runNode({
				node: new AutoPi(),
				parameters: { resource: 'trip', operation: 'getAll', returnAll: false, limit: 5 },
				credentials: {
					autoPiApi: {
						baseUrl: server.url,
						authType: 'emailPassword',
						apiToken: '',
						email: AUTOPI_EMAIL,
						password: PASSWORD,
						sessionToken: '',
					},
				},
			});
			expect(result.error?.message).toMatch(
				/^AutoPi refused the sign-in \(400 Bad Request\): Unable to log in with .*\[redacted\]/,
			);
			expect(result.serialized).not.toContain(JSON.stringify(PASSWORD).slice(1, -1));
			expect(result.serialized).not.toContain('correct-horse');
		} finally {
			await server.close();
		}
	});
});
