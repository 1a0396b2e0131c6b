import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';

export const userGetCurrent: Operation = {
	option: {
		name: 'Get Current',
		value: 'getCurrent',
		action: 'Get the current user',
		description:
			'Get the user the API key belongs to: username, group (untrusted, trusted or admin) and whether it is the root admin. Works for every group.',
	},
	properties: [],
	async execute(this: IExecuteFunctions, client: ServiceClient) {
		return await client.request<IDataObject>({ method: 'GET', path: '/users/me' });
	},
};
