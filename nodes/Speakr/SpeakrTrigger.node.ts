import { createHmac, timingSafeEqual } from 'crypto';
import {
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { ServiceClient } from '../shared/transport';
import { speakrProfile } from './profile';

/** Every event Speakr sends (docs/api/speakr.md, Webhooks). */
const EVENTS = [
	{
		name: 'Events Extracted',
		value: 'recording.events.extracted',
		description: 'Calendar events were found in a recording',
	},
	{
		name: 'Recording Created',
		value: 'recording.created',
		description: 'A recording was uploaded',
	},
	{
		name: 'Recording Deleted',
		value: 'recording.deleted',
		description:
			'A recording was deleted in the Speakr web app (deleting through the API sends no event)',
	},
	{
		name: 'Recording Updated',
		value: 'recording.updated',
		description: 'A recording was changed through the API',
	},
	{
		name: 'Summary Completed',
		value: 'recording.summary.completed',
		description:
			'A re-summarize finished. Automatic summaries after upload arrive with Transcription Completed instead.',
	},
	{ name: 'Summary Failed', value: 'recording.summary.failed' },
	{
		name: 'Transcription Completed',
		value: 'recording.transcription.completed',
		description: 'Transcription finished; with auto-summarize on, the summary is ready too',
	},
	{ name: 'Transcription Failed', value: 'recording.transcription.failed' },
	{ name: 'Transcription Started', value: 'recording.transcription.started' },
];

/** Events after which transcript and summary exist. */
const CONTENT_EVENTS = new Set([
	'recording.transcription.completed',
	'recording.summary.completed',
]);

/** How many recent delivery ids are remembered to drop Speakr's retries of an already received event. */
const REMEMBERED_DELIVERIES = 200;

interface TriggerStaticData extends IDataObject {
	webhookId?: number;
	secret?: string;
	deliveries?: string[];
}

function staticDataOf(context: IHookFunctions | IWebhookFunctions): TriggerStaticData {
	return context.getWorkflowStaticData('node') as TriggerStaticData;
}

function sameEvents(a: unknown, b: string[]): boolean {
	if (!Array.isArray(a) || a.length !== b.length) return false;
	const set = new Set(a.map(String));
	return b.every((event) => set.has(event));
}

/** Verifies `Speakr-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>` in constant time. */
export function verifySpeakrSignature(secret: string, rawBody: Buffer, header: unknown): boolean {
	if (typeof header !== 'string') return false;
	const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
	if (!match) return false;
	const expected = createHmac('sha256', secret).update(rawBody).digest();
	const received = Buffer.from(match[1], 'hex');
	return received.length === expected.length && timingSafeEqual(received, expected);
}

export class SpeakrTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Speakr Trigger',
		name: 'speakrTrigger',
		icon: { light: 'file:../../icons/speakr.svg', dark: 'file:../../icons/speakr.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when Speakr reports a recording event (uploaded, transcribed, summarized, failed…)',
		defaults: { name: 'Speakr Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'speakrApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					'Speakr refuses webhook URLs on private or loopback addresses (e.g. n8n at 192.168.x.x or localhost) unless its admin sets WEBHOOK_INTRANET_HOST_ALLOWLIST (a regex such as ^(n8n\\.lan|192\\.168\\.1\\.20)$). Otherwise n8n needs a public URL (WEBHOOK_URL). Each Speakr user may have at most 10 webhooks.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['recording.transcription.completed'],
				options: EVENTS,
				description:
					'The events that start the workflow. For summaries after an upload choose Transcription Completed: Speakr summarizes inside the transcription job.',
			},
			{
				displayName: 'Include Transcript and Summary',
				name: 'includeContent',
				type: 'boolean',
				default: false,
				description:
					'Whether to fetch the transcript (plain text) and the summary (Markdown) when a transcription or summary completes, and add them to the output',
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const data = staticDataOf(this);
				if (data.webhookId === undefined) return false;
				const client = new ServiceClient(this, speakrProfile);
				const response = await client.send<IDataObject>({
					method: 'GET',
					path: `/webhooks/${data.webhookId}`,
					passStatuses: [404],
				});
				const webhook = response.body ?? {};
				const events = this.getNodeParameter('events', []) as string[];
				const usable =
					response.status === 200 &&
					webhook.enabled === true &&
					webhook.auto_paused !== true &&
					webhook.url === this.getNodeWebhookUrl('default') &&
					sameEvents(webhook.events, events) &&
					typeof data.secret === 'string' &&
					data.secret.length > 0;
				if (usable) return true;
				// Gone, paused by Speakr after failures, changed, or its secret was lost: replace it.
				if (response.status === 200) {
					await client.send({
						method: 'DELETE',
						path: `/webhooks/${data.webhookId}`,
						passStatuses: [404],
					});
				}
				delete data.webhookId;
				delete data.secret;
				return false;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default') as string;
				const events = this.getNodeParameter('events', []) as string[];
				const client = new ServiceClient(this, speakrProfile);
				if (events.length === 0) {
					throw client.error({
						message: 'Choose at least one event for the Speakr Trigger',
						hint: 'Open the trigger and pick the events that should start the workflow.',
					});
				}
				const workflowName = this.getWorkflow().name ?? this.getWorkflow().id ?? 'workflow';
				const response = await client.send<IDataObject>({
					method: 'POST',
					path: '/webhooks',
					body: {
						name: `n8n: ${String(workflowName)}`.slice(0, 100),
						url,
						events,
						allow_http: url.startsWith('http:'),
						enabled: true,
					},
					passStatuses: [400, 409],
				});
				const said = speakrProfile.errorMessage(response.body) ?? '';
				if (response.status === 400) {
					const privateUrl = /private|loopback|DNS resolution/i.test(said);
					throw client.error({
						status: 400,
						message: `Speakr refused to register the webhook URL ${url}`,
						serviceMessage: said,
						hint: privateUrl
							? 'Speakr only calls public addresses. Either have the Speakr admin allow this n8n host with WEBHOOK_INTRANET_HOST_ALLOWLIST (a regex such as ^n8n\\.lan$) and restart Speakr, or give n8n a public URL (WEBHOOK_URL).'
							: 'Check the events and the n8n webhook URL.',
						request: 'POST /api/v1/webhooks',
					});
				}
				if (response.status === 409) {
					throw client.error({
						status: 409,
						message:
							'Speakr refused a new webhook: this user already has the maximum number of webhooks (10 by default)',
						serviceMessage: said,
						hint: 'Delete unused webhooks in Speakr (Settings → Webhooks, or old "n8n: …" entries of deleted workflows), or ask the admin to raise WEBHOOK_MAX_PER_USER.',
						request: 'POST /api/v1/webhooks',
					});
				}
				const webhook = response.body;
				if (
					typeof webhook?.id !== 'number' ||
					typeof webhook.secret !== 'string' ||
					!webhook.secret
				) {
					throw client.error({
						message: 'Speakr created the webhook but returned no id or signing secret',
						hint: 'The Speakr version may not be supported. Please report it with the server version.',
						request: 'POST /api/v1/webhooks',
					});
				}
				const data = staticDataOf(this);
				data.webhookId = webhook.id;
				// Shown once by Speakr: kept in the workflow's static data to verify every delivery.
				data.secret = webhook.secret;
				data.deliveries = [];
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const data = staticDataOf(this);
				if (data.webhookId !== undefined) {
					const client = new ServiceClient(this, speakrProfile);
					// 404: already deleted in Speakr, which is what we want.
					await client.send({
						method: 'DELETE',
						path: `/webhooks/${data.webhookId}`,
						passStatuses: [404],
					});
				}
				delete data.webhookId;
				delete data.secret;
				delete data.deliveries;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject() as unknown as { rawBody?: Buffer | string };
		const headers = this.getHeaderData() as IDataObject;
		const data = staticDataOf(this);
		const rawBody =
			request.rawBody === undefined
				? undefined
				: Buffer.isBuffer(request.rawBody)
					? request.rawBody
					: Buffer.from(String(request.rawBody), 'utf8');

		if (
			!data.secret ||
			!rawBody ||
			!verifySpeakrSignature(data.secret, rawBody, headers['speakr-signature'])
		) {
			// Unsigned or forged: no run. 401 is a permanent failure for Speakr, so it does not retry it.
			const response = this.getResponseObject();
			response.statusCode = 401;
			response.setHeader('Content-Type', 'application/json');
			response.end(JSON.stringify({ error: 'Invalid or missing Speakr-Signature' }));
			return { noWebhookResponse: true };
		}

		const body = this.getBodyData();
		const deliveryId = String(headers['speakr-delivery-id'] ?? body.id ?? '');
		const seen = Array.isArray(data.deliveries) ? data.deliveries : [];
		if (deliveryId && seen.includes(deliveryId)) {
			return { webhookResponse: { received: true, duplicate: true } };
		}

		const type = String(body.type ?? headers['speakr-event'] ?? '');
		const events = this.getNodeParameter('events', []) as string[];
		// Speakr only sends subscribed events, except its "Send test" button (webhook.test), which is let through.
		if (type !== 'webhook.test' && !events.includes(type)) {
			return { webhookResponse: { received: true, ignored: type } };
		}

		const output: IDataObject = { ...body, delivery_id: deliveryId || undefined };
		const eventData = (body.data as IDataObject | undefined) ?? {};
		if (
			(this.getNodeParameter('includeContent', false) as boolean) &&
			CONTENT_EVENTS.has(type) &&
			eventData.recording_id !== undefined
		) {
			const recordingId = Number(eventData.recording_id);
			const client = new ServiceClient(this, speakrProfile);
			try {
				const [transcript, summary] = await Promise.all([
					client.request<IDataObject>({
						method: 'GET',
						path: `/recordings/${recordingId}/transcript`,
						qs: { format: 'text' },
					}),
					client.request<IDataObject>({
						method: 'GET',
						path: `/recordings/${recordingId}/summary`,
					}),
				]);
				output.transcript = transcript.content ?? null;
				output.summary = summary.summary ?? null;
			} catch (error) {
				// The event itself is valid: run once with the reason instead of making Speakr retry it.
				output.content_error = (error as Error).message;
			}
		}

		data.deliveries = [...seen, deliveryId].filter(Boolean).slice(-REMEMBERED_DELIVERIES);
		return { workflowData: [this.helpers.returnJsonArray([output])] };
	}
}
