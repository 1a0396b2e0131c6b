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
	webhookUrl?: string;
	/** Notification id per event. */
	notifications?: IDataObject;
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

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as TriggerState;
				const stored = (state.notifications ?? {}) as Record<string, string>;
				const events = chosenEvents(this);
				const webhookUrl = this.getNodeWebhookUrl('default');
				// Nothing stored: no need to ask the server (every call costs it an argon2 check).
				if (
					!state.secret ||
					state.webhookUrl !== webhookUrl ||
					Object.keys(stored).sort().join() !== [...events].sort().join()
				)
					return false;
				const client = new ServiceClient(this, audioBookRequestProfile);
				const list = await client.request<unknown>({
					method: 'GET',
					path: '/settings/notifications',
				});
				if (!Array.isArray(list)) return false;
				return events.every((event) => {
					const found = (list as IDataObject[]).find(
						(notification) => notification.id === stored[event],
					);
					const headers = (found?.headers ?? {}) as IDataObject;
					return (
						found !== undefined &&
						found.url === webhookUrl &&
						found.event === event &&
						found.enabled === true &&
						headers[DELIVERY_HEADER] === state.secret
					);
				});
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as TriggerState;
				const events = chosenEvents(this);
				const webhookUrl = this.getNodeWebhookUrl('default');
				if (!webhookUrl) {
					throw new NodeOperationError(this.getNode(), 'n8n has no webhook URL for this trigger', {
						description: 'Set WEBHOOK_URL for this n8n instance so AudioBookRequest can reach it.',
					});
				}
				const client = new ServiceClient(this, audioBookRequestProfile);
				// Remove what an earlier activation left behind: a stale secret would be rejected, and one failing
				// notification stops AudioBookRequest from sending the others of that event.
				const existing = await client.request<unknown>({
					method: 'GET',
					path: '/settings/notifications',
				});
				const storedIds = Object.values((state.notifications ?? {}) as Record<string, string>);
				const leftovers = (Array.isArray(existing) ? (existing as IDataObject[]) : []).filter(
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
				const workflow = this.getWorkflow();
				const notifications: Record<string, string> = {};
				state.secret = secret;
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
							body: bodyTemplate(event),
							headers: JSON.stringify({ [DELIVERY_HEADER]: secret }),
						},
					});
					const id = typeof created?.id === 'string' ? created.id : undefined;
					if (!id) {
						throw new NodeOperationError(
							this.getNode(),
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
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as TriggerState;
				const stored = (state.notifications ?? {}) as Record<string, string>;
				const client = new ServiceClient(this, audioBookRequestProfile);
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
				delete state.webhookUrl;
				return true;
			},
		},
	};

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
		const body =
			Buffer.isBuffer(request.rawBody) && request.rawBody.length > 0
				? request.rawBody
				: this.getBodyData();
		const { fields, recovered } = parseDelivery(body);
		return { workflowData: [this.helpers.returnJsonArray([eventOutput(fields, recovered)])] };
	}
}
