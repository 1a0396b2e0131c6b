import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { folderLocator } from '../../locators';

export const folderDelete: Operation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a folder',
		description:
			'Permanently delete a folder; its recordings are kept and no longer belong to a folder (needs the Folders feature enabled by the admin)',
	},
	properties: [
		folderLocator.property({
			description: 'The folder to delete. Pick it from the list or enter its ID.',
		}),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const id = folderLocator.read(this, itemIndex);
		await client.request({ method: 'DELETE', path: `/folders/${id}` });
		return { deleted: true };
	},
};
