/**
 * Every importable example in examples/ runs in a real n8n 2.41.1 against the fakes, so none of them rots. One
 * `n8n start` for the file; credentials are created the way the editor saves them and the examples' credential
 * references are pointed at them (the only change a user makes after importing, with the Audiobookshelf example's
 * collection id placeholder). The examples are otherwise run UNCHANGED, each the way its trigger really starts it:
 * - Schedule Trigger and polling trigger examples: the editor's "Execute workflow" button (POST /rest/workflows/<id>/run
 *   from that trigger). n8n's `execute` CLI cannot start them (it needs a Manual Trigger), and swapping the trigger
 *   would test a different workflow; in a manual run the Schedule Trigger fires once at once and a polling trigger
 *   polls once in manual mode, exactly what a user sees when trying the example.
 * - Webhook triggers (Speakr Trigger, Form Trigger): the workflow is activated and the event really happens — a signed
 *   Speakr delivery, a submitted form.
 * The AutoPi example is also issue 6's Return All scenario (135 trips yesterday, two pages of 100). Dates use the
 * instance's timezone (GENERIC_TIMEZONE=Europe/Copenhagen) as $today does. Needs `npm run build` first.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { IRun } from 'n8n-workflow';

import {
	ABR_ADMIN_TOKEN,
	ABR_BOOKS,
	startFakeAudioBookRequest,
	type FakeAudioBookRequest,
} from '../fakes/audiobookrequest.cjs';
import {
	ABS_TOKEN,
	BOOK_LIBRARY_ID,
	ROOT_USER_ID,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../fakes/audiobookshelf.cjs';
import { AUTOPI_TOKEN, startFakeAutoPi, type FakeAutoPi } from '../fakes/autopi.cjs';
import {
	makeRecordings,
	SPEAKR_TOKEN,
	startFakeSpeakr,
	type FakeSpeakr,
} from '../fakes/speakr.cjs';
import {
	createLinkedUserFolder,
	ensureN8nHost,
	N8nServer,
	nodeOutputJson,
	progress,
	REPO_ROOT,
	type UserFolder,
	type WorkflowJson,
} from './lib/n8n.cjs';
import {
	createCredential,
	dateIn,
	EXAMPLES_DIR,
	executionRun,
	runManually,
	sleep,
	startOfTodayIn,
	waitFor,
	withCredentials,
	workflowFile,
} from './lib/services.cjs';

const ZONE = 'Europe/Copenhagen';
const DAY = 86_400_000;

let speakr: FakeSpeakr;
let abs: FakeAudiobookshelf;
let abr: FakeAudioBookRequest;
let autopi: FakeAutoPi;
let uf: UserFolder;
let server: N8nServer;
let credentials: Record<string, { id: string; name: string }>;
let todayStart: number;
let yesterdayStart: number;

/** An example as a user has it after import: its credentials chosen. */
function example(file: string): WorkflowJson {
	return withCredentials(workflowFile(path.join(EXAMPLES_DIR, file)), credentials);
}

async function create(workflow: WorkflowJson): Promise<string> {
	return (await server.createWorkflow(workflow)).id;
}

function items(run: IRun, node: string) {
	return nodeOutputJson(run, node);
}

beforeAll(async () => {
	ensureN8nHost();
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'nodes', 'Speakr', 'Speakr.node.js')))
		throw new Error('not built (run npm run build)');
	[speakr, abs, abr, autopi] = await Promise.all([
		startFakeSpeakr(),
		startFakeAudiobookshelf({ books: 12 }),
		startFakeAudioBookRequest(),
		startFakeAutoPi({ devices: 3, tripsPerDevice: 50 }),
	]);
	speakr.state.intranetAllowlist = /^127\.0\.0\.1$/;
	todayStart = startOfTodayIn(ZONE);
	yesterdayStart = todayStart - DAY;
	uf = createLinkedUserFolder();
	server = await N8nServer.start(uf, {
		env: { GENERIC_TIMEZONE: ZONE, N8N_LOG_LEVEL: 'debug' },
		name: 'n8n-examples',
	});
	const specs: Array<[string, string, Record<string, unknown>]> = [
		[
			'speakrApi',
			'Speakr account',
			{ baseUrl: speakr.url, apiToken: SPEAKR_TOKEN, authScheme: 'bearer' },
		],
		[
			'audiobookshelfApi',
			'Audiobookshelf account',
			{ baseUrl: abs.url, apiToken: ABS_TOKEN, authScheme: 'bearer' },
		],
		[
			'audioBookRequestApi',
			'AudioBookRequest account',
			{ baseUrl: abr.url, apiToken: ABR_ADMIN_TOKEN },
		],
		[
			'autoPiApi',
			'AutoPi account',
			{ baseUrl: autopi.url, authType: 'apiToken', apiToken: AUTOPI_TOKEN },
		],
	];
	credentials = {};
	for (const [type, name, data] of specs)
		credentials[type] = { id: await createCredential(server, type, name, data), name };
}, 20 * 60_000);

afterAll(async () => {
	await server?.stop();
	await Promise.all([speakr?.close(), abs?.close(), abr?.close(), autopi?.close()]);
	uf?.cleanup();
});

const COVERED = [
	'audiobookrequest-download-to-audiobookshelf.json',
	'audiobookrequest-request-from-form.json',
	'audiobookshelf-finished-books-to-collection.json',
	'audiobookshelf-listening-log.json',
	'autopi-daily-trip-log.json',
	'autopi-trip-finished-log.json',
	'speakr-daily-meeting-digest.json',
	'speakr-meeting-notes-document.json',
	'speakr-transcribed-meeting-subtitles.json',
];

test('every example in examples/ has a run below (a new example must add one)', () => {
	expect(
		fs
			.readdirSync(EXAMPLES_DIR)
			.filter((f) => f.endsWith('.json'))
			.sort(),
	).toEqual(COVERED);
});

test("speakr-daily-meeting-digest: Execute workflow (Schedule Trigger) digests yesterday's completed recordings, oldest first", async () => {
	// 60 recordings: 40 spread over yesterday (local time), 10 the day before, 10 today.
	const recordings = makeRecordings(60);
	const naiveUtc = (ms: number) => new Date(ms).toISOString().replace('Z', '');
	recordings.forEach((recording, index) => {
		const at =
			index < 40
				? yesterdayStart + index * 30 * 60_000
				: index < 50
					? yesterdayStart - (index - 39) * 60 * 60_000
					: todayStart + (index - 49) * 60_000;
		recording.created_at = naiveUtc(at);
	});
	speakr.state.recordings = recordings;
	const expected = recordings.filter((r, index) => index < 40 && r.status === 'COMPLETED');
	expect(expected.length).toBeGreaterThan(10);
	speakr.resetStats();
	const workflowId = await create(example('speakr-daily-meeting-digest.json'));
	const run = await runManually(server, workflowId, 'Every morning at 07:00');
	expect(run.status).toBe('success');
	const digest = items(run, 'Digest entry');
	expect(digest.map((d) => d.title)).toEqual(expected.map((r) => r.title));
	for (const [index, entry] of digest.entries()) {
		expect(entry.summary).toBe(`Summary\n\nSummary of meeting ${expected[index].id}.`);
		expect(entry.transcript).toBe('[SPEAKER_00]: Hello there.\n[SPEAKER_01]: Hi, how are you?');
	}
	const list = speakr.stats.log.find((e) => e.path === '/api/v1/recordings')!;
	const query = new URLSearchParams(list.query);
	expect(Date.parse(query.get('date_from')!)).toBe(yesterdayStart);
	expect(Date.parse(query.get('date_to')!)).toBe(todayStart - 1);
});

test('speakr-transcribed-meeting-subtitles: activated, a signed "transcription completed" delivery files the subtitles and marks the recording reviewed', async () => {
	speakr.state.recordings = makeRecordings(10);
	const target = speakr.state.recordings.find((r) => r.id === 7)!;
	expect(target.is_inbox).toBe(true);
	const workflowId = await server.createAndActivateWorkflow(
		example('speakr-transcribed-meeting-subtitles.json'),
	);
	await waitFor(() => speakr.state.webhooks.length === 1, 'the trigger registered its webhook');
	await waitFor(
		async () =>
			JSON.stringify(
				(await server.rest<{ staticData?: unknown }>('GET', `/rest/workflows/${workflowId}`))
					.staticData ?? {},
			).includes('secret'),
		'the activation stored the secret',
	);
	const delivery = await speakr.deliver(
		speakr.state.webhooks[0].id,
		'recording.transcription.completed',
		{ recording_id: 7, title: target.title },
	);
	expect(delivery.status).toBe(200);
	const [execution] = await server.waitForExecutions(
		(list) => list.some((e) => e.status !== 'running' && e.status !== 'new'),
		{ workflowId },
	);
	expect(execution.status).toBe('success');
	const run = await executionRun(server, execution.id);
	const subtitles = run.data.resultData.runData['Subtitles (SRT file)'][0].data!.main[0]![0];
	expect(subtitles.binary?.subtitles).toMatchObject({ fileName: 'recording-7-transcript.srt' });
	expect(items(run, 'Mark as reviewed')[0]).toMatchObject({ id: 7, is_inbox: false });
	expect(target.is_inbox).toBe(false);
	await server.rest('POST', `/rest/workflows/${workflowId}/deactivate`);
	await waitFor(() => speakr.state.webhooks.length === 0, 'deactivation deleted the webhook');
});

test('audiobookrequest-request-from-form: activated, a submitted form requests the best match of every line', async () => {
	const workflow = example('audiobookrequest-request-from-form.json');
	const workflowId = await server.createAndActivateWorkflow(workflow);
	const formPath = workflow.nodes[0].webhookId!;
	const form = new FormData();
	form.append('field-0', 'Dune Frank Herbert\n\nGood Omens\n');
	let answer = await server.http.post(`/form/${formPath}`, form);
	for (let i = 0; answer.status === 404 && i < 40; i++) {
		await sleep(250); // registration lags behind activation
		answer = await server.http.post(`/form/${formPath}`, form);
	}
	expect(answer.status).toBe(200);
	const [execution] = await server.waitForExecutions(
		(list) => list.some((e) => e.status !== 'running' && e.status !== 'new'),
		{ workflowId },
	);
	expect(execution.status).toBe('success');
	const run = await executionRun(server, execution.id);
	expect(items(run, 'Find Book').map((i) => (i.book as { asin: string }).asin)).toEqual([
		ABR_BOOKS.dune.asin,
		ABR_BOOKS.goodOmens.asin,
	]);
	expect(items(run, 'Request Book').map((i) => i.asin)).toEqual([
		ABR_BOOKS.dune.asin,
		ABR_BOOKS.goodOmens.asin,
	]);
	expect(abr.state.requests.map((q) => q.asin).sort()).toEqual(
		[ABR_BOOKS.dune.asin, ABR_BOOKS.goodOmens.asin].sort(),
	);
	await server.rest('POST', `/rest/workflows/${workflowId}/deactivate`);
});

test('audiobookshelf-finished-books-to-collection: Execute workflow (polling trigger) adds the last finished book to the collection', async () => {
	const created = await fetch(`${abs.url}/api/collections`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${ABS_TOKEN}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({
			libraryId: BOOK_LIBRARY_ID,
			name: 'Finished',
			books: [abs.state.books[0].id],
		}), // Audiobookshelf wants a first book
	});
	const collection = (await created.json()) as { id: string };
	const book = abs.state.books[3];
	abs.setProgress(ROOT_USER_ID, {
		libraryItemId: book.id,
		isFinished: true,
		finishedAt: Date.now(),
		currentTime: 100,
	});
	const workflow = example('audiobookshelf-finished-books-to-collection.json');
	const add = workflow.nodes.find((n) => n.name === 'Add to Finished Collection')!;
	expect(add.parameters.collectionId).toBe('REPLACE-WITH-YOUR-COLLECTION-ID');
	add.parameters.collectionId = collection.id; // the one step the example asks of its user
	const workflowId = await create(workflow);
	const run = await runManually(server, workflowId, 'Book Finished');
	expect(run.status).toBe('success');
	expect(items(run, 'Book Finished')[0]).toMatchObject({ libraryItemId: book.id });
	expect(items(run, 'Books Only')).toHaveLength(1);
	const stored = abs.state.collections.find((c) => c.id === collection.id)!;
	expect(stored.bookIds).toEqual([abs.state.books[0].id, book.id]);
});

test("autopi-daily-trip-log (issue 6): Execute workflow (Schedule Trigger) lists all 135 of yesterday's trips (2 pages, server capped at 100)", async () => {
	// 150 trips: 135 yesterday (local), one at yesterday 00:00 exactly, the rest just outside the day.
	const template = autopi.state.trips[0];
	const devices = autopi.state.devices;
	const starts: number[] = [];
	for (let i = 0; i < 135; i++) starts.push(yesterdayStart + i * 10 * 60_000);
	starts.push(yesterdayStart - 1_000, todayStart, todayStart + 3_600_000, yesterdayStart - DAY);
	autopi.state.trips = starts
		.map((start, index) => ({
			...template,
			id: `70000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
			device: devices[index % devices.length].id,
			vehicle: devices[index % devices.length].vehicle.id,
			start_time_utc: new Date(start).toISOString(),
			end_time_utc: new Date(start + 9 * 60_000).toISOString(),
		}))
		.sort((a, b) => b.start_time_utc.localeCompare(a.start_time_utc));
	autopi.resetStats();
	const workflowId = await create(example('autopi-daily-trip-log.json'));
	const run = await runManually(server, workflowId, 'Every morning at 06:00');
	expect(run.status).toBe('success');
	const trips = items(run, "Yesterday's trips");
	expect(trips).toHaveLength(135);
	expect(new Set(trips.map((t) => t.id)).size).toBe(135);
	const rows = items(run, 'Spreadsheet rows');
	expect(rows).toHaveLength(135);
	expect(new Set(rows.map((r) => r.Date))).toEqual(new Set([dateIn(ZONE, yesterdayStart)]));
	expect(
		rows.every((r) => typeof r['Distance (km)'] === 'number' && typeof r.Vehicle === 'number'),
	).toBe(true);
	const pages = autopi.stats.log.filter((e) => e.path === '/logbook/v2/trips/');
	progress(`autopi trips: ${pages.length} requests (${pages.map((e) => e.query).join(' | ')})`);
	// The node asks for 500 a page; this AutoPi caps pages at 100 and follows its `next` links: 2 requests.
	expect(pages).toHaveLength(2);
	expect(pages.map((e) => new URLSearchParams(e.query).get('page'))).toEqual(['1', '2']);
});

test('audiobookrequest-download-to-audiobookshelf: activated, a successful download scans the library, finds the book by ASIN and writes the message to its requesters', async () => {
	const dune = ABR_BOOKS.dune;
	// AudioBookRequest keeps one request per book and user (the form example may have made this one already).
	if (!abr.state.requests.some((r) => r.asin === dune.asin && r.user_username === 'admin'))
		abr.state.requests.push({
			asin: dune.asin,
			user_username: 'admin',
			updated_at: new Date().toISOString(),
		});
	const workflow = example('audiobookrequest-download-to-audiobookshelf.json');
	for (const node of workflow.nodes) {
		const library = node.parameters.libraryId as { value?: string } | undefined;
		if (library?.value === 'REPLACE-WITH-YOUR-LIBRARY-ID') library.value = BOOK_LIBRARY_ID; // the user's one step
	}
	const workflowId = await server.createAndActivateWorkflow(workflow);
	await waitFor(
		() => abr.state.notifications.some((n) => n.event === 'onSuccessfulDownload'),
		'the trigger registered its AudioBookRequest notification',
	);
	// What the scan will find: the downloaded book, with its ASIN.
	const arrived = abs.addBook({ title: 'Dune', asin: dune.asin });
	const scansBefore = abs.state.scansStarted;
	// A download grabbed through Prowlarr: AudioBookRequest fills the book's ASIN (Mark Downloaded leaves it empty,
	// and the example then searches by title).
	const download = { asin: dune.asin, replacements: { bookASIN: dune.asin } };
	let [delivery] = await abr.fire('onSuccessfulDownload', download);
	for (let i = 0; delivery?.status === 404 && i < 40; i++) {
		await sleep(250); // registration lags behind activation
		[delivery] = await abr.fire('onSuccessfulDownload', download);
	}
	expect(delivery?.status).toBe(200);
	const [execution] = await server.waitForExecutions(
		(list) => list.some((e) => e.status !== 'running' && e.status !== 'new'),
		{ workflowId },
		90_000,
	);
	expect(execution.status).toBe('success');
	const run = await executionRun(server, execution.id);
	expect(abs.state.scansStarted).toBe(scansBefore + 1);
	expect(items(run, 'Find Book by ASIN').map((i) => i.id)).toEqual([arrived.id]);
	expect(items(run, 'Message to Requesters')).toEqual([
		{
			to: ['admin'],
			found: true,
			message: '"Dune" is ready to listen in Audiobookshelf.',
			libraryItemId: arrived.id,
		},
	]);
	await server.rest('POST', `/rest/workflows/${workflowId}/deactivate`);
});

test('audiobookshelf-listening-log: Execute workflow (polling trigger) logs the last finished item as a row', async () => {
	const book = abs.state.books[5];
	const finishedAt = Date.now();
	abs.setProgress(ROOT_USER_ID, {
		libraryItemId: book.id,
		isFinished: true,
		finishedAt,
		currentTime: book.duration,
		duration: book.duration,
	});
	const run = await runManually(
		server,
		await create(example('audiobookshelf-listening-log.json')),
		'Item Finished',
	);
	expect(run.status).toBe('success');
	expect(items(run, 'Log Row')).toEqual([
		expect.objectContaining({
			Finished: dateIn(ZONE, finishedAt),
			Title: book.title,
			Author: book.authorName,
			'Item ID': book.id,
		}),
	]);
	expect(items(run, 'Log Row')[0].Hours).toBeCloseTo(book.duration / 3600, 1);
});

test('autopi-trip-finished-log: Execute workflow (AutoPi Trigger) shows the newest finished trip as a row', async () => {
	const start = Date.now() - 40 * 60_000;
	const trip = {
		...autopi.state.trips[0],
		id: '7f000000-0000-4000-8000-0000000e2e99',
		start_time_utc: new Date(start).toISOString(),
		end_time_utc: new Date(start + 25 * 60_000).toISOString(),
		distanceKm: 21.5,
	};
	// AutoPi only knows trips that have happened. The daily-log test above leaves one at "today 01:00" local, which
	// lies ahead of now when the suite runs just after local midnight: keep only trips that ended before this one.
	autopi.state.trips = [
		trip,
		...autopi.state.trips.filter((other) => Date.parse(other.end_time_utc) < start),
	];
	const run = await runManually(
		server,
		await create(example('autopi-trip-finished-log.json')),
		'Trip Finished',
	);
	expect(run.status).toBe('success');
	expect(items(run, 'Trip Row')).toEqual([
		expect.objectContaining({
			'Trip ID': trip.id,
			'Distance (km)': 21.5,
			Date: dateIn(ZONE, start),
		}),
	]);
});

test('speakr-meeting-notes-document: activated, a signed "transcription completed" delivery writes the notes with summary and action items as Markdown', async () => {
	speakr.state.recordings = makeRecordings(10);
	const target = speakr.state.recordings.find((r) => r.id === 5)!;
	target.summary =
		'## Summary\n\nWe planned the launch.\n\n## Action Items\n\n- Send the slides\n- Book the room\n\n## Decisions\n\n- Ship on Friday';
	const workflowId = await server.createAndActivateWorkflow(
		example('speakr-meeting-notes-document.json'),
	);
	await waitFor(() => speakr.state.webhooks.length === 1, 'the trigger registered its webhook');
	await waitFor(
		async () =>
			JSON.stringify(
				(await server.rest<{ staticData?: unknown }>('GET', `/rest/workflows/${workflowId}`))
					.staticData ?? {},
			).includes('secret'),
		'the activation stored the secret',
	);
	const delivery = await speakr.deliver(
		speakr.state.webhooks[0].id,
		'recording.transcription.completed',
		{
			recording_id: 5,
			title: target.title,
		},
	);
	expect(delivery.status).toBe(200);
	const [execution] = await server.waitForExecutions(
		(list) => list.some((e) => e.status !== 'running' && e.status !== 'new'),
		{ workflowId },
	);
	expect(execution.status).toBe('success');
	const run = await executionRun(server, execution.id);
	const [notes] = items(run, 'Meeting Notes');
	expect(notes.actionItems).toBe('- Send the slides\n- Book the room');
	expect(String(notes.notes)).toContain(`# ${target.title}`);
	expect(String(notes.notes)).toContain('[SPEAKER_00]: Hello there.');
	const file = run.data.resultData.runData['Notes Document (Markdown)'][0].data!.main[0]![0];
	expect(file.binary?.data).toMatchObject({ fileName: `${target.title}.md` });
	await server.rest('POST', `/rest/workflows/${workflowId}/deactivate`);
	await waitFor(() => speakr.state.webhooks.length === 0, 'deactivation deleted the webhook');
});
