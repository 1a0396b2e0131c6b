import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readReturnAll, returnAllAndLimit } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';

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
		const body = await client.request<{ libraries?: IDataObject[] }>({
			method: 'GET',
			path: '/libraries',
			qs: includeStats ? { include: 'stats' } : {},
		});
		if (!Array.isArray(body?.libraries)) {
			throw client.error({
				message: 'Audiobookshelf returned the library list in an unexpected shape',
				request: 'GET /api/libraries',
			});
		}
		return returnAll ? body.libraries : body.libraries.slice(0, limit);
	},
};
