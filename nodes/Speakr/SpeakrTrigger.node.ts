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

import { registrationHooks } from '../shared/activation';
import { rawBodyOf, refuseDelivery } from '../shared/delivery';
import { ServiceClient } from '../shared/transport';
import { CSRF_REFUSAL, speakrProfile } from './profile';

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

/** How many recent delivery ids static data keeps, where n8n saves it. */
const REMEMBERED_DELIVERIES = 200;

/**
 * How far the signed time of a delivery may be from n8n's clock. A captured delivery can be replayed only within it.
 * Speakr's own retries of one event resend the same body (same signed timestamp) after 30 s, 2 min, 10 min and
 * 1 h: with Speakr 0.9.4 only the first three fall inside; newer Speakr signs each attempt's send time (V2).
 */
export const MAX_DELIVERY_AGE_MS = 5 * 60_000;

interface TriggerStaticData extends IDataObject {
	webhookId?: number;
	secret?: string;
	deliveries?: string[];
}

/** A delivery whose signature matched: its fields come from the signed bytes only, never from headers. */
interface SignedEvent {
	id: string;
	type: string;
	/** Signed send time (V2 signature) or, for Speakr 0.9.4, the signed event time in the body. */
	signedAt: number;
	body: IDataObject;
}

/**
 * Delivery ids seen by this n8n process, per trigger, for as long as a delivery is fresh. n8n 2.41 does not save a
 * webhook's static data when the delivery starts a run, so static data alone forgets every id; this memory holds
 * within one n8n process (not across several webhook processes in queue mode).
 */
const seenInProcess = new Map<string, Map<string, number>>();
const MAX_SEEN_PER_TRIGGER = 10_000;

function rememberInProcess(key: string, id: string, now: number): boolean {
	let seen = seenInProcess.get(key);
	if (!seen) {
		seen = new Map();
		seenInProcess.set(key, seen);
	}
	for (const [known, expires] of seen) if (expires <= now) seen.delete(known);
	if (seen.has(id)) return false;
	if (seen.size >= MAX_SEEN_PER_TRIGGER) seen.delete(seen.keys().next().value as string);
	seen.set(id, now + 2 * MAX_DELIVERY_AGE_MS);
	return true;
}

function staticDataOf(context: IHookFunctions | IWebhookFunctions): TriggerStaticData {
	return context.getWorkflowStaticData('node') as TriggerStaticData;
}

function sameEvents(a: unknown, b: string[]): boolean {
	if (!Array.isArray(a) || a.length !== b.length) return false;
	const set = new Set(a.map(String));
	return b.every((event) => set.has(event));
}

function hmacEquals(secret: string, data: Buffer, hex: string): boolean {
	const expected = createHmac('sha256', secret).update(data).digest();
	const received = Buffer.from(hex, 'hex');
	return received.length === expected.length && timingSafeEqual(received, expected);
}

/** Verifies `Speakr-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>` in constant time. */
export function verifySpeakrSignature(secret: string, rawBody: Buffer, header: unknown): boolean {
	if (typeof header !== 'string') return false;
	const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
	return match !== null && hmacEquals(secret, rawBody, match[1]);
}

/**
 * Verifies newer Speakr's `Speakr-Signature-V2: t=<unix s>,v1=<hex HMAC-SHA256(secret, "<t>." + raw body)>` (one
 * v1 per valid secret) and returns the signed send time in ms, or undefined.
 */
export function verifySpeakrSignatureV2(
	secret: string,
	rawBody: Buffer,
	header: unknown,
): number | undefined {
	if (typeof header !== 'string') return undefined;
	const parts = header.split(',').map((part) => part.trim());
	const t = parts.find((part) => part.startsWith('t='))?.slice(2) ?? '';
	if (!/^\d{1,12}$/.test(t)) return undefined;
	const signed = Buffer.concat([Buffer.from(`${t}.`, 'utf8'), rawBody]);
	const valid = parts.some(
		(part) => /^v1=[0-9a-fA-F]{64}$/.test(part) && hmacEquals(secret, signed, part.slice(3)),
	);
	return valid ? Number(t) * 1000 : undefined;
}

/** Checks a delivery against the secret and reads it from the signed bytes; a string says why it was refused. */
export function readSignedDelivery(
	secret: string | undefined,
	rawBody: Buffer | undefined,
	headers: IDataObject,
): SignedEvent | { refused: number; reason: string } {
	if (!secret || !rawBody || !verifySpeakrSignature(secret, rawBody, headers['speakr-signature'])) {
		return { refused: 401, reason: 'Invalid or missing Speakr-Signature' };
	}
	let body: unknown;
	try {
		body = JSON.parse(rawBody.toString('utf8'));
	} catch {
		body = undefined;
	}
	const event = body as IDataObject | undefined;
	if (
		!event ||
		typeof event !== 'object' ||
		Array.isArray(event) ||
		typeof event.id !== 'string' ||
		!event.id ||
		typeof event.type !== 'string' ||
		typeof event.timestamp !== 'string'
	) {
		return { refused: 400, reason: 'The signed body is not a Speakr event' };
	}
	// Speakr 0.9.4 writes utcnow().isoformat() + "Z"; an offset-less time is UTC as well.
	const bodyTime = Date.parse(
		/[zZ]|[+-]\d\d:?\d\d$/.test(event.timestamp) ? event.timestamp : `${event.timestamp}Z`,
	);
	const signedAt =
		verifySpeakrSignatureV2(secret, rawBody, headers['speakr-signature-v2']) ?? bodyTime;
	if (!Number.isFinite(signedAt)) {
		return { refused: 400, reason: 'The signed body has no readable timestamp' };
	}
	return { id: event.id, type: event.type, signedAt, body: event };
}

async function webhookIsUsable(context: IHookFunctions): Promise<boolean> {
	const data = staticDataOf(context);
	if (data.webhookId === undefined) return false;
	const client = new ServiceClient(context, speakrProfile);
	const response = await client.send<IDataObject>({
		method: 'GET',
		path: `/webhooks/${data.webhookId}`,
		passStatuses: [404],
	});
	const webhook = response.body ?? {};
	const events = context.getNodeParameter('events', []) as string[];
	const usable =
		response.status === 200 &&
		webhook.enabled === true &&
		webhook.auto_paused !== true &&
		webhook.url === context.getNodeWebhookUrl('default') &&
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
}

async function createWebhook(context: IHookFunctions): Promise<boolean> {
	const url = context.getNodeWebhookUrl('default') as string;
	const events = context.getNodeParameter('events', []) as string[];
	const client = new ServiceClient(context, speakrProfile);
	if (events.length === 0) {
		throw client.error({
			message: 'Choose at least one event for the Speakr Trigger',
			hint: 'Open the trigger and pick the events that should start the workflow.',
		});
	}
	const workflowName = context.getWorkflow().name ?? context.getWorkflow().id ?? 'workflow';
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
	if (response.status === 400 && CSRF_REFUSAL.test(said)) {
		// Speakr's CSRF check: a change needs a valid token in a header, so this token was not accepted.
		throw client.error({
			status: 400,
			message:
				'Speakr did not accept the API token for creating the webhook, so the trigger is not active',
			serviceMessage: said,
			hint: 'The token is wrong, expired or revoked, or it is not sent in a header. Create a new token in Speakr under Settings → API Tokens and use a header scheme (Send Token As: Authorization: Bearer Header).',
			request: 'POST /api/v1/webhooks',
		});
	}
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
	if (typeof webhook?.id !== 'number' || typeof webhook.secret !== 'string' || !webhook.secret) {
		throw client.error({
			message: 'Speakr created the webhook but returned no id or signing secret',
			hint: 'The Speakr version may not be supported. Please report it with the server version.',
			request: 'POST /api/v1/webhooks',
		});
	}
	const data = staticDataOf(context);
	data.webhookId = webhook.id;
	// Shown once by Speakr: kept in the workflow's static data to verify every delivery.
	data.secret = webhook.secret;
	data.deliveries = [];
	return true;
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

	webhookMethods = registrationHooks({
		isUsable: webhookIsUsable,
		create: createWebhook,
		async remove(context) {
			const data = staticDataOf(context);
			if (data.webhookId !== undefined) {
				// 404: already deleted in Speakr, which is what we want.
				await new ServiceClient(context, speakrProfile).send({
					method: 'DELETE',
					path: `/webhooks/${data.webhookId}`,
					passStatuses: [404],
				});
			}
			delete data.webhookId;
			delete data.secret;
			delete data.deliveries;
		},
	});

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const data = staticDataOf(this);
		const rawBody = rawBodyOf(this);
		// Speakr treats a 4xx as final, so it does not retry a refused delivery.
		const refuse = (status: number, reason: string) => refuseDelivery(this, status, reason);

		// Everything below is read from the signed bytes; Speakr-Event, Speakr-Delivery-Id, Speakr-Timestamp and the
		// Content-Type are not signed, so a resent body (e.g. as text/plain with another Speakr-Event) cannot steer it.
		const delivery = readSignedDelivery(data.secret, rawBody, this.getHeaderData() as IDataObject);
		if ('refused' in delivery) return refuse(delivery.refused, delivery.reason);
		const now = Date.now();
		if (Math.abs(now - delivery.signedAt) > MAX_DELIVERY_AGE_MS) {
			return refuse(
				400,
				`Delivery signed at ${new Date(delivery.signedAt).toISOString()}, more than ${MAX_DELIVERY_AGE_MS / 60_000} minutes from this server's time: replayed or late deliveries are refused`,
			);
		}
		const deliveryId = delivery.id;
		const seen = Array.isArray(data.deliveries) ? data.deliveries : [];
		const triggerKey = `${String(this.getWorkflow().id)}:${this.getNode().id}`;
		if (seen.includes(deliveryId) || !rememberInProcess(triggerKey, deliveryId, now)) {
			return { webhookResponse: { received: true, duplicate: true } };
		}
		data.deliveries = [...seen, deliveryId].slice(-REMEMBERED_DELIVERIES);

		const body = delivery.body;
		const type = delivery.type;
		const events = this.getNodeParameter('events', []) as string[];
		// Speakr only sends subscribed events, except its "Send test" button (webhook.test), which is let through.
		if (type !== 'webhook.test' && !events.includes(type)) {
			return { webhookResponse: { received: true, ignored: type } };
		}

		const output: IDataObject = { ...body, delivery_id: deliveryId };
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

		return { workflowData: [this.helpers.returnJsonArray([output])] };
	}
}
