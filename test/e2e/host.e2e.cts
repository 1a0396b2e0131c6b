/**
 * Smoke test of the real-n8n driver (test/e2e/lib/n8n.cts): n8n 2.41.1 on Node 24 loads this package from the
 * symlink and from the `npm pack` tarball, runs a workflow headless (Code node = task runner on Node 24), serves
 * the REST API with the env-provisioned owner, tests credentials and runs an activated webhook workflow.
 * Needs `npm run build` first (the package is loaded from dist/).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { INode } from 'n8n-workflow';
import {
	createLinkedUserFolder,
	createTarballUserFolder,
	ensureN8nHost,
	executeWorkflow,
	exportNodeTypes,
	importWorkflows,
	N8nServer,
	nodeOutputJson,
	PACKAGE_NAME,
	progress,
	readRepoPackageJson,
	REPO_ROOT,
	type UserFolder,
	type WorkflowJson,
} from './lib/n8n.cjs';

const pkg = readRepoPackageJson();
const nodeFiles = pkg.n8n?.nodes ?? [];
const credentialFiles = pkg.n8n?.credentials ?? [];

/** `description.name` of each built node / `name` of each built credential, read from dist/. */
function builtTypeNames(files: string[], kind: 'node' | 'credentials'): string[] {
	return files.map((file) => {
		const className = path
			.basename(file)
			.replace(kind === 'node' ? /\.node\.js$/ : /\.credentials\.js$/, '');
		const Class = (require(path.join(REPO_ROOT, file)) as Record<string, new () => unknown>)[
			className
		];
		const instance = new Class() as { description?: { name: string }; name?: string };
		return kind === 'node' ? instance.description!.name : instance.name!;
	});
}

/** Credential data that points a built credential type at `baseUrl` with `token` (found by property shape). */
function credentialDataFor(
	file: string,
	baseUrl: string,
	token: string,
): { type: string; data: Record<string, unknown> } {
	const className = path.basename(file).replace(/\.credentials\.js$/, '');
	const Class = (require(path.join(REPO_ROOT, file)) as Record<string, new () => unknown>)[
		className
	];
	const cred = new Class() as {
		name: string;
		properties: Array<{
			name: string;
			type: string;
			default?: unknown;
			typeOptions?: { password?: boolean };
		}>;
	};
	const data: Record<string, unknown> = {};
	for (const p of cred.properties) if (p.default !== undefined) data[p.name] = p.default;
	const urlProp = cred.properties.find((p) => p.type === 'string' && /url|host/i.test(p.name));
	const secretProp = cred.properties.find((p) => p.typeOptions?.password);
	if (urlProp) data[urlProp.name] = baseUrl;
	if (secretProp) data[secretProp.name] = token;
	return { type: cred.name, data };
}

const manualCodeWorkflow: WorkflowJson = {
	id: 'e2eSmokeManual000001',
	name: 'e2e smoke: manual -> code',
	nodes: [
		{
			id: 'a1',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'a2',
			name: 'Code',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, 0],
			parameters: { jsCode: 'return [{ json: { sum: 1 + 1, runner: typeof require } }];' },
		},
	] as INode[],
	connections: { Start: { main: [[{ node: 'Code', type: 'main', index: 0 }]] } },
};

function webhookWorkflow(webhookPath: string): WorkflowJson {
	return {
		name: `e2e smoke: webhook ${webhookPath}`,
		nodes: [
			{
				id: 'w1',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '3f0d2c1e-6a53-4b8e-9a53-2b1c0e5d7a10',
				parameters: { httpMethod: 'GET', path: webhookPath, responseMode: 'lastNode' },
			},
			{
				id: 'w2',
				name: 'Code',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: { jsCode: 'return [{ json: { echo: $input.first().json.query.msg } }];' },
			},
		] as INode[],
		connections: { Webhook: { main: [[{ node: 'Code', type: 'main', index: 0 }]] } },
	};
}

beforeAll(() => {
	ensureN8nHost();
	const missing = [...nodeFiles, ...credentialFiles].filter(
		(f) => !fs.existsSync(path.join(REPO_ROOT, f)),
	);
	if (missing.length) throw new Error(`not built (run npm run build): ${missing.join(', ')}`);
}, 20 * 60_000);

describe('n8n with the package symlinked into <uf>/.n8n/nodes/node_modules', () => {
	let uf: UserFolder;
	let server: N8nServer | undefined;

	beforeAll(() => {
		uf = createLinkedUserFolder();
	});

	afterAll(async () => {
		await server?.stop();
		uf?.cleanup();
	});

	test('export:nodes lists every node of package.json#n8n.nodes', async () => {
		const types = (await exportNodeTypes(uf)).map((t) => t.name);
		const expected = builtTypeNames(nodeFiles, 'node').map((n) => `${PACKAGE_NAME}.${n}`);
		expect(types).toEqual(expect.arrayContaining(expected));
		expect(types.filter((t) => t.startsWith(`${PACKAGE_NAME}.`)).length).toBeGreaterThanOrEqual(
			expected.length,
		);
	});

	test('execute --id runs Manual Trigger -> Code (task runner on Node 24)', async () => {
		await importWorkflows(uf, [manualCodeWorkflow]);
		const result = await executeWorkflow(uf, manualCodeWorkflow.id!);
		progress(`execute --id took ${(result.durationMs / 1000).toFixed(1)} s`);
		expect(result.ok).toBe(true);
		expect(nodeOutputJson(result.run, 'Code')).toEqual([{ sum: 2, runner: 'function' }]);
	});

	test('n8n start: owner login, /types lists our nodes and credentials', async () => {
		server = await N8nServer.start(uf, { env: { N8N_LOG_LEVEL: 'debug' } });
		await server.login();
		const nodeTypes = (await server.nodeTypes()).map((t) => t.name);
		for (const n of builtTypeNames(nodeFiles, 'node'))
			expect(nodeTypes).toContain(`${PACKAGE_NAME}.${n}`);
		const credTypes = (await server.credentialTypes()).map((t) => t.name);
		for (const c of builtTypeNames(credentialFiles, 'credentials')) expect(credTypes).toContain(c);
		expect(server.logText()).toMatch(
			new RegExp(`Loaded all credentials and nodes from ${PACKAGE_NAME}\\b`),
		);
	});

	test('credential test endpoint: authenticate() reaches the server; nothing listening gives Error', async () => {
		if (!server) throw new Error('server did not start');
		if (credentialFiles.length === 0) return;
		const seen: string[] = [];
		const fake = http.createServer((req, res) => {
			seen.push(`${req.url} ${JSON.stringify(req.headers)}`);
			res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
		});
		await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
		const baseUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
		const { type, data } = credentialDataFor(credentialFiles[0], baseUrl, 'smoke-token-123');
		try {
			const result = await server.testCredential(type, data);
			expect(['OK', 'Error']).toContain(result.status);
			expect(seen.join('\n')).toContain('smoke-token-123');
		} finally {
			fake.closeAllConnections();
			await new Promise<void>((resolve) => fake.close(() => resolve()));
		}
		const refused = await server.testCredential(type, data);
		expect(refused.status).toBe('Error');
	});

	test('a workflow created and activated at runtime answers its webhook; the execution is listed', async () => {
		if (!server) throw new Error('server did not start');
		const workflowId = await server.createAndActivateWorkflow(webhookWorkflow('e2e-smoke'));
		const response = await server.callWebhook('e2e-smoke', { params: { msg: 'hi' } });
		expect(response.status).toBe(200);
		expect(response.data).toEqual({ echo: 'hi' });
		const executions = await server.waitForExecutions(
			(list) => list.some((e) => e.status === 'success'),
			{
				workflowId,
			},
		);
		expect(executions[0]).toMatchObject({ workflowId, status: 'success', mode: 'webhook' });
	});
});

describe('n8n with the npm pack tarball installed like the UI installer does', () => {
	let uf: UserFolder;

	afterAll(() => uf?.cleanup());

	test('the tarball ships every file package.json#n8n points at, and n8n loads it', async () => {
		uf = createTarballUserFolder();
		for (const f of [...nodeFiles, ...credentialFiles])
			expect(fs.existsSync(path.join(uf.packageDir, f))).toBe(true);
		expect(fs.lstatSync(uf.packageDir).isSymbolicLink()).toBe(false);
		const types = (await exportNodeTypes(uf)).map((t) => t.name);
		for (const n of builtTypeNames(nodeFiles, 'node'))
			expect(types).toContain(`${PACKAGE_NAME}.${n}`);
	});
});
