/**
 * Runs a webhook trigger node's lifecycle and deliveries in n8n-core's real contexts (HookContext for
 * checkExists/create/delete, WebhookContext for webhook()), with the real credential classes applied through
 * RealCredentialsHelper. Deliveries arrive over real HTTP: `startWebhookReceiver()` listens on 127.0.0.1 and
 * serves the node's webhook URL (what `getNodeWebhookUrl` returns), parsing bodies like n8n does
 * (application/json → object, text/plain → string, rawBody always kept), so a fake server can POST to it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext, WebhookContext } from 'n8n-core';
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
} from 'n8n-workflow';

import { PACKAGE, RealCredentialsHelper } from './engine.cjs';

export interface TriggerHarnessOptions {
	node: INodeType;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Base of production webhook URLs; set by the receiver. */
	webhookBaseUrl?: string;
	workflowName?: string;
}

export interface Delivered {
	/** Items of each run the webhook started (one entry per accepted delivery). */
	runs: INodeExecutionData[][];
	/** Every request answered, with its status. */
	answers: Array<{ status: number; body: string }>;
}

/** A workflow holding one trigger node; static data persists across lifecycle calls and deliveries, as in n8n. */
export class TriggerHarness {
	readonly workflow: Workflow;

	readonly node: INode;

	readonly credentialsHelper: RealCredentialsHelper;

	webhookBaseUrl: string;

	constructor(private readonly options: TriggerHarnessOptions) {
		const description = options.node.description;
		const typeName = `${PACKAGE}.${description.name}`;
		this.node = {
			id: 'trigger-under-test',
			name: description.defaults.name ?? description.displayName,
			type: typeName,
			typeVersion: Array.isArray(description.version) ? description.version[0] : description.version,
			position: [0, 0],
			parameters: options.parameters,
			webhookId: '5f6b3c1a-0d2e-4c7b-9a8f-1e2d3c4b5a69',
			credentials: Object.fromEntries(
				(description.credentials ?? []).map((credential) => [credential.name, { id: `${credential.name}-id`, name: credential.name }]),
			),
		};
		const nodeTypes = {
			getByName: () => options.node,
			getByNameAndVersion: () => options.node,
			getKnownTypes: () => ({}),
		};
		this.workflow = new Workflow({
			id: 'trigger-test',
			name: options.workflowName ?? 'Trigger test',
			nodes: [this.node],
			connections: {},
			nodeTypes,
			active: true,
			staticData: {},
			settings: { executionOrder: 'v1' },
		});
		this.credentialsHelper = new RealCredentialsHelper(
			Object.fromEntries(Object.entries(options.credentials).map(([type, data]) => [type, { ...data }])),
		);
		this.webhookBaseUrl = options.webhookBaseUrl ?? 'http://127.0.0.1:5678/webhook';
	}

	/** Static data of the node, as the trigger stored it. */
	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	private additionalData(extra: Partial<IWorkflowExecuteAdditionalData> = {}): IWorkflowExecuteAdditionalData {
		return {
			credentialsHelper: this.credentialsHelper,
			restApiUrl: 'http://127.0.0.1:5678/rest',
			instanceBaseUrl: 'http://127.0.0.1:5678/',
			webhookBaseUrl: this.webhookBaseUrl,
			webhookWaitingBaseUrl: `${this.webhookBaseUrl}-waiting`,
			webhookTestBaseUrl: `${this.webhookBaseUrl}-test`,
			formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
			userId: 'trigger-test-user',
			variables: {},
			executionId: 'trigger-test-execution',
			...extra,
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	private webhookData(): IWebhookData {
		const description = this.options.node.description.webhooks![0];
		return {
			httpMethod: description.httpMethod as IWebhookData['httpMethod'],
			node: this.node.name,
			path: String(description.path),
			webhookDescription: description,
			workflowId: 'trigger-test',
			workflowExecuteAdditionalData: this.additionalData(),
			webhookId: this.node.webhookId,
		};
	}

	/** Calls webhookMethods.default.<method> the way n8n does on activation (checkExists, create) and deactivation (delete). */
	async hook(method: 'checkExists' | 'create' | 'delete', mode: 'trigger' | 'manual' = 'trigger'): Promise<boolean> {
		const methods = this.options.node.webhookMethods?.default;
		if (!methods?.[method]) throw new Error(`The node has no webhookMethods.default.${method}`);
		const context = new HookContext(this.workflow, this.node, this.additionalData(), mode, 'activate', this.webhookData());
		return await methods[method].call(context);
	}

	/** Activation as n8n does it: create only when checkExists says the registration is missing. */
	async activate(): Promise<void> {
		if (!(await this.hook('checkExists'))) await this.hook('create');
	}

	/** Runs webhook() for one parsed request; `res` collects what the node answered itself. */
	async deliver(request: { headers: http.IncomingHttpHeaders; body: unknown; rawBody: Buffer; query?: IDataObject }): Promise<{
		response: IWebhookResponseData;
		answered?: { status: number; body: string };
	}> {
		let answered: { status: number; body: string } | undefined;
		let status = 200;
		const res = {
			headersSent: false,
			status(code: number) {
				status = code;
				return res;
			},
			json(value: unknown) {
				answered = { status, body: JSON.stringify(value) };
				res.headersSent = true;
				return res;
			},
			send(value: unknown) {
				answered = { status, body: typeof value === 'string' ? value : JSON.stringify(value ?? '') };
				res.headersSent = true;
				return res;
			},
			end(value?: unknown) {
				answered = { status, body: value === undefined ? '' : String(value) };
				res.headersSent = true;
				return res;
			},
			setHeader() {
				return res;
			},
		};
		const req = { headers: request.headers, body: request.body, rawBody: request.rawBody, query: request.query ?? {}, params: {}, method: 'POST' };
		const additionalData = this.additionalData({ httpRequest: req, httpResponse: res } as unknown as Partial<IWorkflowExecuteAdditionalData>);
		const context = new WebhookContext(this.workflow, this.node, additionalData, 'webhook', this.webhookData(), [], null);
		const response = await this.options.node.webhook!.call(context);
		return { response, answered };
	}
}

/** Serves the trigger's production webhook URL over HTTP and records accepted runs and every answer. */
export async function startWebhookReceiver(harness: TriggerHarness): Promise<Delivered & { url: string; close: () => Promise<void> }> {
	const delivered: Delivered = { runs: [], answers: [] };
	const server = http.createServer(async (req, res) => {
		if (req.method !== 'POST' || !String(req.url ?? '').startsWith(`/webhook/${harness.node.webhookId}/`)) {
			delivered.answers.push({ status: 404, body: 'unknown webhook' });
			res.writeHead(404).end();
			return;
		}
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const contentType = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		let body: unknown = {};
		if (rawBody.length) {
			if (contentType === 'application/json') body = JSON.parse(rawBody.toString('utf8'));
			else if (contentType === 'text/plain') body = rawBody.toString('utf8');
		}
		const answer = (status: number, text: string) => {
			delivered.answers.push({ status, body: text });
			res.writeHead(status, { 'Content-Type': 'application/json' });
			res.end(text);
		};
		try {
			const { response, answered } = await harness.deliver({ headers: req.headers, body, rawBody });
			if (response.noWebhookResponse) {
				answer(answered?.status ?? 200, answered?.body ?? '');
				return;
			}
			if (response.workflowData) delivered.runs.push(response.workflowData[0] ?? []);
			answer(200, JSON.stringify({ message: 'Workflow was started' }));
		} catch (error) {
			answer(500, JSON.stringify({ message: (error as Error).message }));
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	harness.webhookBaseUrl = `http://127.0.0.1:${port}/webhook`;
	return Object.assign(delivered, {
		url: harness.webhookBaseUrl,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	});
}
