import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldGroup } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { extraDataField, groupField, passwordField } from './schemas';
import { userLocator } from '../../locators';
import { inputError } from '../../../shared/inputError';

export const userUpdate: Operation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a user',
		description:
			"Change a user's password, group or extra data (admin key). The root admin's group cannot be changed.",
	},
	properties: [
		userLocator.property(),
		fieldGroup('updateFields', [extraDataField(), groupField, passwordField]),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const username = userLocator.read(this, itemIndex);
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const body: IDataObject = {};
		if (typeof fields.password === 'string' && fields.password !== '')
			body.password = fields.password;
		if (typeof fields.group === 'string' && fields.group !== '') body.group = fields.group;
		if (typeof fields.extraData === 'string') body.extra_data = fields.extraData;
		if (Object.keys(body).length === 0) {
			throw inputError(this.getNode(), `Nothing to update for user "${username}"`, {
				itemIndex,
				description: 'Add at least one field under Update Fields (Password, Group or Extra Data).',
			});
		}
		return await client.request<IDataObject>({
			method: 'PUT',
			path: `/users/${encodeURIComponent(username)}`,
			body,
		});
	},
};
