/**
 * n8n-core's real node contexts for what WorkflowExecute does not run: a webhook trigger's lifecycle
 * (HookContext: checkExists / create / delete), its webhook() method (WebhookContext with a real HTTP request and
 * raw body, like n8n's webhook server), and resource-locator searches (LoadOptionsContext). Credentials go through
 * the same RealCredentialsHelper as runNode(); nothing of our transport is mocked.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext, LoadOptionsContext, WebhookContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { PACKAGE, RealCredentialsHelper } from './engine.cjs';

export interface NodeHostOptions {
	node: INodeType;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Base of the production webhook URLs the node registers (e.g. the receiver's own URL). */
	webhookBaseUrl?: string;
	mode?: WorkflowExecuteMode;
	workflowName?: string;
}

/** One workflow holding one node, with n8n-core contexts on demand. Static data lives as long as the host. */
export class NodeHost {
	readonly workflow: Workflow;

	readonly node: INode;

	readonly additionalData: IWorkflowExecuteAdditionalData;

	readonly credentialsHelper: RealCredentialsHelper;

	constructor(readonly options: NodeHostOptions) {
		const description = options.node.description;
		const typeName = `${PACKAGE}.${description.name}`;
		const nodeTypes: INodeTypes = {
			getByName: () => options.node,
			getByNameAndVersion: () => options.node,
			getKnownTypes: () => ({}),
		} as unknown as INodeTypes;
		const credentialNames = (description.credentials ?? []).map((credential) => credential.name);
		this.node = {
			id: 'node-under-test',
			name: description.defaults.name ?? description.displayName,
			type: typeName,
			typeVersion: Array.isArray(description.version) ? description.version[0] : description.version,
			position: [0, 0],
			parameters: options.parameters,
			webhookId: 'c0ffee00-0000-4000-8000-000000000001',
			credentials: Object.fromEntries(credentialNames.filter((name) => options.credentials[name]).map((name) => [name, { id: `${name}-id`, name }])),
		};
		this.workflow = new Workflow({
			id: 'context-test',
			name: options.workflowName ?? 'Context test',
			nodes: [this.node],
			connections: {},
			nodeTypes,
			active: true,
			staticData: {},
			settings: { executionOrder: 'v1' },
		});
		this.credentialsHelper = new RealCredentialsHelper(Object.fromEntries(Object.entries(options.credentials).map(([type, data]) => [type, { ...data }])));
		this.additionalData = {
			credentialsHelper: this.credentialsHelper,
			restApiUrl: 'http://127.0.0.1:5678/rest',
			instanceBaseUrl: 'http://127.0.0.1:5678/',
			formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
			webhookBaseUrl: options.webhookBaseUrl ?? 'http://127.0.0.1:5678/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
			currentNodeParameters: undefined,
			executionTimeoutTimestamp: undefined,
			userId: 'context-test-user',
			variables: {},
			logAiEvent: () => {},
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	get type(): INodeType {
		return this.options.node;
	}

	/** The node's static data, as n8n persists it between activations and deliveries. */
	staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	hookContext(activation: WorkflowActivateMode = 'activate'): HookContext {
		const webhook = this.webhookData();
		return new HookContext(this.workflow, this.node, this.additionalData, this.options.mode ?? 'trigger', activation, webhook);
	}

	loadOptionsContext(path = 'parameters'): LoadOptionsContext {
		return new LoadOptionsContext(this.workflow, this.node, this.additionalData, path);
	}

	webhookData(name = 'default'): IWebhookData {
		const description = this.options.node.description.webhooks?.find((webhook) => webhook.name === name);
		if (!description) throw new Error(`node has no webhook ${name}`);
		return {
			httpMethod: (description.httpMethod as IWebhookData['httpMethod']) ?? 'POST',
			node: this.node.name,
			path: String(description.path),
			webhookDescription: description,
			workflowId: String(this.workflow.id),
			workflowExecuteAdditionalData: this.additionalData,
			webhookId: this.node.webhookId,
		};
	}

	/** Runs checkExists → (create) like n8n on activation; returns whether create ran. */
	async activate(name: 'default' | 'setup' = 'default'): Promise<boolean> {
		const methods = this.options.node.webhookMethods?.[name];
		if (!methods) throw new Error('node has no webhook methods');
		const exists = await methods.checkExists.call(this.hookContext('activate'));
		if (exists) return false;
		await methods.create.call(this.hookContext('activate'));
		return true;
	}

	async deactivate(name: 'default' | 'setup' = 'default'): Promise<boolean> {
		const methods = this.options.node.webhookMethods?.[name];
		if (!methods) throw new Error('node has no webhook methods');
		return await methods.delete.call(this.hookContext('activate'));
	}
}

export interface WebhookCall {
	status: number;
	/** What the node's webhook() returned, or the error it threw. */
	result?: IWebhookResponseData;
	error?: Error;
}

export interface WebhookReceiver {
	/** Production URL base to give NodeHost (`<url>/webhook`). */
	baseUrl: string;
	/** Workflow runs started: one entry per delivery that produced workflowData. */
	runs: INodeExecutionData[][][];
	calls: WebhookCall[];
	close(): Promise<void>;
}

/**
 * A tiny stand-in for n8n's webhook server: reads the raw body, sets `req.rawBody` and the parsed JSON `req.body`
 * like n8n's body parser, calls the node's webhook() in a WebhookContext, and answers like a responseMode
 * "onReceived" webhook (200 when a run starts or the node returned a response; nothing when the node answered itself).
 */
export async function startWebhookReceiver(getHost: () => NodeHost, name = 'default'): Promise<WebhookReceiver> {
	const runs: INodeExecutionData[][][] = [];
	const calls: WebhookCall[] = [];
	const server = http.createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const request = req as http.IncomingMessage & { rawBody?: Buffer; body?: unknown; query?: IDataObject; params?: IDataObject };
		request.rawBody = rawBody;
		try {
			request.body = rawBody.length && /json/i.test(String(req.headers['content-type'] ?? '')) ? JSON.parse(rawBody.toString('utf8')) : {};
		} catch {
			request.body = {};
		}
		request.query = {};
		request.params = {};
		const host = getHost();
		const additionalData = { ...host.additionalData, httpRequest: request, httpResponse: res } as unknown as IWorkflowExecuteAdditionalData;
		const context = new WebhookContext(host.workflow, host.node, additionalData, 'webhook', host.webhookData(name), [], null);
		try {
			const result = await host.type.webhook!.call(context);
			if (result.noWebhookResponse) {
				calls.push({ status: res.statusCode, result });
				if (!res.writableEnded) res.end();
				return;
			}
			if (result.workflowData) runs.push(result.workflowData);
			const payload = result.workflowData ? { message: 'Workflow was started' } : (result.webhookResponse ?? { message: 'Webhook call received' });
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(payload));
			calls.push({ status: 200, result });
		} catch (error) {
			res.writeHead(500, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ message: (error as Error).message }));
			calls.push({ status: 500, error: error as Error });
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		baseUrl: `http://127.0.0.1:${port}/webhook`,
		runs,
		calls,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
