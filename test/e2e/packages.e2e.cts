/**
 * Each single-service package (`npm run packages`, build/tarballs/) installed ALONE into a real n8n, the way n8n's
 * installer puts a tarball into `~/.n8n/nodes/node_modules` — no other package of ours present:
 * - n8n loads exactly the package's nodes (plus the AI-tool variant of the action node) and its credential;
 * - the credential's Test passes with a good token and fails with a bad one;
 * - one Return All list runs against the fake server;
 * - one trigger of each kind runs: a polling trigger (Audiobookshelf, polled once from the editor) and a webhook
 *   trigger (Speakr: activation registers the webhook, a signed delivery runs the workflow).
 * This is also the core subset run on n8n 1.123 (`N8N_E2E_HOST=test/e2e/host-1.123`, see scripts/test-all.sh).
 * Needs `npm run build` and `npm run packages` first (the suite builds the packages when build/tarballs is empty).
 */
import fs from 'node:fs';
import path from 'node:path';

import { ABR_ADMIN_TOKEN, startFakeAudioBookRequest } from '../fakes/audiobookrequest.cjs';
import {
	ABS_TOKEN,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../fakes/audiobookshelf.cjs';
import { AUTOPI_TOKEN, startFakeAutoPi } from '../fakes/autopi.cjs';
import type { FakeServer } from '../fakes/base.cjs';
import { SPEAKR_TOKEN, startFakeSpeakr, type FakeSpeakr } from '../fakes/speakr.cjs';
import {
	createTarballUserFolder,
	ensureN8nHost,
	hostN8nVersion,
	N8nServer,
	nodeOutputJson,
	progress,
	type UserFolder,
	type WorkflowJson,
} from './lib/n8n.cjs';
import { packageTarball } from './lib/packages.cjs';
import { createCredential, runManually, waitFor } from './lib/services.cjs';

interface Case {
	name: string;
	credentialType: string;
	start: () => Promise<FakeServer>;
	good: (url: string) => Record<string, unknown>;
	bad: (url: string) => Record<string, unknown>;
	/** A Return All list: node type suffix and its parameters. */
	list: { node: string; parameters: Record<string, unknown> };
	trigger?: 'polling' | 'webhook';
}

const cases: Case[] = [
	{
		name: 'n8n-nodes-speakr',
		credentialType: 'speakrApi',
		start: async () => {
			const speakr = await startFakeSpeakr({ recordings: 3 });
			// Speakr calls only public addresses unless its admin allows the n8n host (WEBHOOK_INTRANET_HOST_ALLOWLIST).
			speakr.state.intranetAllowlist = /^127\.0\.0\.1$/;
			return speakr;
		},
		good: (baseUrl) => ({ baseUrl, apiToken: SPEAKR_TOKEN, authScheme: 'bearer' }),
		bad: (baseUrl) => ({ baseUrl, apiToken: 'spk_bad_pkg_e2e_Vq3', authScheme: 'bearer' }),
		list: {
			node: 'speakr',
			parameters: { resource: 'recording', operation: 'getAll', returnAll: true },
		},
		trigger: 'webhook',
	},
	{
		name: 'n8n-nodes-audiobookshelf',
		credentialType: 'audiobookshelfApi',
		start: startFakeAudiobookshelf,
		good: (baseUrl) => ({ baseUrl, apiToken: ABS_TOKEN, authScheme: 'bearer' }),
		bad: (baseUrl) => ({ baseUrl, apiToken: 'abs-bad-pkg-e2e-Zk2', authScheme: 'bearer' }),
		list: {
			node: 'audiobookshelf',
			parameters: { resource: 'library', operation: 'getAll', returnAll: true },
		},
		trigger: 'polling',
	},
	{
		name: 'n8n-nodes-audiobookrequest',
		credentialType: 'audioBookRequestApi',
		start: startFakeAudioBookRequest,
		good: (baseUrl) => ({ baseUrl, apiToken: ABR_ADMIN_TOKEN }),
		bad: (baseUrl) => ({ baseUrl, apiToken: 'abr-bad-pkg-e2e-Wc7' }),
		list: {
			node: 'audioBookRequest',
			parameters: { resource: 'user', operation: 'getAll', returnAll: true },
		},
	},
	{
		name: 'n8n-nodes-autopi',
		credentialType: 'autoPiApi',
		start: startFakeAutoPi,
		good: (baseUrl) => ({ baseUrl, authType: 'apiToken', apiToken: AUTOPI_TOKEN }),
		bad: (baseUrl) => ({ baseUrl, authType: 'apiToken', apiToken: 'apt_bad_pkg_e2e_Lm4' }),
		list: {
			node: 'autoPi',
			parameters: { resource: 'device', operation: 'getAll', returnAll: true },
		},
	},
];

/** A busy machine sometimes drops the socket of a large /types answer; ask again once. */
async function retried<T>(fetch: () => Promise<T>): Promise<T> {
	try {
		return await fetch();
	} catch (error) {
		progress(`retrying after: ${(error as Error).message.slice(0, 80)}`);
		return await fetch();
	}
}

const manual = {
	parameters: {},
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0] as [number, number],
};

beforeAll(() => {
	ensureN8nHost();
	progress(`packages alone on n8n ${hostN8nVersion()}`);
}, 20 * 60_000);

describe.each(cases)('$name installed alone', (c) => {
	let uf: UserFolder;
	let server: N8nServer;
	let fake: FakeServer;
	let credentialId: string;
	const pkg = () =>
		JSON.parse(fs.readFileSync(path.join(uf.packageDir, 'package.json'), 'utf8')) as {
			n8n: { nodes: string[]; credentials: string[] };
		};

	beforeAll(async () => {
		fake = await c.start();
		uf = createTarballUserFolder(packageTarball(c.name));
		server = await N8nServer.start(uf, { name: `n8n-${c.name}` });
		await server.login();
	}, 5 * 60_000);

	afterAll(async () => {
		await server?.stop();
		await fake?.close();
		uf?.cleanup();
	});

	test('n8n loads exactly its nodes and its credential', async () => {
		const ours = (await retried(async () => await server.nodeTypes()))
			.map((t) => t.name)
			.filter((name) => name.startsWith('n8n-nodes-') && !name.startsWith('n8n-nodes-base.'));
		const expected = pkg().n8n.nodes.map((file) => {
			const base = path.basename(file).split('.')[0];
			return `${c.name}.${base.charAt(0).toLowerCase()}${base.slice(1)}`;
		});
		const action = expected.find((name) => !name.endsWith('Trigger'));
		expect([...new Set(ours)].sort()).toEqual([...expected, `${action}Tool`].sort());
		const credentials = (await retried(async () => await server.credentialTypes())).map(
			(t) => t.name,
		);
		expect(credentials).toContain(c.credentialType);
		for (const other of cases.filter((o) => o !== c))
			expect(credentials).not.toContain(other.credentialType);
	});

	test('credential Test: a good token passes, a bad one fails', async () => {
		expect(await server.testCredential(c.credentialType, c.good(fake.url))).toMatchObject({
			status: 'OK',
		});
		const bad = await server.testCredential(c.credentialType, c.bad(fake.url));
		expect(bad.status).toBe('Error');
		progress(`${c.name} bad token → ${bad.message.slice(0, 100)}`);
	});

	test('a Return All list runs', async () => {
		credentialId = await createCredential(
			server,
			c.credentialType,
			`${c.name} account`,
			c.good(fake.url),
		);
		const workflow: WorkflowJson = {
			name: `${c.name} list`,
			nodes: [
				manual,
				{
					parameters: c.list.parameters,
					name: 'List',
					type: `${c.name}.${c.list.node}`,
					typeVersion: 1,
					position: [220, 0],
					credentials: { [c.credentialType]: { id: credentialId, name: `${c.name} account` } },
				},
			],
			connections: { Start: { main: [[{ node: 'List', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
		} as unknown as WorkflowJson;
		const { id } = await server.createWorkflow(workflow);
		const run = await runManually(server, id, 'Start');
		expect(run.status).toBe('success');
		const items = nodeOutputJson(run, 'List');
		progress(`${c.name}: Return All → ${items.length} items`);
		expect(items.length).toBeGreaterThan(0);
	});

	if (c.trigger === 'polling')
		test('the polling trigger polls (one run from the editor)', async () => {
			const abs = fake as FakeAudiobookshelf;
			abs.resetStats();
			const workflow = {
				name: `${c.name} trigger`,
				nodes: [
					{
						parameters: {
							pollTimes: { item: [{ mode: 'everyMinute' }] },
							event: 'newItem',
							libraryScope: 'all',
							simplify: true,
						},
						name: 'New Item',
						type: `${c.name}.audiobookshelfTrigger`,
						typeVersion: 1,
						position: [0, 0],
						credentials: { [c.credentialType]: { id: credentialId, name: `${c.name} account` } },
					},
				],
				connections: {},
				settings: { executionOrder: 'v1' },
			} as unknown as WorkflowJson;
			const { id } = await server.createWorkflow(workflow);
			const run = await runManually(server, id, 'New Item');
			expect(run.status).toBe('success');
			expect(nodeOutputJson(run, 'New Item').length).toBeGreaterThan(0);
			expect(abs.stats.log.length).toBeGreaterThan(0);
		});

	if (c.trigger === 'webhook')
		test('the webhook trigger: activation registers it, a signed delivery runs the workflow', async () => {
			const speakr = fake as FakeSpeakr;
			const workflow = {
				name: `${c.name} trigger`,
				nodes: [
					{
						parameters: { events: ['recording.transcription.completed'], includeContent: false },
						name: 'Speakr Trigger',
						type: `${c.name}.speakrTrigger`,
						typeVersion: 1,
						position: [0, 0],
						webhookId: '3c1f2a00-5e6d-4b7a-9c8d-0000000000bb',
						credentials: { [c.credentialType]: { id: credentialId, name: `${c.name} account` } },
					},
				],
				connections: {},
				settings: { executionOrder: 'v1' },
			} as unknown as WorkflowJson;
			const workflowId = await server.createAndActivateWorkflow(workflow);
			await waitFor(() => speakr.state.webhooks.length === 1, 'the trigger registered its webhook');
			await waitFor(
				async () =>
					JSON.stringify(
						(await server.rest<{ staticData?: unknown }>('GET', `/rest/workflows/${workflowId}`))
							.staticData ?? {},
					).includes('secret'),
				'the activation stored the signing secret',
			);
			const delivery = await speakr.deliver(
				speakr.state.webhooks[0].id,
				'recording.transcription.completed',
				{ recording_id: 7, title: 'Meeting 7' },
			);
			expect(delivery.status).toBe(200);
			const executions = await server.waitForExecutions(
				(list) => list.some((e) => e.status === 'success'),
				{ workflowId },
			);
			expect(executions).toHaveLength(1);
			await server.rest('POST', `/rest/workflows/${workflowId}/deactivate`);
			await waitFor(() => speakr.state.webhooks.length === 0, 'deactivation deleted the webhook');
		});
});
