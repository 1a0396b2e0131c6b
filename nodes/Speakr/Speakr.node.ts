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
import { speakrOperations, speakrResources } from './actions/resources';
import { searchFolders, searchRecordings, searchTags } from './methods/listSearch';
import { credentialTest } from './credentialTest';
import { speakrProfile } from './profile';

export class Speakr implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Speakr',
		name: 'speakr',
		icon: { light: 'file:../../icons/speakr.svg', dark: 'file:../../icons/speakr.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Upload, list and process Speakr recordings and get their transcripts, summaries, tags, speakers and folders',
		defaults: { name: 'Speakr' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'speakrApi', required: true, testedBy: 'speakrApiTest' }],
		properties: [
			...describeResources(speakrResources, 'recording'),
			requestOptionsProperty(speakrProfile),
		],
	};

	methods = {
		listSearch: { searchFolders, searchRecordings, searchTags },
		credentialTest,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this, speakrProfile, speakrOperations);
	}
}
