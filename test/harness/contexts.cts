/**
 * n8n-core's real node contexts for what WorkflowExecute does not run: a webhook trigger's lifecycle
 * (HookContext: checkExists / create / delete), its webhook() method (WebhookContext with a real HTTP request and
 * response, like n8n's webhook server), and resource-locator searches (LoadOptionsContext). Credentials go through
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
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import {
	credentialsHelperFor,
	instanceUrls,
	nodeUnderTest,
	NodeTypes,
	type RealCredentialsHelper,
} from './engine.cjs';

export interface NodeHostOptions {
	node: INodeType;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Base of the production webhook URLs the node registers (e.g. the receiver's own `baseUrl`). */
	webhookBaseUrl?: string;
	mode?: WorkflowExecuteMode;
	workflowName?: string;
}

export type WebhookName = 'default' | 'setup';
type HookMethod = 'checkExists' | 'create' | 'delete';

/** One workflow holding one node, with n8n-core contexts on demand. Static data lives as long as the host. */
export class NodeHost {
	readonly workflow: Workflow;

	readonly node: INode;

	readonly additionalData: IWorkflowExecuteAdditionalData;

	readonly credentialsHelper: RealCredentialsHelper;

	constructor(readonly options: NodeHostOptions) {
		this.node = nodeUnderTest(options.node, options.parameters, options.credentials, {
			webhookId: 'c0ffee00-0000-4000-8000-000000000001',
		});
		this.workflow = new Workflow({
			id: 'context-test',
			name: options.workflowName ?? 'Context test',
			nodes: [this.node],
			connections: {},
			nodeTypes: new NodeTypes({ [this.node.type]: options.node }),
			active: true,
			staticData: {},
			settings: { executionOrder: 'v1' },
		});
		this.credentialsHelper = credentialsHelperFor(options.credentials);
		this.additionalData = {
			credentialsHelper: this.credentialsHelper,
			...instanceUrls(options.webhookBaseUrl),
			currentNodeParameters: undefined,
			executionTimeoutTimestamp: undefined,
			executionId: 'context-test-execution',
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

	hookContext(
		activation: WorkflowActivateMode = 'activate',
		name: WebhookName = 'default',
	): HookContext {
		return new HookContext(
			this.workflow,
			this.node,
			this.additionalData,
			this.options.mode ?? 'trigger',
			activation,
			this.webhookData(name),
		);
	}

	loadOptionsContext(path = 'parameters'): LoadOptionsContext {
		return new LoadOptionsContext(this.workflow, this.node, this.additionalData, path);
	}

	webhookData(name: string = 'default'): IWebhookData {
		const description = this.options.node.description.webhooks?.find(
			(webhook) => webhook.name === name,
		);
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

	/** Calls one of webhookMethods.<name> in a HookContext, as n8n does on activation and deactivation. */
	async hook(method: HookMethod, name: WebhookName = 'default'): Promise<boolean> {
		const methods = this.options.node.webhookMethods?.[name];
		if (!methods?.[method]) throw new Error(`node has no webhookMethods.${name}.${method}`);
		return await methods[method].call(this.hookContext('activate', name));
	}

	/** Runs checkExists → (create) like n8n on activation; returns whether create ran. */
	async activate(name: WebhookName = 'default'): Promise<boolean> {
		if (await this.hook('checkExists', name)) return false;
		await this.hook('create', name);
		return true;
	}

	async deactivate(name: WebhookName = 'default'): Promise<boolean> {
		return await this.hook('delete', name);
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
	/** Workflow runs started: the workflowData of each delivery that produced one. */
	runs: INodeExecutionData[][][];
	/** Every request answered, including those refused before the node saw them (404, 422). */
	calls: WebhookCall[];
	close(): Promise<void>;
}

/** The parts of Express's response API that n8n's webhook server hands to nodes, on the real Node response. */
export type WebhookResponse = http.ServerResponse & {
	status(code: number): WebhookResponse;
	json(value: unknown): WebhookResponse;
	send(value?: unknown): WebhookResponse;
};

/** Adds Express's status()/json()/send() (same semantics) to a real response; statusCode, setHeader, end stay native. */
function expressResponse(res: http.ServerResponse): WebhookResponse {
	const response = res as WebhookResponse;
	const contentType = (value: string) => {
		if (!response.hasHeader('Content-Type')) response.setHeader('Content-Type', value);
	};
	response.status = (code) => {
		response.statusCode = code;
		return response;
	};
	response.json = (value) => {
		contentType('application/json; charset=utf-8');
		response.end(JSON.stringify(value));
		return response;
	};
	response.send = (value) => {
		if (value === undefined || value === null) response.end();
		else if (Buffer.isBuffer(value)) {
			contentType('application/octet-stream');
			response.end(value);
		} else if (typeof value === 'string') {
			contentType('text/html; charset=utf-8');
			response.end(value);
		} else return response.json(value);
		return response;
	};
	return response;
}

/** Parses a body like n8n's webhook body parser: JSON and text/plain by exact media type, anything else left as {}. */
function parseBody(rawBody: Buffer, contentTypeHeader: string | undefined): unknown {
	const contentType = String(contentTypeHeader ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	if (!rawBody.length) return {};
	if (contentType === 'application/json') return JSON.parse(rawBody.toString('utf8'));
	if (contentType === 'text/plain') return rawBody.toString('utf8');
	return {};
}

/**
 * A tiny stand-in for n8n's webhook server. It serves only the node's production webhook URL (the path and method
 * `getNodeWebhookUrl` / the webhook description give; anything else is 404), keeps the raw body as `req.rawBody` and
 * parses `req.body` like n8n (422 for malformed JSON), calls the node's webhook() in a WebhookContext with the real
 * request and an Express-style real response, and answers like a responseMode "onReceived" webhook (200 when a run
 * starts or the node returned a response; nothing more when the node answered itself).
 */
export async function startWebhookReceiver(
	getHost: () => NodeHost,
	name: WebhookName = 'default',
): Promise<WebhookReceiver> {
	const runs: INodeExecutionData[][][] = [];
	const calls: WebhookCall[] = [];
	const server = http.createServer(async (req, res) => {
		const answer = (status: number, payload: unknown, call: Omit<WebhookCall, 'status'> = {}) => {
			res.writeHead(status, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(payload));
			calls.push({ status, ...call });
		};
		const host = getHost();
		const webhook = host.webhookData(name);
		const path = new URL(String(host.hookContext('activate', name).getNodeWebhookUrl(name)))
			.pathname;
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		if (
			req.method !== webhook.httpMethod ||
			new URL(String(req.url), 'http://127.0.0.1').pathname !== path
		) {
			answer(404, {
				code: 404,
				message: `The requested webhook "${String(req.method)} ${String(req.url)}" is not registered.`,
			});
			return;
		}
		const rawBody = Buffer.concat(chunks);
		const request = req as http.IncomingMessage & {
			rawBody?: Buffer;
			body?: unknown;
			query?: IDataObject;
			params?: IDataObject;
		};
		request.rawBody = rawBody;
		try {
			request.body = parseBody(rawBody, req.headers['content-type']);
		} catch (error) {
			answer(422, {
				code: 422,
				message: 'Failed to parse request body',
				hint: (error as Error).message,
			});
			return;
		}
		request.query = Object.fromEntries(new URL(String(req.url), 'http://127.0.0.1').searchParams);
		request.params = {};
		const additionalData = {
			...host.additionalData,
			httpRequest: request,
			httpResponse: expressResponse(res),
		} as unknown as IWorkflowExecuteAdditionalData;
		const context = new WebhookContext(
			host.workflow,
			host.node,
			additionalData,
			'webhook',
			webhook,
			[],
			null,
		);
		try {
			const result = await host.type.webhook!.call(context);
			if (result.noWebhookResponse) {
				calls.push({ status: res.statusCode, result });
				if (!res.writableEnded) res.end();
				return;
			}
			if (result.workflowData) runs.push(result.workflowData);
			answer(
				200,
				result.workflowData
					? { message: 'Workflow was started' }
					: (result.webhookResponse ?? { message: 'Webhook call received' }),
				{ result },
			);
		} catch (error) {
			answer(500, { message: (error as Error).message }, { error: error as Error });
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
