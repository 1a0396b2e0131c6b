/**
 * The credential Test (issue 13 item 16) as n8n 2.41.1 runs it: the function a node names in `testedBy`, called with
 * n8n-core's real CredentialTestContext (whose only HTTP helper is the request helper, run by n8n's outbound layer),
 * against the fake servers, a closed port, an unknown host, TLS spoken to a plain HTTP port and a server that is not
 * the service. Every failure must read as a run's failure does — what happened and how to fix it — never a bare code,
 * and no secret may appear in it.
 */
import net from 'node:net';

import { CredentialTestContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunction,
	INodeCredentialTestResult,
	INodeType,
} from 'n8n-workflow';

import { AudioBookRequest } from '../../nodes/AudioBookRequest/AudioBookRequest.node';
import { AudioBookRequestTrigger } from '../../nodes/AudioBookRequest/AudioBookRequestTrigger.node';
import { Audiobookshelf } from '../../nodes/Audiobookshelf/Audiobookshelf.node';
import { AudiobookshelfTrigger } from '../../nodes/Audiobookshelf/AudiobookshelfTrigger.node';
import { AutoPi } from '../../nodes/AutoPi/AutoPi.node';
import { AutoPiCommandTrigger } from '../../nodes/AutoPi/AutoPiCommandTrigger.node';
import { AutoPiTrigger } from '../../nodes/AutoPi/AutoPiTrigger.node';
import { Speakr } from '../../nodes/Speakr/Speakr.node';
import { SpeakrTrigger } from '../../nodes/Speakr/SpeakrTrigger.node';
import { ABR_ADMIN_TOKEN, startFakeAudioBookRequest } from '../fakes/audiobookrequest.cjs';
import { ABS_TOKEN, startFakeAudiobookshelf } from '../fakes/audiobookshelf.cjs';
import { AUTOPI_EMAIL, AUTOPI_PASSWORD, AUTOPI_TOKEN, startFakeAutoPi } from '../fakes/autopi.cjs';
import { Router, startFakeServer, type FakeServer } from '../fakes/base.cjs';
import { SPEAKR_TOKEN, startFakeSpeakr } from '../fakes/speakr.cjs';
import { runNode } from '../harness/engine.cjs';

/** The function n8n's CredentialsTester picks for a credential type: the `testedBy` of a node that uses it. */
function testFunctionOf(node: INodeType, credentialType: string): ICredentialTestFunction {
	const entry = node.description.credentials?.find((c) => c.name === credentialType);
	const testedBy = entry?.testedBy;
	if (typeof testedBy !== 'string') throw new Error(`${credentialType}: no testedBy`);
	const fn = node.methods?.credentialTest?.[testedBy];
	if (!fn) throw new Error(`${credentialType}: no methods.credentialTest.${testedBy}`);
	return fn;
}

async function runTest(
	node: INodeType,
	credentialType: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const context = new CredentialTestContext({} as never);
	return await testFunctionOf(node, credentialType).call(context as never, {
		id: 'credential-under-test',
		name: 'credential under test',
		type: credentialType,
		data,
	});
}

interface Service {
	name: string;
	credentialType: string;
	node: INodeType;
	triggers: INodeType[];
	/** The request the Test shows, as a run shows it. */
	request: string;
	/** Credential fields other than the Base URL, with a good secret and with a wrong one. */
	good: ICredentialDataDecryptedObject;
	bad: ICredentialDataDecryptedObject;
	/** The sentence a run gives for the wrong secret (message and hint). */
	refused: RegExp;
	secrets: string[];
	start: () => Promise<FakeServer>;
}

const WRONG = {
	abs: 'abs-api-key.wrong-Kp3Zq9Xv',
	abr: 'abr-wrong-key-Tq8sPw2Yx6Rb',
	speakr: 'spk_wrong_Lm7Qv1Zx',
	autopi: 'apt_wrong_Rv8Kc1Zm3',
	autopiPassword: 'wrong-Horse-Battery-77',
};

const SERVICES: Service[] = [
	{
		name: 'Audiobookshelf',
		credentialType: 'audiobookshelfApi',
		node: new Audiobookshelf(),
		triggers: [new AudiobookshelfTrigger()],
		request: 'GET /api/me',
		good: { apiToken: ABS_TOKEN, authScheme: 'bearer' },
		bad: { apiToken: WRONG.abs, authScheme: 'bearer' },
		refused:
			/^Audiobookshelf answered 401 Unauthorized\. API key invalid, expired, deleted or inactive .* — Request: GET \/api\/me\.$/,
		secrets: [ABS_TOKEN, WRONG.abs],
		start: startFakeAudiobookshelf,
	},
	{
		name: 'AudioBookRequest',
		credentialType: 'audioBookRequestApi',
		node: new AudioBookRequest(),
		triggers: [new AudioBookRequestTrigger()],
		request: 'GET /api/users/me',
		good: { apiToken: ABR_ADMIN_TOKEN },
		bad: { apiToken: WRONG.abr },
		refused:
			/^AudioBookRequest answered 401 Unauthorized.*\. The API key is invalid or deleted, .* — Request: GET \/api\/users\/me\.$/,
		secrets: [ABR_ADMIN_TOKEN, WRONG.abr],
		start: startFakeAudioBookRequest,
	},
	{
		name: 'Speakr',
		credentialType: 'speakrApi',
		node: new Speakr(),
		triggers: [new SpeakrTrigger()],
		request: 'GET /api/v1/users/me',
		good: { apiToken: SPEAKR_TOKEN, authScheme: 'bearer' },
		bad: { apiToken: WRONG.speakr, authScheme: 'query' },
		refused:
			/^Speakr rejected the API token \(it redirected to its login page\)\. Check the token in the credential, .* — Request: GET \/api\/v1\/users\/me\.$/,
		secrets: [SPEAKR_TOKEN, WRONG.speakr],
		start: startFakeSpeakr,
	},
	{
		name: 'AutoPi',
		credentialType: 'autoPiApi',
		node: new AutoPi(),
		triggers: [new AutoPiTrigger(), new AutoPiCommandTrigger()],
		request: 'GET /auth/user/',
		good: { authType: 'apiToken', apiToken: AUTOPI_TOKEN },
		bad: { authType: 'apiToken', apiToken: WRONG.autopi },
		refused:
			/^AutoPi answered 401 Unauthorized: Invalid token\. Check the credential: an API token must be valid, .* — Request: GET \/auth\/user\/\.$/,
		secrets: [AUTOPI_TOKEN, WRONG.autopi],
		start: startFakeAutoPi,
	},
	{
		name: 'AutoPi',
		credentialType: 'autoPiApi',
		node: new AutoPi(),
		triggers: [new AutoPiTrigger(), new AutoPiCommandTrigger()],
		request: 'GET /auth/user/',
		good: { authType: 'emailPassword', email: AUTOPI_EMAIL, password: AUTOPI_PASSWORD },
		bad: { authType: 'emailPassword', email: AUTOPI_EMAIL, password: WRONG.autopiPassword },
		refused:
			/^AutoPi refused the sign-in \(400 Bad Request\): Unable to log in with provided credentials\. Check the credential: .*check both — accounts with two-factor .* — Request: GET \/auth\/user\/\.$/,
		secrets: [AUTOPI_PASSWORD, WRONG.autopiPassword],
		start: startFakeAutoPi,
	},
];
const label = (s: Service) =>
	s.good.authType === 'emailPassword' ? `${s.name} (email + password)` : s.name;

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

function expectNoSecret(result: INodeCredentialTestResult, secrets: string[]): void {
	for (const secret of secrets) {
		expect({ secret, shown: result.message.includes(secret) }).toEqual({ secret, shown: false });
	}
}

const fakes = new Map<Service, FakeServer>();
let foreign: FakeServer;
let foreignAnswer: { type: string; body: unknown } = { type: 'application/json', body: {} };
beforeAll(async () => {
	for (const service of SERVICES) fakes.set(service, await service.start());
	// Another app at the Base URL: every path answers 200.
	foreign = await startFakeServer({
		router: new Router(),
		guard: () => ({
			status: 200,
			headers: { 'Content-Type': foreignAnswer.type },
			body: foreignAnswer.body,
		}),
	});
});
afterAll(async () => {
	await Promise.all([...new Set(fakes.values())].map(async (fake) => await fake.close()));
	await foreign?.close();
});

describe.each(SERVICES.map((service) => [label(service), service] as const))(
	'%s credential Test',
	(_label, service) => {
		const { name, request } = service;
		const fake = () => fakes.get(service)!;

		test('every node that uses the credential names the same Test, and n8n finds it there', async () => {
			const fn = testFunctionOf(service.node, service.credentialType);
			for (const trigger of service.triggers) {
				expect(testFunctionOf(trigger, service.credentialType)).toBe(fn);
			}
		});

		test('a good secret passes', async () => {
			const result = await runTest(service.node, service.credentialType, {
				baseUrl: fake().url,
				...service.good,
			});
			expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		});

		test('connection refused (a closed port): the sentence a run gives, not ECONNREFUSED', async () => {
			const result = await runTest(service.node, service.credentialType, {
				baseUrl: `http://127.0.0.1:${await closedPort()}`,
				...service.good,
			});
			expect(result).toEqual({
				status: 'Error',
				message: `Could not reach ${name}: the connection was refused. Check the Base URL in the credential and that the server is running and reachable from n8n (network code ECONNREFUSED). — Request: ${request}.`,
			});
			expectNoSecret(result, service.secrets);
		});

		test('unknown host (.invalid): the sentence a run gives, not ENOTFOUND', async () => {
			const result = await runTest(service.node, service.credentialType, {
				baseUrl: 'http://selfhosted-apps-credential-test.invalid',
				...service.good,
			});
			// Without a resolver the same failure is "could not be resolved" (EAI_AGAIN).
			expect([
				`Could not reach ${name}: the host name was not found. Check the Base URL in the credential and that the server is running and reachable from n8n (network code ENOTFOUND). — Request: ${request}.`,
				`Could not reach ${name}: the host name could not be resolved. Check the Base URL in the credential and that the server is running and reachable from n8n (network code EAI_AGAIN). — Request: ${request}.`,
			]).toContain(result.message);
			expect(result.status).toBe('Error');
			expectNoSecret(result, service.secrets);
		});

		test('https:// to a plain HTTP port: the TLS sentence a run gives, not EPROTO', async () => {
			const result = await runTest(service.node, service.credentialType, {
				baseUrl: fake().url.replace(/^http:/, 'https:'),
				...service.good,
			});
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(
				new RegExp(
					`^Could not reach ${name}: the TLS handshake failed \\(is the server speaking http, not https, on that port\\?\\)\\. Check the Base URL in the credential and that the server is running and reachable from n8n \\(network code (EPROTO|ERR_SSL_WRONG_VERSION_NUMBER)\\)\\. — Request: ${request.replace(/\//g, '\\/')}\\.$`,
				),
			);
			expectNoSecret(result, service.secrets);
		});

		test('a wrong secret: the sentence a run gives, without the secret', async () => {
			const result = await runTest(service.node, service.credentialType, {
				baseUrl: fake().url,
				...service.bad,
			});
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(service.refused);
			expectNoSecret(result, service.secrets);
		});

		test('a server that is not the service (any JSON, an HTML page) fails the Test', async () => {
			foreignAnswer = { type: 'application/json', body: { ok: true, data: [] } };
			const json = await runTest(service.node, service.credentialType, {
				baseUrl: foreign.url,
				...service.good,
			});
			expect(json.status).toBe('Error');
			expect(json.message).toMatch(
				new RegExp(
					`^The server at the Base URL answered, but not as ${name} does \\(its answer has no "\\w+"\\)`,
				),
			);
			foreignAnswer = { type: 'text/html', body: '<!doctype html><html><body>n8n</body></html>' };
			const html = await runTest(service.node, service.credentialType, {
				baseUrl: foreign.url,
				...service.good,
			});
			expect(html.status).toBe('Error');
			expect(html.message).toMatch(
				new RegExp(
					`^${name} returned an HTML page where JSON was expected\\. .*The Base URL probably points at a web page`,
				),
			);
			expectNoSecret(json, service.secrets);
			expectNoSecret(html, service.secrets);
		});
	},
);

describe('a Base URL ending in /api (the node adds it): 404, with the fix', () => {
	test.each(SERVICES.filter((s) => s.name !== 'AutoPi').map((s) => [s.name, s] as const))(
		'%s',
		async (name, service) => {
			const result = await runTest(service.node, service.credentialType, {
				baseUrl: `${fakes.get(service)!.url}/api`,
				...service.good,
			});
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(
				new RegExp(
					`^${name} answered 404 Not Found(: .*)?\\. The Base URL in the credential ends in /api, which the node adds itself: remove /api from the Base URL \\(keep any sub-path the server runs under\\)\\. — Request: GET /api`,
				),
			);
			expectNoSecret(result, service.secrets);
		},
	);
});

describe('the Test says word for word what a run of the same request says', () => {
	const cases: Array<[string, () => Promise<string>]> = [
		['refused connection', async () => `http://127.0.0.1:${await closedPort()}`],
		['Base URL ending in /api', async () => `${fakes.get(SERVICES[0])!.url}/api`],
	];
	test.each(cases)('Audiobookshelf Me → Get (GET /api/me): %s', async (_what, baseUrl) => {
		const url = await baseUrl();
		const credential = { baseUrl: url, apiToken: ABS_TOKEN, authScheme: 'bearer' };
		const run = await runNode({
			node: new Audiobookshelf(),
			parameters: { resource: 'me', operation: 'get', requestOptions: { maxRetries: 0 } },
			credentials: { audiobookshelfApi: credential },
		});
		const error = run.error as { message: string; description?: string };
		const runText = [error.message.replace(/ \[item \d+\]$/, ''), String(error.description)]
			.map((part) => `${part.replace(/\.+$/, '')}.`)
			.join(' ');
		const result = await runTest(new Audiobookshelf(), 'audiobookshelfApi', credential);
		expect(result).toEqual({ status: 'Error', message: runText });
	});
});
