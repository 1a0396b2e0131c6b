/**
 * Audiobookshelf in a real n8n 2.41.1 (issue 4), against the fake Audiobookshelf on loopback, one user folder:
 * - every item of a 1,234-book library through Return All (test/e2e/workflows/audiobookshelf-list-all-items.json,
 *   run with the editor's "Execute workflow"): 3 pages of 500, every id exactly once;
 * - the polling trigger (test/e2e/workflows/audiobookshelf-new-item-trigger.json) activated; a book added
 *   to the server after activation starts exactly one execution with that book, and the next poll starts none.
 *
 * Poll timing: n8n 2.41 refuses polls more often than once a minute (any cron whose seconds field is not one fixed
 * number), and "Every Minute" fires at a random second, so a test would wait up to 60 s per poll. Instead the test
 * sets two "Custom" poll times, each once a minute at a fixed second chosen ~10 s and ~20 s ahead: legal for n8n
 * (both are minute-granular) and it brings the two polls the test needs (one that finds the book, one that must find
 * nothing) within ~20 s. Activation itself polls once (n8n's activation test), which sets the trigger's cursor.
 * Needs `npm run build` first.
 */
import fs from 'node:fs';
import path from 'node:path';

import {
	ABS_TOKEN,
	BOOK_LIBRARY_ID,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../fakes/audiobookshelf.cjs';
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
	clone,
	createCredential,
	executionRun,
	runManually,
	sleep,
	waitFor,
	withCredentials,
	workflowFile,
} from './lib/services.cjs';

const BOOKS = 1_234;

let abs: FakeAudiobookshelf;
let uf: UserFolder;
let server: N8nServer;
let listAll = workflowFile('audiobookshelf-list-all-items.json');
let trigger = workflowFile('audiobookshelf-new-item-trigger.json');

beforeAll(async () => {
	ensureN8nHost();
	if (
		!fs.existsSync(
			path.join(REPO_ROOT, 'dist', 'nodes', 'Audiobookshelf', 'Audiobookshelf.node.js'),
		)
	)
		throw new Error('not built (run npm run build)');
	abs = await startFakeAudiobookshelf({ books: BOOKS });
	uf = createLinkedUserFolder();
	server = await N8nServer.start(uf, {
		env: { N8N_LOG_LEVEL: 'debug' },
		name: 'n8n-audiobookshelf',
	});
	const name = 'Audiobookshelf account';
	const id = await createCredential(server, 'audiobookshelfApi', name, {
		baseUrl: abs.url,
		apiToken: ABS_TOKEN,
		authScheme: 'bearer',
	});
	listAll = withCredentials(listAll, { audiobookshelfApi: { id, name } });
	trigger = withCredentials(trigger, { audiobookshelfApi: { id, name } });
}, 20 * 60_000);

afterAll(async () => {
	await server?.stop();
	await abs?.close();
	uf?.cleanup();
});

test(`Library Item Get Many (Return All) lists all ${BOOKS} items, 3 pages of 500`, async () => {
	expect((listAll.nodes[1].parameters.libraryId as { value: string }).value).toBe(BOOK_LIBRARY_ID);
	abs.resetStats();
	const t0 = Date.now();
	const run = await runManually(server, (await server.createWorkflow(listAll)).id, 'Start');
	progress(`Return All (${BOOKS} items) took ${Date.now() - t0} ms`);
	expect(run.status).toBe('success');
	const items = nodeOutputJson(run, 'All Items');
	expect(items).toHaveLength(BOOKS);
	const ids = new Set(items.map((i) => i.id));
	expect(ids.size).toBe(BOOKS);
	expect(ids).toEqual(new Set(abs.state.books.map((b) => b.id)));
	expect(items.find((i) => i.title === 'Second Story')).toBeDefined(); // simplified items keep the title
	const pages = abs.stats.log
		.filter((e) => e.path === `/api/libraries/${BOOK_LIBRARY_ID}/items`)
		.map((e) => new URLSearchParams(e.query));
	expect(pages.map((q) => `${q.get('page')}/${q.get('limit')}`).sort()).toEqual([
		'0/500',
		'1/500',
		'2/500',
	]);
});

describe('Audiobookshelf Trigger (new item), activated', () => {
	test('a book added after activation starts exactly one execution with that book; the next poll starts none', async () => {
		const now = new Date();
		const second = (ahead: number) => (now.getSeconds() + ahead) % 60;
		const [first, next] = [second(10), second(20)];
		const workflow = clone(trigger);
		workflow.nodes[0].parameters.pollTimes = {
			item: [
				{ mode: 'custom', cronExpression: `${first} * * * * *` },
				{ mode: 'custom', cronExpression: `${next} * * * * *` },
			],
		};
		abs.resetStats();
		const activatedAt = Date.now();
		const workflowId = await server.createAndActivateWorkflow(workflow);
		// Activation polls once (n8n's activation test): that poll only records where the libraries are.
		await waitFor(
			() => abs.stats.log.some((e) => e.path.startsWith(`/api/libraries/${BOOK_LIBRARY_ID}/items`)),
			'the activation poll read the book library',
		);
		const activationPoll = abs.stats.requests;
		progress(
			`activation poll after ${Date.now() - activatedAt} ms (${activationPoll} requests); polls at :${first} and :${next}`,
		);
		expect(await server.listExecutions({ workflowId })).toHaveLength(0);

		const book = abs.addBook({ title: 'The e2e Arrival' });
		const addedAt = Date.now();
		const executions = await server.waitForExecutions(
			(list) => list.length > 0 && list.every((e) => e.status !== 'running' && e.status !== 'new'),
			{ workflowId },
			75_000,
		);
		progress(`book added → execution after ${Date.now() - addedAt} ms`);
		expect(abs.stats.requests).toBeGreaterThan(activationPoll);
		expect(executions).toHaveLength(1);
		expect(executions[0]).toMatchObject({ mode: 'trigger', status: 'success' });
		const run = await executionRun(server, executions[0].id);
		const received = nodeOutputJson(run, 'Received');
		expect(received).toHaveLength(1);
		expect(received[0]).toMatchObject({
			id: book.id,
			title: 'The e2e Arrival',
			libraryId: BOOK_LIBRARY_ID,
		});

		// The following poll must find nothing new: wait until it has read the library, then a little more.
		const afterFirst = abs.stats.requests;
		await waitFor(() => abs.stats.requests > afterFirst, 'the next poll read the server', 75_000);
		await sleep(2_000);
		expect(await server.listExecutions({ workflowId })).toHaveLength(1);
		await server.rest('POST', `/rest/workflows/${workflowId}/deactivate`);
	});
});
