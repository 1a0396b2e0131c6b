import http from 'node:http';

import { AudioBookRequestTrigger } from '../../nodes/AudioBookRequest/AudioBookRequestTrigger.node';
import { bodyTemplate, parseDelivery } from '../../nodes/AudioBookRequest/notifications';
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
			expect(byEvent.onNewRequest).toContain('"bookTitle": "{bookTitle}"');
			expect(byEvent.onNewRequest).toContain('"joinedUsersExtraData": "{joinedUsersExtraData}"');
			expect(byEvent.onSuccessfulDownload).toContain('"torrentInfoHash": "{torrentInfoHash}"');
			expect(byEvent.onFailedDownload).toContain('"errorReason": "{errorReason}"');
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

	test('a non-admin key: activation fails with the 401 group hint and the key never shows', async () => {
		const { host, receiver } = await setup(['onNewRequest'], ABR_UNTRUSTED_TOKEN);
		try {
			const error = await host
				.hook('create')
				.catch((caught: Error & { description?: string }) => caught);
			expect((error as Error).message).toBe(
				'AudioBookRequest answered 401 Unauthorized: Authentication required',
			);
			expect((error as { description?: string }).description).toMatch(/group is too low/);
			expect(JSON.stringify(error)).not.toContain(ABR_UNTRUSTED_TOKEN);
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
				recoveredFromInvalidJson: true,
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
				recoveredFromInvalidJson: true,
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
			expect(await postRaw(url, {}, bodyTemplate('onNewRequest'))).toBe(401);
			expect(
				await postRaw(url, { 'X-N8n-Abr-Secret': 'wrong' }, bodyTemplate('onNewRequest')),
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
			expect(await postRaw(url, { 'X-N8n-Abr-Secret': secret }, bodyTemplate('onNewRequest'))).toBe(
				200,
			);
			expect(receiver.runs).toHaveLength(1);
			expect(receiver.runs[0][0][0].json).toMatchObject({
				event: null,
				bookTitle: null,
				requesters: [],
			});
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
	test('recovers every field of a filled template even with quotes, commas, backslashes and line breaks', () => {
		const template = bodyTemplate('onFailedDownload');
		const values: Record<string, string> = {
			eventType: 'onFailedDownload',
			eventUser: 'a"b',
			eventUserExtraData: 'x\\ny',
			joinedUsers: 'a"b, c',
			joinedUsersExtraData: '{joinedUsersExtraData}',
			bookTitle: 'Line\nbreak", "bookAuthors": "fake',
			bookAuthors: 'A,B',
			bookNarrators: '',
			bookCover: 'https://x/y.jpg',
			errorStatus: '502',
			errorReason: 'tail"}',
		};
		let text = template;
		for (const [key, value] of Object.entries(values)) text = text.split(`{${key}}`).join(value);
		const { fields, recovered } = parseDelivery(text);
		expect(recovered).toBe(true);
		expect(fields).toEqual(values);
	});

	test('falls back to JSON for other bodies and to the raw text otherwise', () => {
		expect(parseDelivery('{"a": "b"}')).toEqual({ fields: { a: 'b' }, recovered: false });
		expect(parseDelivery('Dune downloaded for admin')).toEqual({
			fields: { body: 'Dune downloaded for admin' },
			recovered: false,
		});
		expect(parseDelivery({ bookTitle: 'x' })).toEqual({
			fields: { bookTitle: 'x' },
			recovered: false,
		});
	});
});
