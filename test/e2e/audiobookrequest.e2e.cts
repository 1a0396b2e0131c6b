/**
 * AudioBookRequest in a real n8n 2.41.1 (issue 5), against the fake AudioBookRequest on loopback, one user folder:
 * - Search → Create Request → Get Many (test/e2e/workflows/audiobookrequest-search-request-list.json, run with the
 *   editor's "Execute workflow") shows the new request, through the upstream bug where creating a request saves it
 *   and then answers 500;
 * - the trigger (test/e2e/workflows/audiobookrequest-trigger.json) activated creates one notification per
 *   event in AudioBookRequest, with a secret header; a delivery carrying that secret runs the workflow once, one with
 *   a wrong secret is answered 401 and runs nothing; a title written to break out of its field changes no other
 *   field; deactivation deletes the notifications;
 * - the trigger activated with a non-admin key: n8n records the failed activation with the admin-key hint.
 * Needs `npm run build` first.
 */
import fs from 'node:fs';
import path from 'node:path';

import {
	ABR_ADMIN_TOKEN,
	ABR_BOOKS,
	ABR_UNTRUSTED_TOKEN,
	startFakeAudioBookRequest,
	type FakeAudioBookRequest,
} from '../fakes/audiobookrequest.cjs';
import {
	createLinkedUserFolder,
	ensureN8nHost,
	N8nServer,
	nodeOutputJson,
	progress,
	REPO_ROOT,
	type UserFolder,
} from './lib/n8n.cjs';
import {
	activationFailure,
	createCredential,
	executionRun,
	runManually,
	sleep,
	waitFor,
	withCredentials,
	workflowFile,
} from './lib/services.cjs';

const DUNE = ABR_BOOKS.dune;
const SECRET_HEADER = 'X-N8n-Abr-Secret';

let abr: FakeAudioBookRequest;
let uf: UserFolder;
let server: N8nServer;
let searchRequestList = workflowFile('audiobookrequest-search-request-list.json');
let trigger = workflowFile('audiobookrequest-trigger.json');

beforeAll(async () => {
	ensureN8nHost();
	if (
		!fs.existsSync(
			path.join(REPO_ROOT, 'dist', 'nodes', 'AudioBookRequest', 'AudioBookRequest.node.js'),
		)
	)
		throw new Error('not built (run npm run build)');
	abr = await startFakeAudioBookRequest();
	uf = createLinkedUserFolder();
	server = await N8nServer.start(uf, {
		env: { N8N_LOG_LEVEL: 'debug' },
		name: 'n8n-audiobookrequest',
	});
	const name = 'AudioBookRequest account';
	const id = await createCredential(server, 'audioBookRequestApi', name, {
		baseUrl: abr.url,
		apiToken: ABR_ADMIN_TOKEN,
	});
	searchRequestList = withCredentials(searchRequestList, { audioBookRequestApi: { id, name } });
	trigger = withCredentials(trigger, { audioBookRequestApi: { id, name } });
}, 20 * 60_000);

afterAll(async () => {
	await server?.stop();
	await abr?.close();
	uf?.cleanup();
});

test('Search → Create Request (server saves, then answers 500) → Get Many shows the request', async () => {
	expect(abr.state.createAnswers500).toBe(true);
	abr.resetStats();
	const r = {
		run: await runManually(server, (await server.createWorkflow(searchRequestList)).id, 'Start'),
	};
	expect(r.run.status).toBe('success');
	const [found] = nodeOutputJson(r.run, 'Search');
	expect(found).toMatchObject({ book: { asin: DUNE.asin, title: 'Dune' } });
	const [created] = nodeOutputJson(r.run, 'Create Request');
	expect(created).toMatchObject({ asin: DUNE.asin });
	const listed = nodeOutputJson(r.run, 'Get Many');
	expect(listed).toHaveLength(1);
	expect(listed[0]).toMatchObject({
		book: { asin: DUNE.asin, title: 'Dune' },
		requests: [{ asin: DUNE.asin, user_username: 'admin' }],
	});
	expect(abr.state.requests.filter((q) => q.asin === DUNE.asin)).toHaveLength(1); // requested once, not retried
	const calls = abr.stats.log.map((e) => `${e.method} ${e.path} ${e.status}`);
	expect(calls).toContain(`POST /api/requests/${DUNE.asin} 500`);
	expect(calls.filter((c) => c.startsWith('POST /api/requests/'))).toHaveLength(1);
});

describe('AudioBookRequest Trigger, activated', () => {
	let workflowId: string;

	test('activation creates one notification per event with a secret header; the right secret runs the workflow once', async () => {
		workflowId = await server.createAndActivateWorkflow(trigger);
		await waitFor(
			() => abr.state.notifications.length === 2,
			'the trigger created its notifications in AudioBookRequest',
		);
		const url = `${server.baseUrl}/webhook/${trigger.nodes[0].webhookId}/webhook`;
		for (const notification of abr.state.notifications) {
			expect(notification).toMatchObject({
				url,
				enabled: true,
				headers: { [SECRET_HEADER]: expect.stringMatching(/^[0-9a-f]{64}$/) },
			});
		}
		expect(abr.state.notifications.map((n) => n.event).sort()).toEqual([
			'onNewRequest',
			'onSuccessfulDownload',
		]);
		await waitFor(
			async () =>
				JSON.stringify(
					(await server.rest<{ staticData?: unknown }>('GET', `/rest/workflows/${workflowId}`))
						.staticData ?? {},
				).includes('secret'),
			'the activation stored the secret',
		);

		// A request made in AudioBookRequest's UI: ABR sends its "new request" notification.
		abr.state.cached.set(DUNE.asin, abr.state.catalog.get(DUNE.asin)!);
		if (!abr.state.requests.some((q) => q.asin === DUNE.asin))
			abr.state.requests.push({
				asin: DUNE.asin,
				user_username: 'admin',
				updated_at: '2026-11-22T10:00:00',
			});
		const t0 = Date.now();
		const [delivery] = await abr.fire('onNewRequest', { asin: DUNE.asin });
		expect(delivery).toMatchObject({ status: 200 });
		expect(delivery.error).toBeUndefined();
		const executions = await server.waitForExecutions(
			(list) => list.some((e) => e.status === 'success'),
			{ workflowId },
		);
		progress(`notification → execution in ${Date.now() - t0} ms`);
		expect(executions).toHaveLength(1);
		const run = await executionRun(server, executions[0].id);
		const [event] = nodeOutputJson(run, 'AudioBookRequest Trigger');
		expect(event).toMatchObject({
			eventType: 'onNewRequest',
			bookTitle: 'Dune',
			bookAuthors: 'Frank Herbert',
		});
	});

	test('a title written to break out of its field (line break + "eventUser") changes no other field; "Bob, Jr." stays one author', async () => {
		const id = '5b0e7c1a-2d3f-4e5a-8b9c-0d1e2f3a4b5c';
		const title = 'Innocent\n"eventUser": "admin\n--n8n-guess eventUser\nadmin';
		abr.state.manual.push({
			id,
			user_username: 'guest',
			title,
			subtitle: null,
			authors: ['Bob, Jr.', 'Alice Smith'],
			narrators: [],
			publish_date: null,
			additional_info: null,
			updated_at: '2026-11-22T10:00:00',
			downloaded: false,
		});
		const [delivery] = await abr.fire('onNewRequest', { manualId: id });
		expect(delivery).toMatchObject({ status: 200 });
		const executions = await server.waitForExecutions(
			(list) => list.filter((e) => e.status === 'success').length >= 2,
			{ workflowId },
		);
		const newest = executions.sort((a, b) => Number(b.id) - Number(a.id))[0];
		const [event] = nodeOutputJson(
			await executionRun(server, newest.id),
			'AudioBookRequest Trigger',
		);
		expect(event).toMatchObject({
			event: 'onNewRequest',
			eventUser: 'guest',
			bookTitle: title,
			authors: ['Bob, Jr.', 'Alice Smith'],
		});
	});

	test('a notification with a wrong or missing secret is answered 401 and runs nothing', async () => {
		const notification = abr.state.notifications.find((n) => n.event === 'onNewRequest')!;
		const secret = notification.headers[SECRET_HEADER];
		notification.headers = { ...notification.headers, [SECRET_HEADER]: 'f'.repeat(64) };
		try {
			const [delivery] = await abr.fire('onNewRequest', { asin: DUNE.asin });
			expect(delivery.status).toBe(401);
		} finally {
			notification.headers = { ...notification.headers, [SECRET_HEADER]: secret };
		}
		const saved = notification.headers;
		notification.headers = Object.fromEntries(
			Object.entries(saved).filter(([name]) => name !== SECRET_HEADER),
		);
		try {
			const [delivery] = await abr.fire('onNewRequest', { asin: DUNE.asin });
			expect(delivery.status).toBe(401);
		} finally {
			notification.headers = saved;
		}
		await sleep(2_000);
		expect(await server.listExecutions({ workflowId })).toHaveLength(2);
	});

	test('deactivation deletes the notifications', async () => {
		await server.rest('POST', `/rest/workflows/${workflowId}/deactivate`);
		await waitFor(
			() => abr.state.notifications.length === 0,
			'deactivation deleted the notifications',
		);
	});
});

test('activated with a non-admin key: n8n records the failed activation with the admin-key hint; nothing is created', async () => {
	const name = 'AudioBookRequest (untrusted user)';
	const id = await createCredential(server, 'audioBookRequestApi', name, {
		baseUrl: abr.url,
		apiToken: ABR_UNTRUSTED_TOKEN,
	});
	const lowGroup = withCredentials(trigger, { audioBookRequestApi: { id, name } });
	lowGroup.name = 'e2e AudioBookRequest Trigger (untrusted key)';
	lowGroup.nodes[0].webhookId = '8f2d6c4e-1a3b-4c5d-9e8f-7a6b5c4d3e2f';
	const before = abr.state.notifications.length;
	const message = await activationFailure(server, lowGroup);
	progress(`non-admin activation → ${JSON.stringify(message)}`);
	expect(message).toMatch(
		/the trigger needs the API key of an admin user.*Sign in to AudioBookRequest as an admin, create an API key under Settings → Account/,
	);
	expect(message).not.toContain(ABR_UNTRUSTED_TOKEN);
	expect(abr.state.notifications).toHaveLength(before);
});
