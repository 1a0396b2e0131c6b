import type { IExecuteFunctions } from 'n8n-workflow';

import { readReturnAll, returnAllAndLimit } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { asArray } from '../common';

export const requestGetAll: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many book requests',
		description:
			"List requested books, one item per book with every user who requested it and whether it is downloaded. Admin keys see all users' requests, others only their own. Unordered; the API has no paging, so Limit is applied after one call.",
	},
	properties: [
		{
			displayName: 'Filter',
			name: 'filter',
			type: 'options',
			default: 'all',
			options: [
				{ name: 'All', value: 'all' },
				{ name: 'Downloaded', value: 'downloaded' },
				{ name: 'Not Downloaded', value: 'not_downloaded' },
			],
			description: 'Which requests to return',
		},
		...returnAllAndLimit(),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const filter = this.getNodeParameter('filter', itemIndex, 'all') as string;
		const { returnAll, limit } = readReturnAll(this, itemIndex);
		const body = await client.request<unknown>({
			method: 'GET',
			path: '/requests',
			qs: { filter },
		});
		const list = asArray(client, body, 'GET /api/requests');
		return returnAll ? list : list.slice(0, limit);
	},
};
