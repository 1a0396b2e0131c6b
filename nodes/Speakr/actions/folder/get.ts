import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { folderLocator } from '../../locators';

export const folderGet: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a folder',
		description: 'Get one folder by ID with its recording count, retention and processing defaults',
	},
	properties: [folderLocator.property()],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const id = folderLocator.read(this, itemIndex);
		return await client.request<IDataObject>({ method: 'GET', path: `/folders/${id}` });
	},
};
