import { createHmac } from 'node:crypto';

import { AutoPi } from '../../nodes/AutoPi/AutoPi.node';
import {
	AutoPiCommandTrigger,
	verifyAutoPiSignature,
} from '../../nodes/AutoPi/AutoPiCommandTrigger.node';
import { AUTOPI_TOKEN, startFakeAutoPi, type FakeAutoPi } from '../fakes/autopi.cjs';
import { NodeHost, startWebhookReceiver, type WebhookReceiver } from '../harness/contexts.cjs';
import { jsonOf, runNode } from '../harness/engine.cjs';
import { locator, loginCredentials, tokenCredentials } from './helpers.cjs';

let autopi: FakeAutoPi;
let receiver: WebhookReceiver;
let host: NodeHost;

const makeHost = (parameters: Record<string, unknown> = {}, credentials?: unknown) =>
	new NodeHost({
		node: new AutoPiCommandTrigger(),
		parameters: { includeTimeouts: true, commands: '', ...parameters },
		credentials: (credentials ?? tokenCredentials(autopi)) as never,
		webhookBaseUrl: receiver.baseUrl,
	});

const callbackUrl = () => String(host.hookContext().getNodeWebhookUrl('default'));

/** Device → Execute Command with this trigger's URL as Callback URL, as a workflow would do it. */
async function execute(command = 'obd.query', login = false) {
	const result = await runNode({
		node: new AutoPi(),
		parameters: {
			resource: 'device',
			operation: 'executeCommand',
			deviceId: locator(autopi.state.devices[0].id),
			command,
			arg: '["speed"]',
			kwarg: '{}',
			options: { callbackUrl: callbackUrl(), callbackTimeout: 30 },
		},
		credentials: (login ? loginCredentials(autopi) : tokenCredentials(autopi)) as never,
	});
	expect(result.error).toBeUndefined();
	return jsonOf(result.items)[0];
}

beforeAll(async () => {
	autopi = await startFakeAutoPi({ devices: 1 });
	receiver = await startWebhookReceiver(() => host);
});
afterAll(async () => {
	await receiver.close();
	await autopi.close();
});
beforeEach(() => {
	autopi.state.commands = [];
	receiver.runs.length = 0;
	receiver.calls.length = 0;
	host = makeHost();
});

describe('AutoPi Command Result Trigger → signed callbacks (real HTTP, raw body)', () => {
	test('Execute Command → the signed result starts one run with job, device and return value', async () => {
		const sent = await execute();
		expect(sent.callback_url).toBe(callbackUrl());
		const delivery = await autopi.sendCallback(0, 'COMMAND_EXECUTED', {
			returnValue: { value: 42, _type: 'speed' },
		});
		expect(delivery.status).toBe(200);
		expect(receiver.runs).toHaveLength(1);
		expect(jsonOf(receiver.runs[0][0])).toEqual([
			{
				jid: sent.jid,
				state: 'COMMAND_EXECUTED',
				timedOut: false,
				success: true,
				device_id: autopi.state.devices[0].id,
				unit_id: autopi.state.devices[0].unit_id,
				command: 'obd.query',
				arguments: ['speed'],
				return: { value: 42, _type: 'speed' },
				retcode: 0,
				stamp: expect.any(String),
				tag: `salt/job/${String(sent.jid)}/ret/${autopi.state.devices[0].unit_id}`,
			},
		]);
	});

	test('a TIMEOUT and the late result after it: two runs, the first marked timedOut', async () => {
		await execute();
		await autopi.sendCallback(0, 'TIMEOUT');
		await autopi.sendCallback(0, 'COMMAND_EXECUTED');
		expect(receiver.runs.map((run) => jsonOf(run[0])[0].state)).toEqual([
			'TIMEOUT',
			'COMMAND_EXECUTED',
		]);
		expect(jsonOf(receiver.runs[0][0])[0]).toMatchObject({ timedOut: true, command: null });
	});

	test('Include Timeouts off: a TIMEOUT is acknowledged (no AutoPi retry) but starts nothing', async () => {
		host = makeHost({ includeTimeouts: false });
		await execute();
		const delivery = await autopi.sendCallback(0, 'TIMEOUT');
		expect(delivery.status).toBe(200);
		expect(receiver.runs).toHaveLength(0);
	});

	test('Commands filter: other commands are acknowledged and start nothing', async () => {
		host = makeHost({ commands: 'power.status, obd.query' });
		await execute('state.sls');
		await execute('obd.query');
		await autopi.sendCallback(0, 'COMMAND_EXECUTED');
		await autopi.sendCallback(1, 'COMMAND_EXECUTED');
		expect(receiver.runs.map((run) => jsonOf(run[0])[0].command)).toEqual(['obd.query']);
	});

	test.each([
		['signed with another key', { signWith: 'not-the-token' }],
		['signed with the token plus a space', { signWith: `${AUTOPI_TOKEN} ` }],
	])('a callback %s: 401, no run', async (_name, options) => {
		await execute();
		const delivery = await autopi.sendCallback(0, 'COMMAND_EXECUTED', options);
		expect(delivery.status).toBe(401);
		expect(receiver.runs).toHaveLength(0);
	});

	test('unsigned, tampered or not a callback: refused, no run', async () => {
		await execute();
		const url = callbackUrl();
		const raw = JSON.stringify({ jid: '1', state: 'COMMAND_EXECUTED', success: true });
		const sign = (body: string) => createHmac('sha256', AUTOPI_TOKEN).update(body).digest('hex');
		const post = async (body: string, headers: Record<string, string>) =>
			(
				await fetch(url, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json', ...headers },
					body,
				})
			).status;
		expect(await post(raw, {})).toBe(401);
		expect(await post(raw.replace('"1"', '"2"'), { 'X-Request-Signature': sign(raw) })).toBe(401);
		expect(
			await post('{"hello":"world"}', { 'X-Request-Signature': sign('{"hello":"world"}') }),
		).toBe(400);
		expect(receiver.runs).toHaveLength(0);
		// A correctly signed body is judged on its signed bytes, whatever the Content-Type says.
		const asText = await fetch(url, {
			method: 'POST',
			headers: { 'Content-Type': 'text/plain', 'X-Request-Signature': sign(raw) },
			body: raw,
		});
		expect(asText.status).toBe(200);
		expect(jsonOf(receiver.runs[0][0])[0]).toMatchObject({ jid: '1', state: 'COMMAND_EXECUTED' });
	});

	test('email + password: the callback is signed with the session token of the execute call', async () => {
		await execute('obd.query', true);
		const token = autopi.state.commands[0].token;
		expect(token).toMatch(/^eyJ/);
		// The credential n8n holds after the sign-in carries the same session token.
		host = makeHost({}, loginCredentials(autopi, { sessionToken: token }));
		const delivery = await autopi.sendCallback(0, 'COMMAND_EXECUTED');
		expect(delivery.status).toBe(200);
		expect(receiver.runs).toHaveLength(1);
	});
});

describe('verifyAutoPiSignature', () => {
	const body = Buffer.from('{"jid":"1"}');
	const good = createHmac('sha256', 'k').update(body).digest('hex');
	test.each<[string, unknown, boolean]>([
		['the right hex signature', good, true],
		['upper-case hex', good.toUpperCase(), true],
		['missing', undefined, false],
		['not hex', 'z'.repeat(64), false],
		['too short', good.slice(0, 10), false],
		['an array of headers', [good], false],
	])('%s → %s', (_name, signature, expected) => {
		expect(verifyAutoPiSignature(['k'], body, signature)).toBe(expected);
	});
	test('an empty key never verifies', () => {
		const empty = createHmac('sha256', '').update(body).digest('hex');
		expect(verifyAutoPiSignature([''], body, empty)).toBe(false);
	});
});

describe('AutoPi Command Result Trigger → activation', () => {
	test('nothing is registered at AutoPi; activation checks the credential', async () => {
		autopi.resetStats();
		expect(await host.activate()).toBe(true);
		expect(autopi.stats.log.map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			'GET /auth/user/',
		]);
		expect(await host.deactivate()).toBe(true);
	});

	test('a wrong API token fails the activation with the credential hint', async () => {
		host = makeHost({}, tokenCredentials(autopi, { apiToken: 'apt_wrong_token' }));
		await expect(host.activate()).rejects.toThrow(/401|token|credential/i);
	});
});
