import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { createHolder, createProperties } from '../holders';

export const folderCreate: Operation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a folder',
		description:
			'Create a personal folder with an optional colour, retention and processing defaults; returns the new folder with its ID (needs the Folders feature enabled by the admin)',
	},
	properties: createProperties('folder'),
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		return await createHolder(this, client, 'folder', itemIndex);
	},
};
