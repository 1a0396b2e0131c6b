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
import { audioBookRequestOperations, audioBookRequestResources } from './actions/resources';
import {
	searchCatalog,
	searchManualRequests,
	searchRequestedBooks,
	searchUsers,
} from './methods/listSearch';
import { credentialTest } from './credentialTest';
import { audioBookRequestProfile } from './profile';

export class AudioBookRequest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AudioBookRequest',
		name: 'audioBookRequest',
		icon: {
			light: 'file:../../icons/audiobookrequest.svg',
			dark: 'file:../../icons/audiobookrequest.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Search audiobooks and create, list and manage requests, manual requests and users in AudioBookRequest',
		defaults: { name: 'AudioBookRequest' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'audioBookRequestApi', required: true, testedBy: 'audioBookRequestApiTest' },
		],
		properties: [
			{
				displayName:
					'Every call costs AudioBookRequest an API-key check of several hundred milliseconds. Operations that need a trusted or admin key answer 401 for a lower group, just like for a wrong key.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			...describeResources(audioBookRequestResources, 'request'),
			requestOptionsProperty(audioBookRequestProfile),
		],
	};

	methods = {
		listSearch: { searchCatalog, searchRequestedBooks, searchManualRequests, searchUsers },
		credentialTest,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this, audioBookRequestProfile, audioBookRequestOperations);
	}
}
