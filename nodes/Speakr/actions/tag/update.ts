import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { updateHolder, updateProperties } from '../holders';

export const tagUpdate: Operation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a tag',
		description:
			'Rename a tag or change its colour and processing defaults (group tags: group admins only); returns the tag as saved',
	},
	properties: updateProperties('tag'),
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const { id, body, response } = await updateHolder(this, client, 'tag', itemIndex);
		// Speakr answers a tag update with { success, tag }.
		return (response.tag as IDataObject | undefined) ?? { id: Number(id), ...body };
	},
};
