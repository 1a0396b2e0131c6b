import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { tagLocator } from '../../locators';
import { fail } from '../../../shared/validate';
import { holderBody, holderFields } from '../processingDefaults';

export const tagUpdate: Operation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a tag',
		description:
			'Rename a tag or change its colour and processing defaults (group tags: group admins only); returns the tag as saved',
	},
	properties: [
		tagLocator.property({
			description: 'The tag to change. Pick it from the list or enter its ID.',
		}),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: holderFields('tag', true),
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const id = tagLocator.read(this, itemIndex);
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
		const response = await client.request<IDataObject>({
			method: 'PUT',
			path: `/tags/${id}`,
			body,
		});
		return (response.tag as IDataObject | undefined) ?? { id: Number(id), ...body };
	},
};
