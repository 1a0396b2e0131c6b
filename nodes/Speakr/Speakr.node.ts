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
import { speakrProfile } from './profile';

export class Speakr implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Speakr',
		name: 'speakr',
		icon: { light: 'file:../../icons/speakr.svg', dark: 'file:../../icons/speakr.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'List, upload and process Speakr recordings, transcripts and summaries',
		defaults: { name: 'Speakr' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'speakrApi', required: true }],
		properties: [...describeResources(speakrResources, 'recording'), requestOptionsProperty],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this, speakrProfile, speakrOperations);
	}
}
