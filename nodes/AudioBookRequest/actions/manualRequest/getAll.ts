import type { IExecuteFunctions } from 'n8n-workflow';

import { readReturnAll, returnAllAndLimit } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { asArray } from '../common';

export const manualRequestGetAll: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many manual requests',
		description:
			"List manual requests (books entered by hand, not found on Audible), not-downloaded first. Admin keys see everyone's, others their own. The API has no paging, so Limit is applied after one call.",
	},
	properties: [...returnAllAndLimit()],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const { returnAll, limit } = readReturnAll(this, itemIndex);
		const list = asArray(
			client,
			await client.request<unknown>({ method: 'GET', path: '/requests/manual' }),
			'GET /api/requests/manual',
		);
		return returnAll ? list : list.slice(0, limit);
	},
};
