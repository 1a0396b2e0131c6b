import { AutoPi } from '../../nodes/AutoPi/AutoPi.node';
import { jsonOf, runNode } from '../harness/engine.cjs';
import {
	AUTOPI_PASSWORD,
	AUTOPI_TOKEN,
	startFakeAutoPi,
	type FakeAutoPi,
} from '../fakes/autopi.cjs';
import { loginCredentials, queryOf, tokenCredentials } from './helpers.cjs';

let autopi: FakeAutoPi;
beforeAll(async () => {
	// 3 devices × 100 trips, pages capped at 100 → a Return All of trips takes 3 pages.
	autopi = await startFakeAutoPi({ devices: 3, tripsPerDevice: 100 });
});
afterAll(async () => await autopi.close());
beforeEach(() => {
	autopi.resetStats();
	autopi.clearFaults();
	autopi.state.loginCount = 0;
	autopi.state.sessions.clear();
	autopi.options.jwtLifetimeRequests = Number.POSITIVE_INFINITY;
});

const allTrips = { resource: 'trip', operation: 'getAll', returnAll: true, simplify: true };

describe('AutoPi credentials', () => {
	test('API token mode sends "Authorization: APIToken <token>" and never logs in', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: allTrips,
			credentials: tokenCredentials(autopi),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(300);
		expect(autopi.state.loginCount).toBe(0);
		// n8n asks the credential before each request; in API token mode it never logs in.
		expect(result.credentialsHelper.preAuthenticationCalls.every((call) => !call.expired)).toBe(
			true,
		);
		expect(new Set(autopi.authorizations())).toEqual(new Set([`APIToken ${AUTOPI_TOKEN}`]));
	});

	test('email + password logs in once at POST /auth/login/ and sends the JWT as Bearer', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: allTrips,
			credentials: loginCredentials(autopi),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(300);
		expect(autopi.state.loginCount).toBe(1);
		expect(result.credentialsHelper.preAuthenticationCalls).toEqual([
			{ type: 'autoPiApi', expired: false },
		]);
		const [login, ...rest] = autopi.stats.log;
		expect(login).toMatchObject({ method: 'POST', path: '/auth/login/', status: 200 });
		expect(rest).toHaveLength(3);
		expect(rest.every((entry) => /^Bearer eyJ/.test(String(entry.headers.authorization)))).toBe(
			true,
		);
		expect(result.serialized).not.toContain(AUTOPI_PASSWORD);
	});

	test('a JWT that expires mid-pagination causes exactly one re-login, and the run continues', async () => {
		// The JWT is good for 2 requests: page 1 and 2 pass, page 3 gets 401, n8n logs in again and retries page 3.
		autopi.options.jwtLifetimeRequests = 2;
		const result = await runNode({
			node: new AutoPi(),
			parameters: allTrips,
			credentials: loginCredentials(autopi),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(300);
		expect(new Set(jsonOf(result.items).map((trip) => trip.id)).size).toBe(300);
		expect(autopi.state.loginCount).toBe(2);
		expect(result.credentialsHelper.preAuthenticationCalls).toEqual([
			{ type: 'autoPiApi', expired: false },
			{ type: 'autoPiApi', expired: true },
		]);
		const summary = autopi.stats.log.map((entry) =>
			[entry.method, entry.path, queryOf(entry).page, entry.status]
				.filter((part) => part !== undefined)
				.join(' '),
		);
		expect(summary).toEqual([
			'POST /auth/login/ 200',
			'GET /logbook/v2/trips/ 1 200',
			'GET /logbook/v2/trips/ 2 200',
			'GET /logbook/v2/trips/ 3 401',
			'POST /auth/login/ 200',
			'GET /logbook/v2/trips/ 3 200',
		]);
		const sessions = autopi.stats.log
			.filter((entry) => entry.path === '/logbook/v2/trips/')
			.map((entry) => entry.headers.authorization);
		expect(sessions[3]).not.toBe(sessions[2]);
	});

	test('a session that stays refused after the re-login fails with a clear 401 error (no loop)', async () => {
		autopi.options.jwtLifetimeRequests = 0;
		const result = await runNode({
			node: new AutoPi(),
			parameters: allTrips,
			credentials: loginCredentials(autopi),
		});
		expect(result.error?.message).toMatch(/AutoPi rejected the credential \(401 Unauthorized\)/);
		expect(result.error?.description).toMatch(/MFA/);
		expect(autopi.state.loginCount).toBe(2);
		expect(autopi.stats.requests).toBe(4);
		expect(result.serialized).not.toContain(AUTOPI_PASSWORD);
	});

	test("a wrong password is reported with AutoPi's reason, not as a network error", async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: allTrips,
			credentials: loginCredentials(autopi, { password: 'wrong-password' }),
		});
		expect(result.error).toBeDefined();
		expect(`${result.error?.message} ${result.error?.description}`).toMatch(
			/Unable to log in with provided credentials/,
		);
		expect(result.error?.message).not.toMatch(/Could not reach/);
		expect(autopi.stats.log.filter((entry) => entry.path !== '/auth/login/')).toHaveLength(0);
		expect(result.serialized).not.toContain('wrong-password');
	});

	test('a bad API token fails at once with AutoPi\'s {"detail"} and is not retried', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: allTrips,
			credentials: tokenCredentials(autopi, { apiToken: 'apt_revoked_token_123' }),
		});
		expect(result.error?.message).toBe('AutoPi answered 401 Unauthorized: Invalid token. [item 0]');
		expect(result.error?.description).toMatch(/Account → API Tokens/);
		expect(autopi.stats.requests).toBe(1);
		expect(autopi.state.loginCount).toBe(0);
		expect(result.serialized).not.toContain('apt_revoked_token_123');
	});

	test('an API token with whitespace is refused before any request', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: allTrips,
			credentials: tokenCredentials(autopi, { apiToken: 'apt good' }),
		});
		expect(result.error?.message).toMatch(/API token contains whitespace/);
		expect(autopi.stats.requests).toBe(0);
	});

	test('the credential test request (GET /auth/user/) passes with a good token and fails with a bad one', async () => {
		const good = await fetch(`${autopi.url}/auth/user/`, {
			headers: { Authorization: `APIToken ${AUTOPI_TOKEN}` },
		});
		expect(good.status).toBe(200);
		const bad = await fetch(`${autopi.url}/auth/user/`, {
			headers: { Authorization: 'APIToken nope' },
		});
		expect(bad.status).toBe(401);
		expect(await bad.json()).toEqual({ detail: 'Invalid token.' });
		const bearerWithApiToken = await fetch(`${autopi.url}/auth/user/`, {
			headers: { Authorization: `Bearer ${AUTOPI_TOKEN}` },
		});
		expect(bearerWithApiToken.status).toBe(401);
	});
});
