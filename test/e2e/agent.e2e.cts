/**
 * Our nodes as AI tools in a real n8n 2.41.1:
 * - an AI Agent whose OpenAI chat model points at a scripted OpenAI-compatible server on loopback (it answers with
 *   predetermined tool calls) calls the Speakr and Audiobookshelf tools with `$fromAI` parameters, gets their results
 *   back, and the run succeeds;
 * - n8n's MCP Server Trigger exposes read-only Speakr and Audiobookshelf tools; an MCP client (the MCP SDK n8n itself
 *   ships) lists them over the trigger's streamable-HTTP endpoint and calls one.
 * Needs `npm run build` first.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

import {
	ABS_TOKEN,
	BOOK_LIBRARY_ID,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../fakes/audiobookshelf.cjs';
import { SPEAKR_TOKEN, startFakeSpeakr, type FakeSpeakr } from '../fakes/speakr.cjs';
import {
	createLinkedUserFolder,
	ensureN8nHost,
	HOST_DIR,
	N8nServer,
	nodeOutputJson,
	PACKAGE_NAME,
	progress,
	type UserFolder,
	type WorkflowJson,
} from './lib/n8n.cjs';
import { startScriptedLlm, type ScriptedLlm } from './lib/scripted-llm.cjs';
import { createCredential, runManually, waitFor } from './lib/services.cjs';

let speakr: FakeSpeakr;
let abs: FakeAudiobookshelf;
let llm: ScriptedLlm;
let uf: UserFolder;
let server: N8nServer;
const credentials: Record<string, { id: string; name: string }> = {};

const tools = () => [
	{
		parameters: {
			resource: 'recording',
			operation: 'getAll',
			returnAll: false,
			limit: "={{ $fromAI('limit', 'How many recordings to return, newest first', 'number') }}",
			simplify: true,
		},
		id: 'e2e0a9e0-0000-4000-8000-000000000003',
		name: 'Speakr Recordings',
		type: `${PACKAGE_NAME}.speakrTool`,
		typeVersion: 1,
		position: [200, 300],
		credentials: { speakrApi: credentials.speakrApi },
	},
	{
		parameters: {
			resource: 'libraryItem',
			operation: 'search',
			libraryId: { __rl: true, mode: 'id', value: BOOK_LIBRARY_ID },
			query: "={{ $fromAI('query', 'Title, author or words to search for', 'string') }}",
			kind: 'book',
		},
		id: 'e2e0a9e0-0000-4000-8000-000000000004',
		name: 'Audiobookshelf Search',
		type: `${PACKAGE_NAME}.audiobookshelfTool`,
		typeVersion: 1,
		position: [400, 300],
		credentials: { audiobookshelfApi: credentials.audiobookshelfApi },
	},
];

const toolConnections = (target: string) => ({
	'Speakr Recordings': { ai_tool: [[{ node: target, type: 'ai_tool', index: 0 }]] },
	'Audiobookshelf Search': { ai_tool: [[{ node: target, type: 'ai_tool', index: 0 }]] },
});

beforeAll(async () => {
	ensureN8nHost();
	speakr = await startFakeSpeakr({ recordings: 5 });
	abs = await startFakeAudiobookshelf({ books: 3 });
	llm = await startScriptedLlm([
		{ tool: /speakr/i, arguments: { limit: 2 } },
		{ tool: /audiobookshelf/i, arguments: { query: 'Second Story' } },
		{ reply: (results) => `I read ${results.length} tool results.` },
	]);
	uf = createLinkedUserFolder();
	server = await N8nServer.start(uf, { name: 'n8n-agent' });
	credentials.speakrApi = {
		id: await createCredential(server, 'speakrApi', 'Speakr account', {
			baseUrl: speakr.url,
			apiToken: SPEAKR_TOKEN,
			authScheme: 'bearer',
		}),
		name: 'Speakr account',
	};
	credentials.audiobookshelfApi = {
		id: await createCredential(server, 'audiobookshelfApi', 'Audiobookshelf account', {
			baseUrl: abs.url,
			apiToken: ABS_TOKEN,
			authScheme: 'bearer',
		}),
		name: 'Audiobookshelf account',
	};
	credentials.openAiApi = {
		id: await createCredential(server, 'openAiApi', 'Scripted model', {
			apiKey: 'sk-scripted-not-a-secret',
			url: llm.url,
		}),
		name: 'Scripted model',
	};
}, 20 * 60_000);

afterAll(async () => {
	await server?.stop();
	await Promise.all([speakr?.close(), abs?.close(), llm?.close()]);
	uf?.cleanup();
});

test('an AI Agent calls the Speakr and Audiobookshelf tools with $fromAI parameters and uses their results', async () => {
	const workflow = {
		name: 'e2e: AI Agent with Speakr and Audiobookshelf tools',
		nodes: [
			{
				parameters: {},
				id: 'e2e0a9e0-0000-4000-8000-000000000001',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
			},
			{
				parameters: {
					promptType: 'define',
					text: 'Which meetings did I record last, and do I have the audiobook "Second Story"?',
					options: {},
				},
				id: 'e2e0a9e0-0000-4000-8000-000000000002',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3.1,
				position: [200, 0],
			},
			{
				parameters: { model: { __rl: true, mode: 'id', value: 'scripted-model' }, options: {} },
				id: 'e2e0a9e0-0000-4000-8000-000000000005',
				name: 'Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.2,
				position: [0, 300],
				credentials: { openAiApi: credentials.openAiApi },
			},
			...tools(),
		],
		connections: {
			Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'Chat Model': {
				ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
			},
			...toolConnections('AI Agent'),
		},
		settings: { executionOrder: 'v1' },
	} as unknown as WorkflowJson;
	const run = await runManually(
		server,
		(await server.createWorkflow(workflow)).id,
		'Start',
		120_000,
	);
	expect(run.data.resultData.error?.message).toBeUndefined();
	expect(run.status).toBe('success');
	expect(nodeOutputJson(run, 'AI Agent')).toEqual([{ output: 'I read 2 tool results.' }]);

	// The model was offered both tools, each with a description and the $fromAI parameter in its schema.
	const offered = llm.offeredTools();
	progress(`tools offered to the model: ${JSON.stringify(offered)}`);
	const speakrTool = offered.find((tool) => /speakr/i.test(tool.name));
	const absTool = offered.find((tool) => /audiobookshelf/i.test(tool.name));
	expect(speakrTool?.description).toMatch(/recording/i);
	expect(JSON.stringify(speakrTool?.parameters)).toContain('"limit"');
	// Our tool descriptions (not n8n's bare "Search in Audiobookshelf"): what it does, returns and needs.
	expect(absTool?.description).toMatch(/search/i);
	expect(absTool?.description).toMatch(/Needs: .*Library/);
	expect(JSON.stringify(absTool?.parameters)).toContain('"query"');

	// The tools really ran against the services with the model's arguments, and their results reached the model.
	const [recordings, books] = llm.toolResults();
	expect(recordings).toContain('Meeting');
	expect((recordings.match(/"id"/g) ?? []).length).toBeGreaterThanOrEqual(2);
	// List output for a model is compact: no empty fields.
	expect(recordings).not.toMatch(/:null|:""|:\[\]/);
	expect(books).toContain('Second Story');
	const speakrList = speakr.stats.log.find((entry) => entry.path === '/api/v1/recordings');
	expect(new URLSearchParams(speakrList?.query).get('per_page')).toBe('2');
	expect(
		abs.stats.log.some(
			(entry) =>
				entry.path === `/api/libraries/${BOOK_LIBRARY_ID}/search` &&
				new URLSearchParams(entry.query).get('q') === 'Second Story',
		),
	).toBe(true);
	// No token reaches the model.
	const everything = JSON.stringify(llm.requests);
	expect(everything).not.toContain(SPEAKR_TOKEN);
	expect(everything).not.toContain(ABS_TOKEN);
});

test('the MCP Server Trigger exposes the read-only tools; an MCP client lists them and calls one', async () => {
	const mcpPath = 'selfhosted-apps-e2e';
	const workflow = {
		name: 'e2e: MCP server with Speakr and Audiobookshelf tools',
		nodes: [
			{
				parameters: { path: mcpPath, authentication: 'none' },
				id: 'e2e0a9e0-0000-4000-8000-000000000010',
				name: 'MCP Server',
				type: '@n8n/n8n-nodes-langchain.mcpTrigger',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'e2e0a9e0-0000-4000-8000-0000000000ee',
			},
			...tools(),
		],
		connections: toolConnections('MCP Server'),
		settings: { executionOrder: 'v1' },
	} as unknown as WorkflowJson;
	await server.createAndActivateWorkflow(workflow);

	// The MCP SDK n8n itself depends on (from the npm registry, pinned by the host's lockfile).
	const hostRequire = createRequire(path.join(HOST_DIR, 'node_modules', 'n8n', 'package.json'));
	const { Client } = hostRequire('@modelcontextprotocol/sdk/client/index.js') as {
		Client: new (info: { name: string; version: string }) => {
			connect(transport: unknown): Promise<void>;
			listTools(): Promise<{
				tools: Array<{ name: string; description?: string; inputSchema: unknown }>;
			}>;
			callTool(request: { name: string; arguments: Record<string, unknown> }): Promise<{
				content: Array<{ type: string; text?: string }>;
				isError?: boolean;
			}>;
			close(): Promise<void>;
		};
	};
	const { StreamableHTTPClientTransport } = hostRequire(
		'@modelcontextprotocol/sdk/client/streamableHttp.js',
	) as { StreamableHTTPClientTransport: new (url: URL) => unknown };

	const client = new Client({ name: 'selfhosted-apps-e2e', version: '1.0.0' });
	const url = new URL(`${server.baseUrl}/mcp/${mcpPath}`);
	// Production MCP endpoints are registered shortly after activation.
	await waitFor(
		async () => {
			try {
				await client.connect(new StreamableHTTPClientTransport(url));
				return true;
			} catch {
				return false;
			}
		},
		'the MCP endpoint answered',
		60_000,
	);
	try {
		const { tools: listed } = await client.listTools();
		const names = listed.map((tool) => tool.name).sort();
		expect(names).toHaveLength(2);
		const speakrTool = listed.find((tool) => /speakr/i.test(tool.name))!;
		expect(speakrTool.description).toMatch(/recording/i);
		expect(JSON.stringify(speakrTool.inputSchema)).toContain('"limit"');
		speakr.resetStats();
		const result = await client.callTool({ name: speakrTool.name, arguments: { limit: 3 } });
		expect(result.isError).toBeFalsy();
		const text = result.content.map((part) => part.text ?? '').join('');
		expect(text).toContain('Meeting');
		const list = speakr.stats.log.find((entry) => entry.path === '/api/v1/recordings');
		expect(new URLSearchParams(list?.query).get('per_page')).toBe('3');
		expect(text).not.toContain(SPEAKR_TOKEN);
	} finally {
		await client.close();
	}
});
