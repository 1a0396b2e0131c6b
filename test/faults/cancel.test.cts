/**
 * A cancelled execution stops paginating promptly, per service: a Return All of 2,000 records with 40 ms per request
 * is cancelled after a few pages, and during a 30 s Retry-After wait. The engine reports a cancelled run as ended at
 * once, whatever the node still does, so this measures the node itself: when its execute() settles, and requests
 * the node sent after the cancel. Each request carries the moment the credential was applied to it (the last step
 * before sending) in `X-Sent-At`, so a request sent before the cancel that reaches a busy server after it is not
 * miscounted.
 * Written to test/.artifacts/fault-cancel.md and the cancel part of fault-summary.md.
 */
import { RealCredentialsHelper, runNode, type NodeRunResult } from '../harness/engine.cjs';
import type { FakeServer } from '../fakes/base.cjs';
import { RECORDS, SERVICES, writeSummaryPart, type ServiceUnderTest } from './services.cjs';

const LATENCY_MS = 40;
/**
 * "Promptly": typically 1–200 ms here. The bound is half the 30 s Retry-After wait, so a node that sat the wait out
 * cannot pass, while a busy shared machine (where one run can stall for seconds) cannot fail it; requests sent after
 * the cancel are counted exactly, whatever the machine's speed.
 */
const PROMPT_MS = 15_000;
/** Longest wait for the node's execute() to settle after the cancel. */
const SETTLE_LIMIT_MS = 20_000;
/** After the run ended, how long the fake is watched for late requests. */
const QUIET_MS = 600;

interface CancelMeasure {
	service: string;
	scenario: string;
	requestsBeforeCancel: number;
	/** Requests the node sent after the cancel (must be 0). */
	requestsAfterCancel: number;
	/** Requests sent before the cancel that reached the server after it (in flight). */
	arrivedAfterCancel: number;
	pages: number;
	cancelToRunEndMs: number;
	/** Cancel → the node's execute() settled (SETTLE_LIMIT_MS when it did not). */
	cancelToNodeSettledMs: number;
	cancelToLastAnswerMs: number;
	returned: number;
}

const measures: CancelMeasure[] = [];

// Stamp every request with the moment it leaves the node (the credential is applied right before sending).
const authenticate = RealCredentialsHelper.prototype.authenticate;
beforeAll(() => {
	RealCredentialsHelper.prototype.authenticate = async function (
		this: RealCredentialsHelper,
		...args: Parameters<typeof authenticate>
	) {
		const options = await authenticate.apply(this, args);
		return {
			...options,
			headers: { ...(options.headers ?? {}), 'X-Sent-At': String(performance.now()) },
		};
	};
});
afterAll(() => {
	RealCredentialsHelper.prototype.authenticate = authenticate;
});

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, condition: () => boolean, timeoutMs = 60_000): Promise<void> {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > timeoutMs)
			throw new Error(`waited ${timeoutMs} ms for ${what}; it did not happen`);
		await sleep(2);
	}
}

const listRequests = (service: ServiceUnderTest, fake: FakeServer) =>
	fake.stats.log.filter((entry) => entry.path !== '/auth/login/');

async function cancelled(
	service: ServiceUnderTest,
	scenario: string,
	arrange: (fake: FakeServer) => void,
	cancelWhen: { what: string; condition: (fake: FakeServer) => boolean },
): Promise<{ measure: CancelMeasure; result: NodeRunResult }> {
	const fake = await service.start();
	try {
		fake.latencyMs = LATENCY_MS;
		fake.resetStats();
		arrange(fake);
		let cancel: () => void = () => undefined;
		const node = service.node();
		const execute = node.execute!;
		let settledAt: number | undefined;
		node.execute = async function (
			this: ThisParameterType<typeof execute>,
			...args: Parameters<typeof execute>
		) {
			try {
				return await execute.apply(this, args);
			} finally {
				settledAt = performance.now();
			}
		};
		const running = runNode({
			node,
			parameters: { ...service.parameters, requestOptions: { timeout: 5000 } },
			credentials: service.credentials(fake),
			onStart: (execution) => (cancel = execution.cancel),
		});
		await until(cancelWhen.what, () => cancelWhen.condition(fake));
		const cancelAt = performance.now();
		cancel();
		const result = await running;
		const runEnd = performance.now();
		await until(
			"the node's execute() to settle after the cancel",
			() => settledAt !== undefined || performance.now() - cancelAt > SETTLE_LIMIT_MS,
			SETTLE_LIMIT_MS + 1000,
		);
		// Watch for requests the node might still send after the engine reported the end.
		await sleep(QUIET_MS);
		const entries = listRequests(service, fake);
		const sentAfter = entries.filter(
			(entry) => Number(entry.headers['x-sent-at']) > cancelAt,
		).length;
		const arrivedAfter =
			entries.filter((entry) => (entry.startedAt ?? 0) > cancelAt).length - sentAfter;
		expect(entries.every((entry) => Number(entry.headers['x-sent-at']) > 0)).toBe(true);
		const lastAnswer = Math.max(
			...fake.stats.log.map((entry) => entry.finishedAt ?? entry.startedAt ?? 0),
		);
		const measure: CancelMeasure = {
			service: service.name,
			scenario,
			requestsBeforeCancel: entries.length - sentAfter,
			requestsAfterCancel: sentAfter,
			arrivedAfterCancel: arrivedAfter,
			pages: service.pages,
			cancelToRunEndMs: Math.round(runEnd - cancelAt),
			cancelToNodeSettledMs: Math.round((settledAt ?? cancelAt + SETTLE_LIMIT_MS) - cancelAt),
			cancelToLastAnswerMs: Math.max(0, Math.round(lastAnswer - cancelAt)),
			returned: result.items.length,
		};
		measures.push(measure);
		return { measure, result };
	} finally {
		await fake.close();
	}
}

describe.each(SERVICES.map((service) => [service.name, service] as const))(
	'%s: a cancelled Return All stops promptly',
	(_name, service) => {
		test('cancelled after the first pages: no request after the cancel, no items', async () => {
			const { measure, result } = await cancelled(
				service,
				'after the first pages',
				() => undefined,
				{
					what: 'two list requests',
					condition: (fake) => listRequests(service, fake).length >= 2,
				},
			);
			expect(result.items).toHaveLength(0);
			expect(result.run.status).toBe('canceled');
			expect(measure.requestsAfterCancel).toBe(0);
			// In-flight pages finish (about one latency); nothing waits longer. (Bounds leave room for a busy machine.)
			expect(measure.cancelToLastAnswerMs).toBeLessThan(PROMPT_MS);
			expect(measure.cancelToRunEndMs).toBeLessThan(PROMPT_MS);
			expect(measure.cancelToNodeSettledMs).toBeLessThan(PROMPT_MS);
			// Audiobookshelf's 4 pages are all asked at once after the first; the others are cancelled mid-list.
			expect(measure.requestsBeforeCancel).toBeLessThan(
				service.pages > 4 ? service.pages : service.pages + 1,
			);
		}, 120_000);

		test('cancelled during a 30 s Retry-After wait: stops within the 100 ms wait step', async () => {
			const { measure, result } = await cancelled(
				service,
				'during a Retry-After: 30 wait',
				(fake) =>
					fake.injectFault({
						kind: '429',
						retryAfter: 30,
						match: (request) => service.pageIndexOf(request) === 1,
					}),
				{
					what: 'the 429 answer',
					condition: (fake) =>
						(fake.stats.faultsFired['429'] ?? 0) === 1 &&
						fake.stats.log.some((entry) => entry.status === 429),
				},
			);
			expect(result.items).toHaveLength(0);
			expect(measure.requestsAfterCancel).toBe(0);
			expect(measure.cancelToRunEndMs).toBeLessThan(PROMPT_MS);
			// The wait is cut in steps of 100 ms, not sat out.
			expect(measure.cancelToNodeSettledMs).toBeLessThan(PROMPT_MS);
		}, 120_000);
	},
);

afterAll(() => {
	const lines = [
		'## Cancelled executions',
		'',
		`_${new Date().toISOString()}_`,
		'',
		`Return All of ${RECORDS} records, ${LATENCY_MS} ms per request. "Sent after cancel": requests the node sent after \`cancel()\` (watched until ${QUIET_MS} ms after the run ended); "sent before, arrived after": requests already on their way when it was cancelled.`,
		'',
		'| Service | Cancelled | Requests before | Sent after cancel | Sent before, arrived after | Pages of a full run | Cancel → node settled | Cancel → run end | Cancel → last answer | Items |',
		'| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
		...measures.map(
			(m) =>
				`| ${m.service} | ${m.scenario} | ${m.requestsBeforeCancel} | ${m.requestsAfterCancel} | ${m.arrivedAfterCancel} | ${m.pages} | ${m.cancelToNodeSettledMs} ms | ${m.cancelToRunEndMs} ms | ${m.cancelToLastAnswerMs} ms | ${m.returned} |`,
		),
	];
	const markdown = `${lines.join('\n')}\n`;
	writeSummaryPart('fault-cancel.md', markdown);
	process.stdout.write(`\n${markdown}\n`);
});
