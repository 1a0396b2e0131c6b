import type { IExecuteFunctions } from 'n8n-workflow';

import { readReturnAll, returnAllAndLimit } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import { paginate } from '../../../shared/paginate';
import type { ServiceClient } from '../../../shared/transport';
import { librariesEndpoint } from '../../endpoints';

export const libraryGetAll: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many libraries',
		description:
			"List the Audiobookshelf libraries the API key's user can access (books and podcasts), optionally with size and duration statistics",
	},
	properties: [
		...returnAllAndLimit(),
		{
			displayName: 'Include Stats',
			name: 'includeStats',
			type: 'boolean',
			default: false,
			description:
				"Whether to add each library's total items, size, duration and number of audio files",
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const { returnAll, limit } = readReturnAll(this, itemIndex);
		const includeStats = this.getNodeParameter('includeStats', itemIndex, false) as boolean;
		const endpoint = librariesEndpoint(includeStats ? { include: 'stats' } : {});
		return await paginate(client, endpoint, { returnAll, limit });
	},
};
