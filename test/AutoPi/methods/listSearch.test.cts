import { LoadOptionsContext } from 'n8n-core';
import {
	Workflow,
	type INode,
	type INodeTypes,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { AutoPi } from '../../../nodes/AutoPi/AutoPi.node';
import { searchDevices, searchVehicles } from '../../../nodes/AutoPi/methods/listSearch';
import { PACKAGE, RealCredentialsHelper } from '../../harness/engine.cjs';
import { startFakeAutoPi, type FakeAutoPi } from '../../fakes/autopi.cjs';
import { loginCredentials, queryOf, tokenCredentials } from '../helpers.cjs';

let autopi: FakeAutoPi;
beforeAll(async () => {
	autopi = await startFakeAutoPi({ devices: 130 });
});
afterAll(async () => await autopi.close());
beforeEach(() => {
	autopi.resetStats();
	autopi.options.devicesShape = 'array';
	autopi.state.loginCount = 0;
});

/** n8n-core's real load-options context, with the real credential classes (no transport mocking). */
function loadOptionsContext(credentials: ReturnType<typeof tokenCredentials>) {
	const type = new AutoPi();
	const node: INode = {
		id: 'n',
		name: 'AutoPi',
		type: `${PACKAGE}.autoPi`,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { autoPiApi: { id: 'autoPiApi-id', name: 'autoPiApi' } },
	};
	const nodeTypes: INodeTypes = {
		getByName: () => type,
		getByNameAndVersion: () => type,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({
		id: 'ls',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: false,
	});
	const credentialsHelper = new RealCredentialsHelper(
		Object.fromEntries(Object.entries(credentials).map(([k, v]) => [k, { ...v }])),
	);
	const additionalData = {
		credentialsHelper,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters.deviceId');
}

describe('AutoPi list search', () => {
	test('devices from a plain array: name = display, value = device ID, filtered by the search text', async () => {
		const result = await searchDevices.call(loadOptionsContext(tokenCredentials(autopi)), 'van 12');
		expect(result.results.map((item) => item.name)).toEqual([
			'Van 12',
			'Van 120',
			'Van 121',
			'Van 122',
			'Van 123',
			'Van 124',
			'Van 125',
			'Van 126',
			'Van 127',
			'Van 128',
			'Van 129',
		]);
		expect(result.results[0]).toMatchObject({
			value: autopi.state.devices[11].id,
			description: `Unit ID ${autopi.state.devices[11].unit_id}`,
		});
		expect(result.paginationToken).toBeUndefined();
		expect(autopi.stats.requests).toBe(1);
	});

	test('devices from DRF pages hand back a pagination token', async () => {
		autopi.options.devicesShape = 'paged';
		const context = loadOptionsContext(tokenCredentials(autopi));
		const first = await searchDevices.call(context);
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('2');
		const second = await searchDevices.call(context, undefined, first.paginationToken);
		expect(second.results).toHaveLength(30);
		expect(second.paginationToken).toBeUndefined();
		expect(autopi.stats.log.map((entry) => queryOf(entry).page)).toEqual(['1', '2']);
	});

	test('vehicles work with email + password (the login happens first)', async () => {
		const result = await searchVehicles.call(loadOptionsContext(loginCredentials(autopi)), '1003');
		expect(result.results).toEqual([
			{ name: 'Van 3', value: '1003', description: expect.stringMatching(/^VIN /) },
		]);
		expect(autopi.state.loginCount).toBe(1);
	});
});
