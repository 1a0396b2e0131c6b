import http from 'node:http';

import { AudioBookRequestTrigger } from '../../nodes/AudioBookRequest/AudioBookRequestTrigger.node';
import {
	bodyTemplate,
	parseDelivery,
	splitNames,
} from '../../nodes/AudioBookRequest/notifications';
import {
	ABR_ADMIN_TOKEN,
	ABR_BOOKS,
	ABR_UNTRUSTED_TOKEN,
	createAbrState,
	startFakeAudioBookRequest,
	type FakeAudioBookRequest,
} from '../fakes/audiobookrequest.cjs';
import { NodeHost, startWebhookReceiver } from '../harness/contexts.cjs';
import { credentials } from './helpers.cjs';

let abr: FakeAudioBookRequest;
beforeAll(async () => {
	abr = await startFakeAudioBookRequest();
});
afterAll(async () => await abr.close());
beforeEach(() => {
	Object.assign(abr.state, createAbrState());
	abr.resetStats();
	abr.clearFaults();
});

const DUNE = ABR_BOOKS.dune.asin;
const QUOTED = ABR_BOOKS.quoted.asin;

async function setup(
	events: string[] = ['onNewRequest', 'onSuccessfulDownload', 'onFailedDownload'],
	token = ABR_ADMIN_TOKEN,
) {
	// Deliveries only arrive after activation, when `host` exists.
	const receiver = await startWebhookReceiver(() => host);
	const host = new NodeHost({
		node: new AudioBookRequestTrigger(),
		parameters: { events },
		credentials: credentials(abr, token),
		webhookBaseUrl: receiver.baseUrl,
		workflowName: 'Books',
	});
	return { host, receiver };
}

function postRaw(url: string, headers: Record<string, string>, body: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const request = http.request(
			url,
			{ method: 'POST', headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers } },
			(response) => {
				response.resume();
				response.on('end', () => resolve(response.statusCode ?? 0));
			},
		);
		request.on('error', reject);
		request.end(body);
	});
}

describe('AudioBookRequest Trigger — lifecycle', () => {
	test('activation creates one text notification per event with every placeholder and a secret header; deactivation deletes them', async () => {
		const { host, receiver } = await setup();
		try {
			expect(await host.hook('checkExists')).toBe(false);
			expect(abr.stats.requests).toBe(0); // nothing stored yet: no call needed
			expect(await host.hook('create')).toBe(true);
			const webhookUrl = `${receiver.baseUrl}/${host.node.webhookId}/webhook`;
			expect(abr.state.notifications).toHaveLength(3);
			const secret = host.staticData().secret as string;
			expect(secret).toMatch(/^[0-9a-f]{64}$/);
			for (const notification of abr.state.notifications) {
				expect(notification).toMatchObject({
					url: webhookUrl,
					body_type: 'text',
					enabled: true,
					headers: { 'X-N8n-Abr-Secret': secret },
				});
				expect(notification.name).toBe(`n8n: Books (${notification.event})`);
			}
			const byEvent = Object.fromEntries(abr.state.notifications.map((n) => [n.event, n.body]));
			const boundary = host.staticData().boundary as string;
			expect(boundary).toMatch(/^n8n-[0-9a-f]{32}$/);
			expect(byEvent.onNewRequest).toContain(`--${boundary} bookTitle\n{bookTitle}\n`);
			expect(byEvent.onNewRequest).toContain(
				`--${boundary} joinedUsersExtraData\n{joinedUsersExtraData}\n`,
			);
			expect(byEvent.onSuccessfulDownload).toContain(
				`--${boundary} torrentInfoHash\n{torrentInfoHash}\n`,
			);
			expect(byEvent.onFailedDownload).toContain(`--${boundary} errorReason\n{errorReason}\n`);
			expect(byEvent.onFailedDownload.endsWith(`--${boundary}--\n`)).toBe(true);
			expect(byEvent.onNewRequest).not.toContain('errorReason');
			const posts = abr.stats.log.filter((entry) => entry.method === 'POST');
			expect(posts).toHaveLength(3);
			// The headers field is a JSON string, as the API wants.
			expect(abr.stats.log.map((entry) => `${entry.method} ${entry.path}`)).toEqual([
				'GET /api/settings/notifications',
				'POST /api/settings/notifications',
				'POST /api/settings/notifications',
				'POST /api/settings/notifications',
			]);

			abr.resetStats();
			expect(await host.hook('checkExists')).toBe(true);
			expect(abr.stats.requests).toBe(1);

			abr.resetStats();
			// One was already deleted by hand: 404 counts as done.
			abr.state.notifications.shift();
			expect(await host.hook('delete')).toBe(true);
			expect(abr.state.notifications).toHaveLength(0);
			expect(abr.stats.log.map((entry) => entry.status)).toEqual([404, 204, 204]);
			expect(host.staticData().secret).toBeUndefined();
		} finally {
			await receiver.close();
		}
	});

	test('checkExists notices a disabled or removed notification and create replaces leftovers pointing at the same URL', async () => {
		const { host, receiver } = await setup(['onNewRequest']);
		try {
			await host.activate();
			const firstId = abr.state.notifications[0].id;
			abr.state.notifications[0].enabled = false;
			expect(await host.hook('checkExists')).toBe(false);
			await host.hook('create');
			expect(abr.state.notifications).toHaveLength(1);
			expect(abr.state.notifications[0].id).not.toBe(firstId);
			expect(abr.state.notifications[0].enabled).toBe(true);
		} finally {
			await receiver.close();
		}
	});

	test('a non-admin key: activation fails with a message that says an admin key is needed (n8n shows only the message); the key never shows', async () => {
		const { host, receiver } = await setup(['onNewRequest'], ABR_UNTRUSTED_TOKEN);
		try {
			const error = await host.activate().catch((caught: Error) => caught);
			expect((error as Error).message).toMatch(
				/^AudioBookRequest refused to list its notifications: the trigger needs the API key of an admin user, and this key is not one \(or it is wrong or deleted\) — AudioBookRequest said: Authentication required — Sign in to AudioBookRequest as an admin, create an API key under Settings → Account/,
			);
			expect(JSON.stringify({ m: (error as Error).message })).not.toContain(ABR_UNTRUSTED_TOKEN);
			expect(abr.state.notifications).toHaveLength(0);
			expect(abr.stats.log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual(
				['GET /api/settings/notifications 401'],
			);
		} finally {
			await receiver.close();
		}
	});

	test('an activation of an earlier version (no boundary in static data) is replaced', async () => {
		const { host, receiver } = await setup(['onNewRequest']);
		try {
			await host.activate();
			delete host.staticData().boundary;
			abr.resetStats();
			expect(await host.hook('checkExists')).toBe(false);
			expect(abr.stats.requests).toBe(0);
		} finally {
			await receiver.close();
		}
	});
});

describe('AudioBookRequest Trigger — deliveries', () => {
	test('a download delivery from ABR starts one run with the fields; unfilled placeholders are null', async () => {
		const { host, receiver } = await setup();
		try {
			await host.activate();
			abr.state.cached.set(DUNE, abr.state.catalog.get(DUNE)!);
			abr.state.requests.push(
				{ asin: DUNE, user_username: 'admin', updated_at: '2026-01-01T00:00:00' },
				{ asin: DUNE, user_username: 'guest', updated_at: '2026-01-01T00:00:00' },
			);
			const deliveries = await abr.fire('onSuccessfulDownload', { asin: DUNE });
			expect(deliveries).toEqual([expect.objectContaining({ status: 200 })]);
			expect(receiver.runs).toHaveLength(1);
			expect(receiver.runs[0][0][0].json).toEqual({
				event: 'onSuccessfulDownload',
				eventType: 'onSuccessfulDownload',
				eventUser: 'admin',
				eventUserExtraData: '@admin-chat',
				joinedUsers: 'admin, guest',
				joinedUsersExtraData: '@admin-chat, guest "extra"',
				bookTitle: 'Dune',
				bookAuthors: 'Frank Herbert',
				bookNarrators: 'Scott Brick,Simon Vance',
				bookCover: `https://m.media-amazon.com/images/I/${DUNE}.jpg`,
				bookASIN: null,
				torrentInfoHash: null,
				sourceSizeMB: null,
				sourceTitle: null,
				indexerName: null,
				sourceProtocol: null,
				requesters: ['admin', 'guest'],
				authors: ['Frank Herbert'],
				narrators: ['Scott Brick', 'Simon Vance'],
			});
		} finally {
			await receiver.close();
		}
	});

	test('a title with quotes (unescaped upstream) still arrives, fields recovered exactly', async () => {
		const { host, receiver } = await setup(['onFailedDownload']);
		try {
			await host.activate();
			abr.state.cached.set(QUOTED, abr.state.catalog.get(QUOTED)!);
			abr.state.requests.push({
				asin: QUOTED,
				user_username: 'trusty',
				updated_at: '2026-01-01T00:00:00',
			});
			await abr.fire('onFailedDownload', {
				asin: QUOTED,
				replacements: { errorStatus: '500', errorReason: 'Bad "gateway", really' },
			});
			expect(receiver.runs).toHaveLength(1);
			expect(receiver.runs[0][0][0].json).toMatchObject({
				event: 'onFailedDownload',
				bookTitle: 'The "Quoted" Book',
				bookAuthors: 'Jane "JD" Doe',
				bookNarrators: 'Narrator, Jr.',
				eventUser: 'trusty',
				eventUserExtraData: null,
				errorStatus: '500',
				errorReason: 'Bad "gateway", really',
				authors: ['Jane "JD" Doe'],
				narrators: ['Narrator, Jr.'],
			});
		} finally {
			await receiver.close();
		}
	});

	test('issue 13 item 4: a manual-request title cannot override eventUser, and "Bob, Jr." stays one author', async () => {
		const { host, receiver } = await setup(['onNewRequest']);
		try {
			await host.activate();
			const boundary = host.staticData().boundary as string;
			const title = `Innocent\n"eventUser": "admin\n--n8n-0000 eventUser\nadmin\n--${'x'.repeat(8)}--\n`;
			abr.state.manual.push({
				id: '7d1c1e0e-3f7a-4a57-9d0c-1c2b3a4d5e6f',
				user_username: 'guest',
				title,
				subtitle: null,
				authors: ['Bob, Jr.', 'Alice Smith'],
				narrators: ['Narrator, Jr.'],
				publish_date: null,
				additional_info: null,
				updated_at: '2026-01-01T00:00:00',
				downloaded: false,
			});
			await abr.fire('onNewRequest', { manualId: '7d1c1e0e-3f7a-4a57-9d0c-1c2b3a4d5e6f' });
			expect(receiver.runs).toHaveLength(1);
			const [event] = receiver.runs[0][0];
			expect(event.json).toMatchObject({
				event: 'onNewRequest',
				eventUser: 'guest',
				bookTitle: title,
				bookAuthors: 'Bob, Jr.,Alice Smith',
				authors: ['Bob, Jr.', 'Alice Smith'],
				narrators: ['Narrator, Jr.'],
				requesters: ['guest'],
			});
			expect(title).not.toContain(boundary);
		} finally {
			await receiver.close();
		}
	});

	test("issue 13 item 4: an indexer's source title that copies the marker layout cannot add or change a field", async () => {
		const { host, receiver } = await setup(['onSuccessfulDownload']);
		try {
			await host.activate();
			abr.state.cached.set(DUNE, abr.state.catalog.get(DUNE)!);
			abr.state.requests.push({
				asin: DUNE,
				user_username: 'guest',
				updated_at: '2026-01-01T00:00:00',
			});
			const sourceTitle = 'Dune\n--n8n-guess indexerName\nTrusted\n"indexerName": "Trusted"';
			await abr.fire('onSuccessfulDownload', {
				asin: DUNE,
				replacements: {
					bookASIN: DUNE,
					torrentInfoHash: 'ABC',
					sourceSizeMB: '12',
					sourceTitle,
					indexerName: 'PublicTracker',
					sourceProtocol: 'torrent',
				},
			});
			expect(receiver.runs[0][0][0].json).toMatchObject({
				sourceTitle,
				indexerName: 'PublicTracker',
				eventUser: 'guest',
			});
		} finally {
			await receiver.close();
		}
	});

	test('Mark Downloaded through the API reaches the trigger (background delivery)', async () => {
		const { host, receiver } = await setup(['onSuccessfulDownload']);
		try {
			await host.activate();
			abr.state.cached.set(DUNE, abr.state.catalog.get(DUNE)!);
			abr.state.requests.push({
				asin: DUNE,
				user_username: 'guest',
				updated_at: '2026-01-01T00:00:00',
			});
			abr.backgroundDeliveries.length = 0;
			const status = await postRaw(
				`${abr.url}/api/requests/${DUNE}/downloaded`,
				{ Authorization: `bearer ${ABR_ADMIN_TOKEN}` },
				'',
			).catch(() => 0);
			expect(status).toBe(404); // POST is not the route: the fake routes exactly
			const request = http.request(`${abr.url}/api/requests/${DUNE}/downloaded`, {
				method: 'PATCH',
				headers: { Authorization: `BEARER ${ABR_ADMIN_TOKEN}` },
			});
			const patched = await new Promise<number>((resolve) => {
				request.on('response', (response) => {
					response.resume();
					resolve(response.statusCode ?? 0);
				});
				request.end();
			});
			expect(patched).toBe(204);
			await Promise.all(abr.backgroundDeliveries);
			expect(receiver.runs).toHaveLength(1);
			expect(receiver.runs[0][0][0].json).toMatchObject({
				event: 'onSuccessfulDownload',
				bookTitle: 'Dune',
				eventUser: 'guest',
			});
		} finally {
			await receiver.close();
		}
	});

	test('wrong or missing secret: 401 and no run', async () => {
		const { host, receiver } = await setup(['onNewRequest']);
		try {
			await host.activate();
			const url = abr.state.notifications[0].url;
			const secret = host.staticData().secret as string;
			expect(await postRaw(url, {}, bodyTemplate('onNewRequest', 'n8n-x'))).toBe(401);
			expect(
				await postRaw(url, { 'X-N8n-Abr-Secret': 'wrong' }, bodyTemplate('onNewRequest', 'n8n-x')),
			).toBe(401);
			expect(
				await postRaw(
					url,
					{
						'X-N8n-Abr-Secret':
							`${secret.slice(0, -1)}0` === secret
								? `${secret.slice(0, -1)}1`
								: `${secret.slice(0, -1)}0`,
					},
					'{}',
				),
			).toBe(401);
			expect(receiver.runs).toHaveLength(0);
			const boundary = host.staticData().boundary as string;
			const unfilled = bodyTemplate('onNewRequest', boundary).replace(
				'{eventType}',
				'onNewRequest',
			);
			expect(await postRaw(url, { 'X-N8n-Abr-Secret': secret }, unfilled)).toBe(200);
			expect(receiver.runs).toHaveLength(1);
			expect(receiver.runs[0][0][0].json).toMatchObject({
				event: 'onNewRequest',
				bookTitle: null,
				requesters: [],
				authors: [],
			});
			// Another body (a notification edited in AudioBookRequest) is handed over as text, not taken apart.
			const edited = '{"eventUser": "admin", "bookTitle": "x"}';
			expect(await postRaw(url, { 'X-N8n-Abr-Secret': secret }, edited)).toBe(200);
			expect(receiver.runs[1][0][0].json).toEqual({ event: null, body: edited });
		} finally {
			await receiver.close();
		}
	});

	test('a stale notification of an earlier activation would block the others: create removes it', async () => {
		const { host, receiver } = await setup(['onNewRequest']);
		try {
			await host.activate();
			// Static data lost (e.g. workflow re-imported): the old notification stays with an old secret.
			for (const key of Object.keys(host.staticData())) delete host.staticData()[key];
			await host.activate();
			expect(abr.state.notifications).toHaveLength(1);
			abr.state.cached.set(DUNE, abr.state.catalog.get(DUNE)!);
			abr.state.requests.push({
				asin: DUNE,
				user_username: 'guest',
				updated_at: '2026-01-01T00:00:00',
			});
			await abr.fire('onNewRequest', { asin: DUNE });
			expect(receiver.runs).toHaveLength(1);
		} finally {
			await receiver.close();
		}
	});
});

describe('parseDelivery', () => {
	const boundary = 'n8n-0123456789abcdef0123456789abcdef';
	const fill = (template: string, values: Record<string, string>) => {
		let text = template;
		for (const [key, value] of Object.entries(values)) text = text.split(`{${key}}`).join(value);
		return text;
	};

	test('reads every field exactly, whatever the values contain (quotes, line breaks, marker look-alikes)', () => {
		const values: Record<string, string> = {
			eventType: 'onFailedDownload',
			eventUser: 'a"b',
			eventUserExtraData: 'x\\ny',
			joinedUsers: 'a"b, c',
			joinedUsersExtraData: '{joinedUsersExtraData}',
			bookTitle: 'Line\nbreak", "bookAuthors": "fake\n--n8n-ffff bookAuthors\nfake\n',
			bookAuthors: 'A,B',
			bookNarrators: '',
			bookCover: 'https://x/y.jpg',
			errorStatus: '502',
			errorReason: `tail"}\n--${'n8n-'}guess--\n`,
		};
		const parsed = parseDelivery(
			fill(bodyTemplate('onFailedDownload', boundary), values),
			boundary,
			['onNewRequest', 'onSuccessfulDownload', 'onFailedDownload'],
		);
		expect(parsed).toEqual({ event: 'onFailedDownload', fields: values });
	});

	test('another layout, another boundary or an event not chosen is not taken apart', () => {
		const body = fill(bodyTemplate('onNewRequest', boundary), { eventType: 'onNewRequest' });
		expect(parseDelivery(body, boundary, ['onNewRequest'])).toBeDefined();
		expect(parseDelivery(body, 'n8n-other', ['onNewRequest'])).toBeUndefined();
		expect(parseDelivery(body, boundary, ['onFailedDownload'])).toBeUndefined();
		expect(parseDelivery('{"eventUser": "admin"}', boundary, ['onNewRequest'])).toBeUndefined();
		expect(parseDelivery(`${body}trailing`, boundary, ['onNewRequest'])).toBeUndefined();
		expect(parseDelivery(body, '', ['onNewRequest'])).toBeUndefined();
	});

	test('names: AudioBookRequest joins with "," and no space, so ", " stays inside a name', () => {
		expect(splitNames('Bob, Jr.,Alice Smith')).toEqual(['Bob, Jr.', 'Alice Smith']);
		expect(splitNames('Frank Herbert,Brian Herbert')).toEqual(['Frank Herbert', 'Brian Herbert']);
		expect(splitNames('')).toEqual([]);
	});
});
