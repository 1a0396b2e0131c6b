import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { folderLocator } from '../../locators';
import { fail } from '../../../shared/validate';
import { holderBody, holderFields } from '../processingDefaults';

export const folderUpdate: Operation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a folder',
		description:
			'Rename a folder or change its colour, retention and processing defaults (group folders: group admins only); returns the folder as saved',
	},
	properties: [
		folderLocator.property({
			description: 'The folder to change. Pick it from the list or enter its ID.',
		}),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: holderFields('folder', true),
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const id = folderLocator.read(this, itemIndex);
		const body = holderBody(
			this,
			this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
			itemIndex,
		);
		if (Object.keys(body).length === 0)
			fail(
				this.getNode(),
				'Nothing to update',
				itemIndex,
				'Add at least one field under "Update Fields".',
			);
		return await client.request<IDataObject>({ method: 'PUT', path: `/folders/${id}`, body });
	},
};
