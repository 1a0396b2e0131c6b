/**
 * The all-in-one package and a single-service package in one n8n (README "Moving between the all-in-one and a
 * single-service package"): credential type names are global in n8n, node type names carry the package name.
 * - Both installed: every node of both loads; ONE saved Speakr credential serves a workflow with the all-in-one's
 *   Speakr node and a workflow with n8n-nodes-speakr's node, and its Test passes.
 * - The all-in-one removed (same database): the credential and the n8n-nodes-speakr workflow keep working; the
 *   workflow still naming `n8n-nodes-selfhosted-apps.speakr` cannot run until its node type is changed to
 *   `n8n-nodes-speakr.speakr` (the documented migration), then it runs with its unchanged parameters and credential.
 * Needs `npm run build`; builds the packages when missing.
 */
import fs from 'node:fs';
import path from 'node:path';

import { SPEAKR_TOKEN, startFakeSpeakr, type FakeSpeakr } from '../fakes/speakr.cjs';
import {
	createTarballUserFolder,
	ensureN8nHost,
	N8nServer,
	nodeOutputJson,
	progress,
	type UserFolder,
	type WorkflowJson,
} from './lib/n8n.cjs';
import { packageTarball, speakrRecordingsWorkflow } from './lib/packages.cjs';
import { createCredential, runManually } from './lib/services.cjs';

const ALL_IN_ONE = 'n8n-nodes-selfhosted-apps';
const SINGLE = 'n8n-nodes-speakr';

let speakr: FakeSpeakr;
let uf: UserFolder;
let server: N8nServer;
let credentialId: string;
const workflows: Record<string, string> = {};

async function recordingsOf(workflowId: string): Promise<number> {
	const run = await runManually(server, workflowId, 'Start');
	expect(run.status).toBe('success');
	return nodeOutputJson(run, 'Recordings').length;
}

beforeAll(async () => {
	ensureN8nHost();
	speakr = await startFakeSpeakr({ recordings: 3 });
	uf = createTarballUserFolder([packageTarball(ALL_IN_ONE), packageTarball(SINGLE)]);
	server = await N8nServer.start(uf, { name: 'n8n-both-packages' });
	await server.login();
}, 20 * 60_000);

afterAll(async () => {
	await server?.stop();
	await speakr?.close();
	uf?.cleanup();
});

test('both installed: the nodes of both packages load, the credential type is defined once', async () => {
	const types = (await server.nodeTypes()).map((t) => t.name);
	for (const name of [`${ALL_IN_ONE}.speakr`, `${ALL_IN_ONE}.autoPi`, `${SINGLE}.speakr`])
		expect(types).toContain(name);
	const credentials = (await server.credentialTypes()).filter((t) => t.name === 'speakrApi');
	progress(`both installed: ${credentials.length} speakrApi entries in /types/credentials.json`);
	expect(credentials.length).toBeGreaterThanOrEqual(1);
	expect(server.logText()).not.toMatch(/already (registered|loaded)/);
});

test('one saved credential serves the nodes of both packages, and its Test passes', async () => {
	credentialId = await createCredential(server, 'speakrApi', 'Speakr account', {
		baseUrl: speakr.url,
		apiToken: SPEAKR_TOKEN,
		authScheme: 'bearer',
	});
	expect(await server.testSavedCredential(credentialId)).toMatchObject({ status: 'OK' });
	for (const pkg of [ALL_IN_ONE, SINGLE]) {
		workflows[pkg] = (
			await server.createWorkflow(
				speakrRecordingsWorkflow(pkg, { id: credentialId, name: 'Speakr account' }),
			)
		).id;
		expect(await recordingsOf(workflows[pkg])).toBe(3);
	}
});

test('after removing the all-in-one: credential and single-package workflow keep working; the old workflow runs once its node type is changed', async () => {
	await server.stop();
	fs.rmSync(path.join(uf.dir, '.n8n', 'nodes', 'node_modules', ALL_IN_ONE), {
		recursive: true,
		force: true,
	});
	server = await N8nServer.start(uf, { name: 'n8n-both-packages-after' });
	await server.login();

	const types = (await server.nodeTypes()).map((t) => t.name);
	expect(types.filter((t) => t.startsWith(`${ALL_IN_ONE}.`))).toEqual([]);
	expect(await server.testSavedCredential(credentialId)).toMatchObject({ status: 'OK' });
	expect(await recordingsOf(workflows[SINGLE])).toBe(3);

	// The old workflow names a node type nobody provides any more: it cannot run.
	const stale = await runManually(server, workflows[ALL_IN_ONE], 'Start').then(
		(run) => run.status,
		(error: Error) => `refused: ${error.message.slice(0, 120)}`,
	);
	progress(`workflow with the uninstalled package's node: ${stale}`);
	expect(stale).not.toBe('success');

	// The migration: same node, new package prefix; parameters and credential unchanged.
	const stored = await server.rest<WorkflowJson & { versionId: string }>(
		'GET',
		`/rest/workflows/${workflows[ALL_IN_ONE]}`,
	);
	const nodes = stored.nodes.map((node) => ({
		...node,
		type: node.type.replace(`${ALL_IN_ONE}.`, `${SINGLE}.`),
	}));
	await server.rest('PATCH', `/rest/workflows/${workflows[ALL_IN_ONE]}`, {
		nodes,
		versionId: stored.versionId,
	});
	expect(await recordingsOf(workflows[ALL_IN_ONE])).toBe(3);
}, 300_000);
