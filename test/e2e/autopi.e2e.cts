/**
 * AutoPi's triggers in a real n8n 2.41.1, against the fake AutoPi on loopback:
 * - Device → Execute Command with the Production URL of an active AutoPi Command Result Trigger as Callback URL:
 *   the fake POSTs the signed result (as AutoPi does) to n8n's webhook server, which starts one execution with the
 *   result; a forged callback is answered 401 and starts nothing;
 * - the AutoPi Trigger (Trip Finished) activated: a trip that finishes after the trigger's first scheduled poll
 *   starts exactly one execution; the next poll starts none.
 * Needs `npm run build` first.
 */
import fs from 'node:fs';
import path from 'node:path';

import { AUTOPI_TOKEN, startFakeAutoPi, type FakeAutoPi } from '../fakes/autopi.cjs';
import {
	createLinkedUserFolder,
	ensureN8nHost,
	N8nServer,
	nodeOutputJson,
	PACKAGE_NAME,
	progress,
	REPO_ROOT,
	type UserFolder,
	type WorkflowJson,
} from './lib/n8n.cjs';
import { createCredential, executionRun, runManually, sleep, waitFor } from './lib/services.cjs';

const COMMAND_WEBHOOK_ID = 'e2e0a0a1-0000-4000-8000-00000000c0de';

let autopi: FakeAutoPi;
let uf: UserFolder;
let server: N8nServer;
let credentials: { autoPiApi: { id: string; name: string } };

const node = (
	name: string,
	type: string,
	parameters: Record<string, unknown>,
	x: number,
	extra: Record<string, unknown> = {},
) => ({
	parameters,
	id: `e2e0a0b0-0000-4000-8000-${String(x).padStart(12, '0')}`,
	name,
	type,
	typeVersion: 1,
	position: [x, 0] as [number, number],
	...extra,
});

const chain = (name: string, nodes: Array<ReturnType<typeof node>>): WorkflowJson =>
	({
		name,
		nodes,
		connections: Object.fromEntries(
			nodes
				.slice(0, -1)
				.map((from, index) => [
					from.name,
					{ main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] },
				]),
		),
		settings: { executionOrder: 'v1' },
	}) as unknown as WorkflowJson;

beforeAll(async () => {
	ensureN8nHost();
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'nodes', 'AutoPi', 'AutoPiTrigger.node.js')))
		throw new Error('not built (run npm run build)');
	autopi = await startFakeAutoPi({ devices: 2, tripsPerDevice: 2 });
	uf = createLinkedUserFolder();
	server = await N8nServer.start(uf, { name: 'n8n-autopi' });
	const name = 'AutoPi account';
	const id = await createCredential(server, 'autoPiApi', name, {
		baseUrl: autopi.url,
		authType: 'apiToken',
		apiToken: AUTOPI_TOKEN,
	});
	credentials = { autoPiApi: { id, name } };
}, 20 * 60_000);

afterAll(async () => {
	await server?.stop();
	await autopi?.close();
	uf?.cleanup();
});

test('Execute Command → the signed callback starts the Command Result Trigger workflow once; a forged one is refused', async () => {
	const resultFlow = chain('e2e: AutoPi command result', [
		node(
			'Command Result',
			`${PACKAGE_NAME}.autoPiCommandTrigger`,
			{ includeTimeouts: true, commands: '' },
			0,
			{ webhookId: COMMAND_WEBHOOK_ID, credentials },
		),
		node('Received', 'n8n-nodes-base.noOp', {}, 220),
	]);
	const resultWorkflowId = await server.createAndActivateWorkflow(resultFlow);
	const callbackUrl = `${server.baseUrl}/webhook/${COMMAND_WEBHOOK_ID}/command-result`;

	const sendFlow = chain('e2e: AutoPi execute command', [
		node('Start', 'n8n-nodes-base.manualTrigger', {}, 0),
		node(
			'Execute',
			`${PACKAGE_NAME}.autoPi`,
			{
				resource: 'device',
				operation: 'executeCommand',
				deviceId: { __rl: true, mode: 'id', value: autopi.state.devices[0].id },
				command: 'obd.query',
				arg: '["speed"]',
				kwarg: '{}',
				options: { callbackUrl },
			},
			220,
			{ credentials },
		),
	]);
	const run = await runManually(server, (await server.createWorkflow(sendFlow)).id, 'Start');
	expect(run.status).toBe('success');
	const [sent] = nodeOutputJson(run, 'Execute');
	expect(sent).toMatchObject({ jid: autopi.state.commands[0].jid, callback_url: callbackUrl });

	// n8n registers production webhooks shortly after activation: retry while it answers 404.
	let delivery = await autopi.sendCallback(0, 'COMMAND_EXECUTED', { returnValue: { value: 57 } });
	await waitFor(
		async () => {
			if (delivery.status !== 404) return true;
			await sleep(500);
			delivery = await autopi.sendCallback(0, 'COMMAND_EXECUTED', { returnValue: { value: 57 } });
			return false;
		},
		'the Command Result Trigger webhook was registered',
		60_000,
	);
	expect(delivery.status).toBe(200);
	const executions = await server.waitForExecutions(
		(list) => list.length === 1 && list[0].status === 'success',
		{ workflowId: resultWorkflowId },
		60_000,
	);
	const received = nodeOutputJson(await executionRun(server, executions[0].id), 'Received');
	expect(received).toEqual([
		expect.objectContaining({
			jid: sent.jid,
			state: 'COMMAND_EXECUTED',
			command: 'obd.query',
			return: { value: 57 },
			device_id: autopi.state.devices[0].id,
		}),
	]);

	const forged = await autopi.sendCallback(0, 'COMMAND_EXECUTED', { signWith: 'stolen-jid-only' });
	expect(forged.status).toBe(401);
	await sleep(1_500);
	expect(await server.listExecutions({ workflowId: resultWorkflowId })).toHaveLength(1);
	await server.rest('POST', `/rest/workflows/${resultWorkflowId}/deactivate`);
});

test('AutoPi Trigger (Trip Finished), activated: a trip finished after the first scheduled poll runs the workflow once', async () => {
	const now = new Date();
	const second = (ahead: number) => (now.getSeconds() + ahead) % 60;
	const cron = [15, 30, 45].map((ahead) => ({
		mode: 'custom',
		cronExpression: `${second(ahead)} * * * * *`,
	}));
	const flow = chain('e2e: AutoPi trip finished', [
		node(
			'Trip Finished',
			`${PACKAGE_NAME}.autoPiTrigger`,
			{ pollTimes: { item: cron }, event: 'tripFinished', lateWindowHours: 12, simplify: true },
			0,
			{ credentials },
		),
		node('Received', 'n8n-nodes-base.noOp', {}, 220),
	]);
	autopi.resetStats();
	const tripReads = () => autopi.stats.log.filter((e) => e.path === '/logbook/v2/trips/').length;
	const workflowId = await server.createAndActivateWorkflow(flow);
	// The activation poll, then the first scheduled one: after both, the cursor stands in any n8n version.
	await waitFor(
		() => tripReads() >= 2,
		'the activation poll and the first scheduled poll',
		150_000,
	);
	expect(await server.listExecutions({ workflowId })).toHaveLength(0);
	const start = new Date(Date.now() - 30 * 60_000);
	const trip = {
		...autopi.state.trips[0],
		id: '7f000000-0000-4000-8000-0000000e2e01',
		start_time_utc: start.toISOString(),
		end_time_utc: new Date().toISOString(),
	};
	autopi.state.trips.unshift(trip);
	const added = Date.now();
	const executions = await server.waitForExecutions(
		(list) => list.length > 0 && list.every((e) => e.status !== 'running' && e.status !== 'new'),
		{ workflowId },
		150_000,
	);
	progress(`trip finished → execution after ${Date.now() - added} ms`);
	expect(executions).toHaveLength(1);
	expect(executions[0]).toMatchObject({ mode: 'trigger', status: 'success' });
	const received = nodeOutputJson(await executionRun(server, executions[0].id), 'Received');
	expect(received).toEqual([expect.objectContaining({ id: trip.id, in_progress: false })]);
	const reads = tripReads();
	await waitFor(() => tripReads() > reads, 'the next poll read the trips', 150_000);
	await sleep(2_000);
	expect(await server.listExecutions({ workflowId })).toHaveLength(1);
	await server.rest('POST', `/rest/workflows/${workflowId}/deactivate`);
});
