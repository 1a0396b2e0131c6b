/**
 * Queue mode through the driver: redis-server (Debian) + `n8n start` + one `n8n worker`, each worker with its
 * own copy (symlink) of the package. A webhook call is enqueued by main and run by the worker.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { INode } from 'n8n-workflow';
import {
	createLinkedUserFolder,
	ensureN8nHost,
	PACKAGE_NAME,
	REPO_ROOT,
	startQueueCluster,
	type QueueCluster,
	type UserFolder,
} from './lib/n8n.cjs';

let uf: UserFolder | undefined;
let cluster: QueueCluster | undefined;

beforeAll(async () => {
	ensureN8nHost();
	const redis = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', 'ensure-redis.sh')], {
		stdio: 'inherit',
	});
	if (redis.status !== 0) throw new Error('scripts/ensure-redis.sh failed');
	uf = createLinkedUserFolder();
	cluster = await startQueueCluster(uf, { workers: 1, env: { N8N_LOG_LEVEL: 'debug' } });
}, 20 * 60_000);

afterAll(async () => {
	await cluster?.stop();
	uf?.cleanup();
});

test('a webhook execution runs on the worker, which loaded the package', async () => {
	const { main, workers } = cluster!;
	expect(workers[0].logText()).toMatch(
		new RegExp(`Loaded all credentials and nodes from ${PACKAGE_NAME}\\b`),
	);
	const workflowId = await main.createAndActivateWorkflow({
		name: 'e2e queue: webhook -> code',
		nodes: [
			{
				id: 'q1',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '9b3f6c2a-1d4e-4f5a-8b6c-7d8e9f0a1b2c',
				parameters: { httpMethod: 'GET', path: 'e2e-queue', responseMode: 'lastNode' },
			},
			{
				id: 'q2',
				name: 'Code',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: { jsCode: 'return [{ json: { echo: $input.first().json.query.msg } }];' },
			},
		] as INode[],
		connections: { Webhook: { main: [[{ node: 'Code', type: 'main', index: 0 }]] } },
	});
	const response = await main.callWebhook('e2e-queue', { params: { msg: 'queued' } });
	expect(response.status).toBe(200);
	expect(response.data).toEqual({ echo: 'queued' });
	await main.waitForExecutions((list) => list.some((e) => e.status === 'success'), { workflowId });
	expect(workers[0].logText()).toMatch(/Worker finished execution \d+/);
});
