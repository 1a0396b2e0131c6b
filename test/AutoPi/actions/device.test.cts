import { AutoPi } from '../../../nodes/AutoPi/AutoPi.node';
import { jsonOf, runNode } from '../../harness/engine.cjs';
import { AUTOPI_TOKEN, startFakeAutoPi, type FakeAutoPi } from '../../fakes/autopi.cjs';
import { locator, queryOf, tokenCredentials } from '../helpers.cjs';

let autopi: FakeAutoPi;
beforeAll(async () => {
	autopi = await startFakeAutoPi({ devices: 130 });
});
afterAll(async () => await autopi.close());
beforeEach(() => {
	autopi.resetStats();
	autopi.clearFaults();
	autopi.options.devicesShape = 'array';
	autopi.state.commands = [];
});

const first = () => autopi.state.devices[0];

describe('AutoPi → Device → Get Many', () => {
	test('a plain-array answer is one request; Limit is applied in the node; secrets never leave', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: { resource: 'device', operation: 'getAll', limit: 5, simplify: false },
			credentials: tokenCredentials(autopi),
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.items).map((d) => d.id)).toEqual(
			autopi.state.devices.slice(0, 5).map((d) => d.id),
		);
		expect(autopi.stats.requests).toBe(1);
		expect(autopi.stats.log[0].path).toBe('/dongle/devices/');
		expect(result.items[0].json).not.toHaveProperty('token');
		expect(result.serialized).not.toContain('device-secret-1');
	});

	test('a DRF envelope with a capped page size is read by following next links (Return All)', async () => {
		autopi.options.devicesShape = 'paged';
		const result = await runNode({
			node: new AutoPi(),
			parameters: { resource: 'device', operation: 'getAll', returnAll: true, simplify: true },
			credentials: tokenCredentials(autopi),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(130);
		expect(Object.keys(result.items[0].json).sort()).toEqual([
			'callName',
			'display',
			'id',
			'imei',
			'last_communication',
			'unit_id',
			'vehicle',
		]);
		expect(autopi.stats.log.map((entry) => queryOf(entry))).toEqual([
			{ page: '1', page_size: '500' },
			{ page: '2', page_size: '500' },
		]);
	});

	test('Limit ≤ page size is one request with page_size = Limit', async () => {
		autopi.options.devicesShape = 'paged';
		const result = await runNode({
			node: new AutoPi(),
			parameters: { resource: 'device', operation: 'getAll', limit: 7 },
			credentials: tokenCredentials(autopi),
		});
		expect(result.items).toHaveLength(7);
		expect(autopi.stats.requests).toBe(1);
		expect(queryOf(autopi.stats.log[0])).toEqual({ page: '1', page_size: '7' });
	});
});

describe('AutoPi → Device → Get', () => {
	test('by device ID (resource locator) → GET /dongle/devices/{id}/', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'device',
				operation: 'get',
				lookUpBy: 'id',
				deviceId: locator(first().id.toUpperCase()),
				simplify: true,
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			id: first().id,
			unit_id: first().unit_id,
			display: 'Van 1',
		});
		expect(autopi.stats.log[0].path).toBe(`/dongle/devices/${first().id}/`);
	});

	test('by unit ID → GET /dongle/devices/by_unit_id/{unit_id}/', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'device',
				operation: 'get',
				lookUpBy: 'unitId',
				unitId: ` ${first().unit_id} `,
				simplify: true,
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.items[0].json.id).toBe(first().id);
		expect(autopi.stats.log[0].path).toBe(`/dongle/devices/by_unit_id/${first().unit_id}/`);
	});

	test('an unknown device answers AutoPi\'s 404 {"detail"} with a hint about device vs unit ID', async () => {
		const missing = '00000000-0000-4000-8000-0000000000ff';
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'device',
				operation: 'get',
				lookUpBy: 'id',
				deviceId: locator(missing),
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.error?.message).toBe('AutoPi answered 404 Not Found: Not found. [item 0]');
		expect(result.error?.description).toMatch(/not the unit ID/);
		expect(result.serialized).not.toContain(AUTOPI_TOKEN);
	});

	test('Continue On Fail: a bad item becomes an error item with its pairedItem, the good one still runs', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'device',
				operation: 'get',
				lookUpBy: 'id',
				deviceId: locator('={{ $json.id }}'),
			},
			credentials: tokenCredentials(autopi),
			continueOnFail: true,
			input: [
				{ json: { id: '00000000-0000-4000-8000-0000000000ff' } },
				{ json: { id: first().id } },
				{ json: { id: 'not-a-uuid' } },
			],
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json.error).toMatch(/404 Not Found: Not found\. \[item 0\]/);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[1].json.id).toBe(first().id);
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(result.items[2].json.error).toMatch(/Device ID "not-a-uuid" is not valid \[item 2\]/);
		expect(result.items[2].pairedItem).toEqual({ item: 2 });
		expect(autopi.stats.requests).toBe(2);
		expect(result.serialized).not.toContain(AUTOPI_TOKEN);
	});

	test.each([
		// Mapped from the input, so that n8n's own parameter check in the editor cannot catch them first.
		[
			'an empty device ID',
			{ lookUpBy: 'id', deviceId: locator('={{ $json.value }}') },
			'',
			/Device ID is empty/,
		],
		[
			'a device ID with a slash',
			{ lookUpBy: 'id', deviceId: locator('={{ $json.value }}') },
			'../auth/user',
			/Device ID "..\/auth\/user" is not valid/,
		],
		[
			'a malformed unit ID',
			{ lookUpBy: 'unitId', unitId: '={{ $json.value }}' },
			'1234',
			/Unit ID "1234" is not valid/,
		],
	])('%s is refused before any request', async (_name, parameters, value, message) => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: { resource: 'device', operation: 'get', ...parameters },
			credentials: tokenCredentials(autopi),
			input: [{ json: { value } }],
		});
		expect(result.error?.message).toMatch(message);
		expect(autopi.stats.requests).toBe(0);
	});
});

describe('AutoPi → Device → Execute Command', () => {
	test('POSTs {command, arg, kwarg, callback_url, callback_timeout} as JSON and returns the job ID', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'device',
				operation: 'executeCommand',
				deviceId: locator(first().id),
				command: 'obd.query',
				arg: '["speed"]',
				kwarg: '{"mode": "01", "pid": "0D"}',
				options: { callbackUrl: 'https://n8n.example.com/webhook/autopi', callbackTimeout: 60 },
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.error).toBeUndefined();
		expect(autopi.stats.log[0]).toMatchObject({
			method: 'POST',
			path: `/dongle/devices/${first().id}/execute/`,
		});
		expect(autopi.stats.log[0].headers['content-type']).toMatch(/application\/json/);
		expect(autopi.state.commands[0].body).toEqual({
			command: 'obd.query',
			arg: ['speed'],
			kwarg: { mode: '01', pid: '0D' },
			callback_url: 'https://n8n.example.com/webhook/autopi',
			callback_timeout: 60,
		});
		expect(result.items[0].json).toMatchObject({
			jid: expect.any(String),
			minions: [first().unit_id],
			device_id: first().id,
			command: 'obd.query',
		});
	});

	test('without a callback URL neither callback field is sent', async () => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'device',
				operation: 'executeCommand',
				deviceId: locator(first().id),
				command: 'power.status',
				arg: '',
				kwarg: '',
				options: { callbackTimeout: 60 },
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.error).toBeUndefined();
		expect(autopi.state.commands[0].body).toEqual({ command: 'power.status', arg: [], kwarg: {} });
	});

	test('a failing POST is not retried (it may have reached the device)', async () => {
		autopi.injectFault({ kind: '503', match: (request) => request.method === 'POST' });
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'device',
				operation: 'executeCommand',
				deviceId: locator(first().id),
				command: 'power.status',
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.error?.message).toMatch(/503/);
		expect(autopi.stats.requests).toBe(1);
	});

	test.each([
		['an empty command', { command: '  ' }, /Command is empty/],
		['a command with spaces', { command: 'state.sls pending' }, /contains spaces/],
		[
			'arguments that are not an array',
			{ command: 'obd.query', arg: '{"a":1}' },
			/Arguments must be a JSON array/,
		],
		[
			'keyword arguments that are not JSON',
			{ command: 'obd.query', kwarg: '{mode:' },
			/Keyword Arguments is not valid JSON/,
		],
		[
			'a callback URL that is not http(s)',
			{ command: 'obd.query', options: { callbackUrl: 'ftp://x' } },
			/Callback URL "ftp:\/\/x" is not a valid http\(s\) URL/,
		],
		[
			'a callback timeout above 600',
			{ command: 'obd.query', options: { callbackUrl: 'https://x.example', callbackTimeout: 601 } },
			/Callback Timeout must be a whole number of seconds from 1 to 600/,
		],
	])('%s is refused before any request', async (_name, parameters, message) => {
		const result = await runNode({
			node: new AutoPi(),
			parameters: {
				resource: 'device',
				operation: 'executeCommand',
				deviceId: locator(first().id),
				...parameters,
			},
			credentials: tokenCredentials(autopi),
		});
		expect(result.error?.message).toMatch(message);
		expect(autopi.stats.requests).toBe(0);
	});
});
