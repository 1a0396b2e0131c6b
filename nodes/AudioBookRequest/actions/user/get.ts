import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { userLocator } from '../../locators';

export const userGet: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a user',
		description: 'Get one AudioBookRequest user by username (admin key)',
	},
	properties: [userLocator.property()],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const username = userLocator.read(this, itemIndex);
		return await client.request<IDataObject>({
			method: 'GET',
			path: `/users/${encodeURIComponent(username)}`,
		});
	},
};
