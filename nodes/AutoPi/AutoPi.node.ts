import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { requestOptionsProperty } from '../shared/descriptions';
import { describeResources } from '../shared/operation';
import { route } from '../shared/router';
import { autoPiOperations, autoPiResources } from './actions/resources';
import { searchDevices, searchVehicles } from './methods/listSearch';
import { credentialTest } from './credentialTest';
import { autoPiProfile } from './profile';

export class AutoPi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AutoPi',
		name: 'autoPi',
		icon: { light: 'file:../../icons/autopi.svg', dark: 'file:../../icons/autopi.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Read AutoPi devices, vehicles, trips, positions, logged data, events and alerts, and send commands to devices',
		defaults: { name: 'AutoPi' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'autoPiApi', required: true, testedBy: 'autoPiApiTest' }],
		properties: [
			...describeResources(autoPiResources, 'trip'),
			requestOptionsProperty(autoPiProfile),
		],
	};

	methods = {
		listSearch: { searchDevices, searchVehicles },
		credentialTest,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this, autoPiProfile, autoPiOperations);
	}
}
