import { jsonParse, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { fieldGroup } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { requireText } from '../../../shared/validate';
import { deviceLocator } from '../../locators';
import { inputError } from '../../../shared/inputError';

function parseJson(
	context: IExecuteFunctions,
	raw: unknown,
	label: string,
	kind: 'array' | 'object',
	itemIndex: number,
): unknown {
	const fail = (why: string) => {
		throw inputError(context.getNode(), `${label} ${why}`, {
			itemIndex,
			description:
				kind === 'array'
					? 'Enter a JSON array such as ["pending"], or leave it empty.'
					: 'Enter a JSON object such as {"force": true}, or leave it empty.',
		});
	};
	let value: unknown = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') return kind === 'array' ? [] : {};
		try {
			value = jsonParse(raw);
		} catch {
			fail('is not valid JSON');
		}
	}
	if (value === undefined || value === null) return kind === 'array' ? [] : {};
	if (kind === 'array' && !Array.isArray(value)) fail('must be a JSON array');
	if (kind === 'object' && (typeof value !== 'object' || Array.isArray(value)))
		fail('must be a JSON object');
	return value;
}

export const deviceExecuteCommand: Operation = {
	option: {
		name: 'Execute Command',
		value: 'executeCommand',
		action: 'Execute a command on a device',
		description:
			'Send a command (e.g. obd.query) to an AutoPi device. AutoPi answers at once with a job ID (jid); the command result arrives later and asynchronously at the callback URL, if one is given.',
	},
	properties: [
		deviceLocator.property(),
		{
			displayName:
				'Results of commands arrive asynchronously: this operation returns the job ID (jid) only. Give a Callback URL to receive the result: the Production URL of an AutoPi Command Result Trigger checks its signature and starts a workflow with it.',
			name: 'asyncNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Command',
			name: 'command',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. obd.query',
			description: 'The command to run on the device, e.g. obd.query, state.sls or power.status',
		},
		{
			displayName: 'Arguments (JSON Array)',
			name: 'arg',
			type: 'json',
			default: '[]',
			description: 'Positional arguments of the command, e.g. ["speed"] for obd.query',
		},
		{
			displayName: 'Keyword Arguments (JSON Object)',
			name: 'kwarg',
			type: 'json',
			default: '{}',
			description: 'Keyword arguments of the command, e.g. {"mode": "01", "pid": "0D"}',
		},
		fieldGroup(
			'options',
			[
				{
					displayName: 'Callback URL',
					name: 'callbackUrl',
					type: 'string',
					default: '',
					placeholder: 'e.g. https://n8n.example.com/webhook/…/command-result',
					description:
						'Where AutoPi POSTs the result when the device has run the command (or a TIMEOUT notice). The body is signed: X-Request-Signature is the hex HMAC-SHA256 of the raw body keyed with your API token.',
				},
				{
					displayName: 'Callback Timeout (Seconds)',
					name: 'callbackTimeout',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 600 },
					default: 120,
					description:
						'How long AutoPi waits for the device before it sends a TIMEOUT callback (1 to 600 seconds); only used with a Callback URL',
				},
			],
			{ placeholder: 'Add option' },
		),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const node = this.getNode();
		const deviceId = deviceLocator.read(this, itemIndex);
		const command = requireText(
			node,
			this.getNodeParameter('command', itemIndex, ''),
			'Command',
			itemIndex,
		);
		if (/\s/.test(command)) {
			throw inputError(this.getNode(), `Command "${command.slice(0, 60)}" contains spaces`, {
				itemIndex,
				description:
					'Enter only the command name (e.g. obd.query) and put its arguments in Arguments (JSON Array).',
			});
		}
		const body: IDataObject = {
			command,
			arg: parseJson(
				this,
				this.getNodeParameter('arg', itemIndex, '[]'),
				'Arguments',
				'array',
				itemIndex,
			) as IDataObject[],
			kwarg: parseJson(
				this,
				this.getNodeParameter('kwarg', itemIndex, '{}'),
				'Keyword Arguments',
				'object',
				itemIndex,
			) as IDataObject,
		};
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const callbackUrl = typeof options.callbackUrl === 'string' ? options.callbackUrl.trim() : '';
		if (callbackUrl) {
			let url: URL | undefined;
			try {
				url = new URL(callbackUrl);
			} catch {
				url = undefined;
			}
			if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
				throw inputError(
					this.getNode(),
					`Callback URL "${callbackUrl.slice(0, 80)}" is not a valid http(s) URL`,
					{
						itemIndex,
						description:
							'Enter the full address AutoPi should call, e.g. the production URL of an n8n Webhook node.',
					},
				);
			}
			body.callback_url = url.toString();
			if (options.callbackTimeout !== undefined) {
				const timeout = Number(options.callbackTimeout);
				if (!Number.isInteger(timeout) || timeout < 1 || timeout > 600) {
					throw inputError(
						this.getNode(),
						'Callback Timeout must be a whole number of seconds from 1 to 600',
						{ itemIndex, description: 'AutoPi accepts 1 to 600 seconds.' },
					);
				}
				body.callback_timeout = timeout;
			}
		}
		const response = await client.request<IDataObject>({
			method: 'POST',
			path: `/dongle/devices/${deviceId}/execute/`,
			body,
			headers: { 'Content-Type': 'application/json' },
		});
		return {
			...(response ?? {}),
			device_id: deviceId,
			command,
			callback_url: body.callback_url ?? null,
		};
	},
};
