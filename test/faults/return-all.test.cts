/**
 * Fault injection into a Return All of 2,000 records, per service, with the real node in n8n-core's engine.
 *
 * What each fault must end in follows from the transport's rules (nodes/shared/transport.ts), for a GET:
 * - retried: 429 (waits Retry-After), 502/503/504, a connection cut mid-body, no answer within the timeout,
 *   malformed JSON and an empty body on a 2xx → the run returns exactly the 2,000 records, in order, with one
 *   extra request per fault and nothing else (but a retry per answer a stalled event loop let the timeout beat);
 * - surfaced: 500 (a server bug, not transient), an HTML page on a 2xx (a proxy or web page: the Base URL is wrong),
 *   a refused token (also when it is revoked mid-list), a retryable fault that outlasts the retries → a NodeApiError,
 *   no items at all;
 * - AutoPi's email + password mode: a 401 mid-list is a refused session → n8n logs in again once and the list goes on.
 * Never a shorter list, never a success with 0 items, and no secret in the stored run.
 *
 * Faults sit on pages drawn by a seeded PRNG; every case starts its own fake, so the cases run concurrently.
 * The summary table goes to test/.artifacts/fault-summary.md (with the cancel measures of cancel.test.cts) and to the test output.
 */
import type { FakeAutoPi } from '../fakes/autopi.cjs';
import type { FakeRequest, FakeServer, FaultKind } from '../fakes/base.cjs';
import { watchClientRequests } from '../harness/client-requests.cjs';
import { engineLogLines, runNode, type NodeRunResult } from '../harness/engine.cjs';
import {
	autoPiLogin,
	pick,
	prng,
	RECORDS,
	SERVICES,
	summaryMarkdown,
	writeSummaryPart,
	type FaultOutcome,
	type ServiceUnderTest,
} from './services.cjs';

/**
 * Request Options timeouts. The fakes share this process with n8n's engine and up to 10 runs of 2,000 records at once;
 * on a busy machine (load 30 on 2 cores) its event loop stalled long enough for 5 s timeouts to fire four times in a
 * row on answers that had arrived. A stalled loop fires a client's timeout before it reads such an answer, and the
 * transport rightly asks again. So runs use a timeout no stall reaches, the "slow" case one the fake's held answer
 * always exceeds (it answers only after SLOW_MS, or never once the client gave up), and the request count allows one
 * more request per answer the client gave up on (counted by watchClientRequests): no machine speed changes an outcome.
 */
const TIMEOUT_MS = 60_000;
const SLOW_CASE_TIMEOUT_MS = 20_000;
const SLOW_MS = 120_000;
const MAX_RETRIES = 3;
const SEED = 20260408;

interface FaultCase {
	label: string;
	kind?: FaultKind;
	/** Pages that get the fault. */
	count: number;
	/** Answers with the fault per page (more than MAX_RETRIES outlasts the retries). */
	times?: number;
	/** First page index a fault may land on (1 = never the first page: a surfaced fault mid-list). */
	from?: number;
	/** Run with the service's refused credential. */
	wrongCredential?: boolean;
	expect: 'retried' | 'error';
	message?: (service: ServiceUnderTest) => RegExp;
	/** Extra requests a retried run makes besides one per page and one per fault (AutoPi's logins). */
	extraRequests?: number;
	/** Requests other than list pages that get the fault (`times` answers in all); no page positions then. */
	target?: { name: string; match: (request: FakeRequest) => boolean };
	/** Request Options timeout of this case (default TIMEOUT_MS). */
	timeoutMs?: number;
	/** More assertions on the run and the fake. */
	check?: (result: NodeRunResult, fake: FakeServer) => void;
}

const CASES: FaultCase[] = [
	{ label: 'none (baseline)', count: 0, expect: 'retried' },
	{ label: '429 + Retry-After: 1', kind: '429', count: 3, expect: 'retried' },
	{
		label: '500 (HTML body)',
		kind: '500',
		count: 1,
		from: 1,
		expect: 'error',
		message: (s) => new RegExp(`^${s.name} answered 500 Internal Server Error`),
	},
	{ label: '502', kind: '502', count: 3, expect: 'retried' },
	{ label: '503', kind: '503', count: 3, expect: 'retried' },
	{ label: '504', kind: '504', count: 3, expect: 'retried' },
	{
		label: `503 on all ${MAX_RETRIES + 1} attempts of a page`,
		kind: '503',
		count: 1,
		times: MAX_RETRIES + 1,
		from: 1,
		expect: 'error',
		message: (s) => new RegExp(`^${s.name} answered 503 Service Unavailable`),
	},
	{ label: 'connection reset mid-body', kind: 'reset', count: 3, expect: 'retried' },
	{
		label: `slow (${SLOW_MS} ms > timeout ${SLOW_CASE_TIMEOUT_MS} ms)`,
		kind: 'slow',
		count: 2,
		expect: 'retried',
		timeoutMs: SLOW_CASE_TIMEOUT_MS,
	},
	{ label: 'malformed JSON (200)', kind: 'malformed', count: 3, expect: 'retried' },
	{
		label: 'HTML page (200)',
		kind: 'html',
		count: 1,
		from: 1,
		expect: 'error',
		message: (s) => new RegExp(`^${s.name} returned an HTML page where JSON was expected`),
	},
	{ label: 'empty body (200)', kind: 'empty', count: 3, expect: 'retried' },
	{
		label: 'wrong token',
		count: 0,
		wrongCredential: true,
		expect: 'error',
		message: (s) => s.wrongTokenMessage,
	},
	{
		label: 'token revoked mid-list',
		kind: 'wrongToken',
		count: 1,
		from: 1,
		expect: 'error',
		message: (s) => s.wrongTokenMessage,
	},
];

const signIn = {
	name: 'sign-in',
	match: (request: FakeRequest) => request.path === '/auth/login/',
};

/** AutoPi's login mode: only the cases where the credential behaves differently. */
const LOGIN_CASES: FaultCase[] = [
	{ label: 'none (baseline)', count: 0, expect: 'retried', extraRequests: 1 },
	{
		label: 'session refused mid-list (401) → one re-login',
		kind: 'wrongToken',
		count: 1,
		from: 1,
		expect: 'retried',
		extraRequests: 2,
		check: (result, fake) => {
			// n8n logged in at the start and once more after the refused page, which was then asked again.
			expect((fake as FakeAutoPi).state.loginCount).toBe(2);
			expect(result.credentialsHelper.preAuthenticationCalls).toEqual([
				{ type: 'autoPiApi', expired: false },
				{ type: 'autoPiApi', expired: true },
			]);
			const refused = fake.stats.log.findIndex((entry) => entry.status === 401);
			expect(fake.stats.log[refused + 1]).toMatchObject({
				method: 'POST',
				path: '/auth/login/',
				status: 200,
			});
			expect(fake.stats.log[refused + 2]).toMatchObject({
				method: 'GET',
				path: '/logbook/v2/trips/',
				query: fake.stats.log[refused].query,
				status: 200,
			});
		},
	},
	{
		label: 'session refused again after the re-login',
		kind: 'wrongToken',
		count: 1,
		times: 2,
		from: 1,
		expect: 'error',
		message: () => /^AutoPi rejected the credential \(401 Unauthorized\) \[item 0\]$/,
	},
	{
		label: '503 from the sign-in (POST /auth/login/)',
		kind: '503',
		count: 0,
		target: signIn,
		expect: 'retried',
		extraRequests: 1,
	},
	{
		label: '429 + Retry-After: 1 from the sign-in',
		kind: '429',
		count: 0,
		target: signIn,
		expect: 'retried',
		extraRequests: 1,
	},
	{
		label: 'wrong password',
		count: 0,
		wrongCredential: true,
		expect: 'error',
		message: (s) => s.wrongTokenMessage,
	},
];

interface Planned {
	service: ServiceUnderTest;
	fault: FaultCase;
	positions: number[];
}

// The plan is drawn once, in a fixed order, from one seed: the same pages on every run.
const random = prng(SEED);
const plan: Planned[] = [
	...SERVICES.flatMap((service) => CASES.map((fault) => ({ service, fault }))),
	...LOGIN_CASES.map((fault) => ({ service: autoPiLogin, fault })),
].map(({ service, fault }) => ({
	service,
	fault,
	positions: fault.count > 0 ? pick(random, fault.count, fault.from ?? 0, service.pages) : [],
}));

const outcomes: FaultOutcome[] = [];
const suiteStarted = performance.now();

async function runCase({ service, fault, positions }: Planned): Promise<FaultOutcome> {
	const fake = await service.start();
	const client = watchClientRequests(fake.port);
	try {
		const expected = await service.expectedIds(fake);
		expect(expected).toHaveLength(RECORDS);
		fake.resetStats();
		const unansweredBefore = client.unanswered;
		if (fault.target)
			fake.injectFault({
				kind: fault.kind!,
				retryAfter: 1,
				times: fault.times ?? 1,
				match: fault.target.match,
			});
		for (const position of positions) {
			fake.injectFault({
				kind: fault.kind!,
				retryAfter: 1,
				delayMs: SLOW_MS,
				times: fault.times ?? 1,
				match: (request) => service.pageIndexOf(request) === position,
			});
		}
		const started = performance.now();
		const result = await runNode({
			node: service.node(),
			parameters: {
				...service.parameters,
				requestOptions: { timeout: fault.timeoutMs ?? TIMEOUT_MS, maxRetries: MAX_RETRIES },
			},
			credentials: service.credentials(fake, fault.wrongCredential ? service.wrongCredential : {}),
		});
		const ms = Math.round(performance.now() - started);
		// Requests the client gave up on although the fake did not hold their answer back: at most this many
		// retries are due to timeouts that fired during a stall (a cut connection may count here too).
		const timedOutByStall =
			client.unanswered - unansweredBefore - (fake.stats.faultsFired.slow ?? 0);
		const injected = Object.values(fake.stats.faultsFired).reduce((sum, fired) => sum + fired, 0);
		const ids = result.items.map((item) => String(item.json[service.idField]));

		// Never a secret in what n8n stores about the run, whatever the outcome.
		for (const secret of service.secrets) expect(result.serialized).not.toContain(secret);
		expect(injected).toBe((fault.target ? 1 : positions.length) * (fault.times ?? 1));

		if (fault.expect === 'retried') {
			expect(result.error).toBeUndefined();
			// Exactly the records, in the service's order: nothing lost, nothing repeated.
			expect(ids).toEqual(expected);
			// One request per page, one more per fault, nothing else; on a busy machine, also one more per answer the
			// client's timeout beat during a stall (0 on a quiet one).
			const fewest = service.pages + injected + (fault.extraRequests ?? 0);
			expect(fake.stats.requests).toBeGreaterThanOrEqual(fewest);
			expect(fake.stats.requests).toBeLessThanOrEqual(fewest + Math.max(0, timedOutByStall));
		} else {
			// n8n stores the error serialised: its class survives as the name.
			expect(result.error?.name).toBe('NodeApiError');
			// What happened and how to fix it.
			expect(result.error?.description).toEqual(expect.stringMatching(/\w{3,}/));
			expect(result.error?.message).toMatch(fault.message!(service));
			// No partial list and no "successful" empty run.
			expect(result.items).toHaveLength(0);
		}
		fault.check?.(result, fake);
		return {
			service: service.name,
			fault: fault.label,
			// A refused credential is a fault too, answered by the service itself.
			injected: injected + (fault.wrongCredential ? 1 : 0),
			positions,
			outcome: result.error ? 'error' : 'retried',
			returned: result.items.length,
			lost: result.error ? 0 : RECORDS - ids.filter((id, index) => id === expected[index]).length,
			requests: fake.stats.requests,
			ms,
			message: result.error?.message,
		};
	} finally {
		client.stop();
		await fake.close();
	}
}

describe.each(SERVICES.concat(autoPiLogin).map((service) => [service.name, service] as const))(
	'%s: Return All of 2,000 records under faults',
	(_name, service) => {
		const cases = plan.filter((planned) => planned.service === service);
		test.concurrent.each(
			cases.map(
				(planned) =>
					[
						`${planned.fault.label} → ${planned.fault.expect}${planned.positions.length ? ` (pages ${planned.positions.map((p) => p + 1).join(', ')})` : ''}`,
						planned,
					] as const,
			),
		)(
			'%s',
			async (_label, planned) => {
				outcomes.push(await runCase(planned));
			},
			// A generous ceiling: cases run 10 at once, and a busy machine slows each several times over.
			300_000,
		);
	},
);

afterAll(() => {
	const order = (outcome: FaultOutcome) =>
		plan.findIndex(
			(planned) =>
				planned.service.name === outcome.service && planned.fault.label === outcome.fault,
		);
	outcomes.sort((a, b) => order(a) - order(b));
	const seconds = ((performance.now() - suiteStarted) / 1000).toFixed(1);
	const markdown = summaryMarkdown(outcomes, [
		`Seed ${SEED}; Request Options: timeout ${TIMEOUT_MS} ms (${SLOW_CASE_TIMEOUT_MS} ms in the slow case), ${MAX_RETRIES} retries; fake latency 2 ms; ${outcomes.length} runs in ${seconds} s (concurrent cases).`,
	]);
	writeSummaryPart('fault-return-all.md', markdown);
	process.stdout.write(`\n${markdown}\n`);
	for (const secret of SERVICES.concat(autoPiLogin).flatMap((service) => service.secrets)) {
		expect(engineLogLines.join('\n')).not.toContain(secret);
	}
});
