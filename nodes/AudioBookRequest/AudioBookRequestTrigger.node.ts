import { randomBytes, timingSafeEqual } from 'crypto';
import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { registrationHooks } from '../shared/activation';
import { ServiceClient } from '../shared/transport';
import {
	bodyTemplate,
	eventOutput,
	EVENTS,
	parseDelivery,
	DELIVERY_HEADER,
	type AbrEvent,
} from './notifications';
import { audioBookRequestProfile } from './profile';

interface TriggerState extends IDataObject {
	secret?: string;
	/** Random marker of this activation's body template (see bodyTemplate). */
	boundary?: string;
	webhookUrl?: string;
	/** Notification id per event. */
	notifications?: IDataObject;
}

/**
 * GET /settings/notifications, the trigger's first call on activation. Only admins may manage notifications, and
 * AudioBookRequest answers a lower group's key with the same 401 as a wrong key: say both, and what to do.
 */
async function listNotifications(client: ServiceClient): Promise<IDataObject[]> {
	const response = await client.send<unknown>({
		method: 'GET',
		path: '/settings/notifications',
		passStatuses: [401],
	});
	if (response.status === 401) {
		throw client.error({
			status: 401,
			message:
				'AudioBookRequest refused to list its notifications: the trigger needs the API key of an admin user, and this key is not one (or it is wrong or deleted)',
			serviceMessage: audioBookRequestProfile.errorMessage(response.body),
			hint: 'Sign in to AudioBookRequest as an admin, create an API key under Settings → Account and put it in the credential. AudioBookRequest answers 401 both for a wrong key and for a user whose group is too low.',
			request: 'GET /api/settings/notifications',
		});
	}
	return Array.isArray(response.body) ? (response.body as IDataObject[]) : [];
}

function chosenEvents(context: IHookFunctions): AbrEvent[] {
	const events = (context.getNodeParameter('events', []) as string[]).filter(
		(event): event is AbrEvent => (EVENTS as readonly string[]).includes(event),
	);
	if (events.length === 0) {
		throw new NodeOperationError(context.getNode(), 'Choose at least one event', {
			description: 'Pick New Request, Download Succeeded and/or Download Failed under Events.',
		});
	}
	return events;
}

async function notificationsAreUsable(context: IHookFunctions): Promise<boolean> {
	const state = context.getWorkflowStaticData('node') as TriggerState;
	const stored = (state.notifications ?? {}) as Record<string, string>;
	const events = chosenEvents(context);
	const webhookUrl = context.getNodeWebhookUrl('default');
	// Nothing stored: no need to ask the server (every call costs it an argon2 check).
	if (
		!state.secret ||
		!state.boundary ||
		state.webhookUrl !== webhookUrl ||
		Object.keys(stored).sort().join() !== [...events].sort().join()
	)
		return false;
	const list = await listNotifications(new ServiceClient(context, audioBookRequestProfile));
	const boundary = state.boundary;
	return events.every((event) => {
		const found = list.find((notification) => notification.id === stored[event]);
		const headers = (found?.headers ?? {}) as IDataObject;
		return (
			found !== undefined &&
			found.url === webhookUrl &&
			found.event === event &&
			found.enabled === true &&
			found.body === bodyTemplate(event, boundary) &&
			headers[DELIVERY_HEADER] === state.secret
		);
	});
}

async function createNotifications(context: IHookFunctions): Promise<boolean> {
	const state = context.getWorkflowStaticData('node') as TriggerState;
	const events = chosenEvents(context);
	const webhookUrl = context.getNodeWebhookUrl('default');
	if (!webhookUrl) {
		throw new NodeOperationError(context.getNode(), 'n8n has no webhook URL for this trigger', {
			description: 'Set WEBHOOK_URL for this n8n instance so AudioBookRequest can reach it.',
		});
	}
	const client = new ServiceClient(context, audioBookRequestProfile);
	// Remove what an earlier activation left behind: a stale secret would be rejected, and one failing
	// notification stops AudioBookRequest from sending the others of that event.
	const existing = await listNotifications(client);
	const storedIds = Object.values((state.notifications ?? {}) as Record<string, string>);
	const leftovers = existing.filter(
		(notification) =>
			notification.url === webhookUrl || storedIds.includes(String(notification.id)),
	);
	for (const notification of leftovers) {
		await client.send({
			method: 'DELETE',
			path: `/settings/notifications/${String(notification.id)}`,
			passStatuses: [404],
		});
	}

	const secret = randomBytes(32).toString('hex');
	const boundary = `n8n-${randomBytes(16).toString('hex')}`;
	const workflow = context.getWorkflow();
	const notifications: Record<string, string> = {};
	state.secret = secret;
	state.boundary = boundary;
	state.webhookUrl = webhookUrl;
	state.notifications = notifications;
	for (const event of events) {
		const created = await client.request<IDataObject>({
			method: 'POST',
			path: '/settings/notifications',
			body: {
				name: `n8n: ${workflow.name ?? workflow.id ?? 'workflow'} (${event})`,
				url: webhookUrl,
				event_type: event,
				body_type: 'text',
				body: bodyTemplate(event, boundary),
				headers: JSON.stringify({ [DELIVERY_HEADER]: secret }),
			},
		});
		const id = typeof created?.id === 'string' ? created.id : undefined;
		if (!id) {
			throw new NodeOperationError(
				context.getNode(),
				'AudioBookRequest did not return the id of the notification it created',
				{
					description:
						'The server version may not be supported (this node follows AudioBookRequest 1.10).',
				},
			);
		}
		notifications[event] = id;
		// The enable route toggles: call it only when the new notification is off.
		if (created.enabled === false) {
			await client.request({ method: 'PATCH', path: `/settings/notifications/${id}/enable` });
		}
	}
	return true;
}

export class AudioBookRequestTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AudioBookRequest Trigger',
		name: 'audioBookRequestTrigger',
		icon: {
			light: 'file:../../icons/audiobookrequest.svg',
			dark: 'file:../../icons/audiobookrequest.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description:
			'Starts the workflow when AudioBookRequest sends a notification: new request, download succeeded or download failed',
		defaults: { name: 'AudioBookRequest Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'audioBookRequestApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					"Needs an admin API key: on activation the node adds one AudioBookRequest notification per event (Settings → Notifications) pointing at this workflow, and removes them on deactivation. AudioBookRequest must be able to reach n8n's webhook URL. Requests created through the API (including this package's Request → Create) fire no New Request notification — only requests made in the AudioBookRequest web UI do.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['onNewRequest'],
				options: [
					{
						name: 'Download Failed',
						value: 'onFailedDownload',
						description: 'An indexer grab was rejected by the download client',
					},
					{
						name: 'Download Succeeded',
						value: 'onSuccessfulDownload',
						description:
							'A book or manual request was marked downloaded, or a download was started successfully',
					},
					{
						name: 'New Request',
						value: 'onNewRequest',
						description: 'A user requested a book in the AudioBookRequest web UI',
					},
				],
				description: 'Which AudioBookRequest events start the workflow',
			},
		],
	};

	webhookMethods = registrationHooks({
		isUsable: notificationsAreUsable,
		create: createNotifications,
		async remove(context) {
			const state = context.getWorkflowStaticData('node') as TriggerState;
			const stored = (state.notifications ?? {}) as Record<string, string>;
			const client = new ServiceClient(context, audioBookRequestProfile);
			for (const id of Object.values(stored)) {
				// 404: already deleted (e.g. in the AudioBookRequest settings), which is what we want.
				await client.send({
					method: 'DELETE',
					path: `/settings/notifications/${id}`,
					passStatuses: [404],
				});
			}
			delete state.notifications;
			delete state.secret;
			delete state.boundary;
			delete state.webhookUrl;
		},
	});

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const state = this.getWorkflowStaticData('node') as TriggerState;
		const presented = this.getHeaderData()[DELIVERY_HEADER.toLowerCase()];
		const expected = typeof state.secret === 'string' ? Buffer.from(state.secret) : undefined;
		const given = typeof presented === 'string' ? Buffer.from(presented) : undefined;
		const valid =
			!!expected && !!given && expected.length === given.length && timingSafeEqual(expected, given);
		if (!valid) {
			const response = this.getResponseObject();
			response.status(401).json({ message: 'Missing or wrong secret header' });
			return { noWebhookResponse: true };
		}
		const request = this.getRequestObject() as unknown as { rawBody?: Buffer; body?: unknown };
		const body = this.getBodyData() as unknown;
		const text = Buffer.isBuffer(request.rawBody)
			? request.rawBody.toString('utf8')
			: typeof body === 'string'
				? body
				: '';
		const events = (this.getNodeParameter('events', []) as string[]).filter(
			(event): event is AbrEvent => (EVENTS as readonly string[]).includes(event),
		);
		const delivery = parseDelivery(text, state.boundary ?? '', events);
		// Not this activation's template (e.g. the notification was edited in AudioBookRequest): handed over as text,
		// never taken apart, since AudioBookRequest inserts values unescaped.
		const output = delivery
			? eventOutput(delivery.event, delivery.fields)
			: { event: null, body: text };
		return { workflowData: [this.helpers.returnJsonArray([output])] };
	}
}
