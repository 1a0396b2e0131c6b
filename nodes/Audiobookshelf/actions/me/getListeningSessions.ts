import type { IExecuteFunctions } from 'n8n-workflow';

import { readReturnAll, returnAllAndLimit } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import { paginate } from '../../../shared/paginate';
import type { ServiceClient } from '../../../shared/transport';
import { PAGE_SIZE, readSessionsPage } from '../../helpers';

export const meGetListeningSessions: Operation = {
	option: {
		name: 'Get Listening Sessions',
		value: 'getListeningSessions',
		action: 'Get listening sessions of the current user',
		description:
			"List the API key user's playback sessions, newest first: item, device, start time, time listened and position",
	},
	properties: [...returnAllAndLimit()],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const { returnAll, limit } = readReturnAll(this, itemIndex);
		return await paginate(
			client,
			{
				path: '/me/listening-sessions',
				paging: { style: 'page', pageParam: 'page', sizeParam: 'itemsPerPage', firstPage: 0 },
				maxPageSize: PAGE_SIZE.sessions,
				read: readSessionsPage,
				idField: 'id',
			},
			{ returnAll, limit },
		);
	},
};
