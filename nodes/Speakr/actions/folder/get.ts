import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { folderIdProperty, readLocatorId } from '../common';

export const folderGet: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a folder',
		description: 'Get one folder by ID with its recording count, retention and processing defaults',
	},
	properties: [folderIdProperty()],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const id = readLocatorId(this, 'folderId', 'Folder ID', itemIndex);
		return await client.request<IDataObject>({ method: 'GET', path: `/folders/${id}` });
	},
};
