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
import { audiobookshelfOperations, audiobookshelfResources } from './actions/resources';
import { searchLibraries, searchLibraryItems, searchPodcasts } from './methods/listSearch';
import { credentialTest } from './credentialTest';
import { audiobookshelfProfile } from './profile';

export class Audiobookshelf implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Audiobookshelf',
		name: 'audiobookshelf',
		icon: {
			light: 'file:../../icons/audiobookshelf.svg',
			dark: 'file:../../icons/audiobookshelf.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Browse Audiobookshelf libraries, books, podcasts, series, authors, collections and playlists, and track listening progress',
		defaults: { name: 'Audiobookshelf' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'audiobookshelfApi', required: true, testedBy: 'audiobookshelfApiTest' }],
		properties: [
			...describeResources(audiobookshelfResources, 'libraryItem'),
			requestOptionsProperty(audiobookshelfProfile),
		],
	};

	methods = {
		listSearch: { searchLibraries, searchLibraryItems, searchPodcasts },
		credentialTest,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this, audiobookshelfProfile, audiobookshelfOperations);
	}
}
