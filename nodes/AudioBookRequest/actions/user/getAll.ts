import type { IExecuteFunctions } from 'n8n-workflow';

import { readReturnAll, returnAllAndLimit } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import { paginate } from '../../../shared/paginate';
import type { ServiceClient } from '../../../shared/transport';
import { readUsersPage } from './schemas';

export const userGetAll: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many users',
		description: 'List AudioBookRequest users with their group (admin key)',
	},
	properties: [...returnAllAndLimit()],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const { returnAll, limit } = readReturnAll(this, itemIndex);
		// The trailing slash is required: AudioBookRequest does not redirect /api/users.
		return await paginate(
			client,
			{
				path: '/users/',
				paging: { style: 'offset', offsetParam: 'offset', sizeParam: 'limit' },
				maxPageSize: 100,
				read: readUsersPage,
				idField: 'username',
			},
			{ returnAll, limit },
		);
	},
};
