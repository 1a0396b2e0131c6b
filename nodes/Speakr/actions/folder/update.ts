import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { updateHolder, updateProperties } from '../holders';

export const folderUpdate: Operation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a folder',
		description:
			'Rename a folder or change its colour, retention and processing defaults (group folders: group admins only); returns the folder as saved',
	},
	properties: updateProperties('folder'),
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		return (await updateHolder(this, client, 'folder', itemIndex)).response;
	},
};
