import { createHmac, timingSafeEqual } from 'crypto';
import {
	jsonParse,
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { rawBodyOf, refuseDelivery } from '../shared/delivery';
import { ServiceClient } from '../shared/transport';
import { autoPiProfile } from './profile';

/** The states AutoPi reports in a command callback. */
const STATES = ['COMMAND_EXECUTED', 'TIMEOUT'];

/**
 * AutoPi signs a command callback with the token that executed the command: X-Request-Signature is the hex
 * HMAC-SHA256 of the raw body, keyed with the API token (or the session token of an email + password login).
 */
export function verifyAutoPiSignature(
	keys: readonly string[],
	rawBody: Buffer,
	signature: unknown,
): boolean {
	if (typeof signature !== 'string' || !/^[0-9a-fA-F]{64}$/.test(signature.trim())) return false;
	const given = Buffer.from(signature.trim().toLowerCase(), 'hex');
	return keys.some((key) => {
		if (!key) return false;
		const expected = createHmac('sha256', key).update(rawBody).digest();
		return expected.length === given.length && timingSafeEqual(expected, given);
	});
}

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One flat item per callback: job, state, device and the command's return value. */
export function commandResult(body: IDataObject): IDataObject {
	const response = isRecord(body.response) ? body.response : {};
	const data = isRecord(response.data) ? response.data : {};
	return {
		jid: body.jid ?? data.jid ?? null,
		state: body.state ?? null,
		timedOut: body.state === 'TIMEOUT',
		success: body.success ?? data.success ?? null,
		device_id: body.device_id ?? null,
		unit_id: data.id ?? null,
		command: data.fun ?? null,
		arguments: data.fun_args ?? null,
		return: data.return ?? null,
		retcode: data.retcode ?? null,
		stamp: data._stamp ?? null,
		tag: response.tag ?? null,
	};
}

export class AutoPiCommandTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AutoPi Command Result Trigger',
		name: 'autoPiCommandTrigger',
		icon: { light: 'file:../../icons/autopi.svg', dark: 'file:../../icons/autopi.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Command results',
		description:
			'Starts the workflow when an AutoPi device has run a command sent by AutoPi → Device → Execute Command (signed callback), or when it timed out',
		defaults: { name: 'AutoPi Command Result Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'autoPiApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'command-result',
			},
		],
		properties: [
			{
				displayName:
					"Copy this node's Production URL into the Callback URL option of AutoPi → Device → Execute Command, and activate this workflow. Each callback is checked against its X-Request-Signature (HMAC-SHA256 keyed with the token that sent the command); unsigned or forged ones are refused with 401 and start nothing.",
				name: 'usageNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Include Timeouts',
				name: 'includeTimeouts',
				type: 'boolean',
				default: true,
				description:
					'Whether to start the workflow for TIMEOUT callbacks (the device did not answer within the callback timeout). A late result can still follow a timeout.',
			},
			{
				displayName: 'Commands',
				name: 'commands',
				type: 'string',
				default: '',
				placeholder: 'e.g. obd.query, power.status',
				description:
					'Only results of these commands, comma-separated. Leave empty for every command. Timeouts carry no command name and are not filtered by it.',
			},
		],
	};

	/**
	 * AutoPi has nothing to register: each command names its own callback URL. Activation checks the credential
	 * instead, so a wrong token fails there, visibly, rather than in every callback's signature check.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await new ServiceClient(this, autoPiProfile).request({
					method: 'GET',
					path: '/auth/user/',
				});
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const headers = this.getHeaderData() as IDataObject;
		const rawBody = rawBodyOf(this);
		const credentials = await this.getCredentials('autoPiApi');
		const keys =
			credentials.authType === 'emailPassword'
				? [String(credentials.sessionToken ?? '')]
				: [String(credentials.apiToken ?? '').trim()];
		if (!rawBody || !verifyAutoPiSignature(keys, rawBody, headers['x-request-signature'])) {
			// 401 and no run: a forged or unsigned callback. AutoPi retries only real deliveries that failed.
			return refuseDelivery(this, 401, 'Invalid or missing X-Request-Signature');
		}
		let body: unknown;
		try {
			// The signed bytes are the truth: parse them, not a body n8n may have parsed by another content type.
			body = jsonParse(rawBody.toString('utf8'));
		} catch {
			body = undefined;
		}
		if (!isRecord(body) || typeof body.jid !== 'string' || !STATES.includes(String(body.state))) {
			return refuseDelivery(
				this,
				400,
				'Not an AutoPi command callback (jid and state are required)',
			);
		}
		const result = commandResult(body);
		const includeTimeouts = this.getNodeParameter('includeTimeouts', true) as boolean;
		if (result.timedOut && !includeTimeouts) return { webhookResponse: { received: true } };
		const commands = String(this.getNodeParameter('commands', ''))
			.split(',')
			.map((command) => command.trim())
			.filter(Boolean);
		if (!result.timedOut && commands.length > 0 && !commands.includes(String(result.command))) {
			return { webhookResponse: { received: true } };
		}
		return { workflowData: [this.helpers.returnJsonArray([result])] };
	}
}
