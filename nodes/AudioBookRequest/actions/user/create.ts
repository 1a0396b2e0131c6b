import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldGroup } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { requireText } from '../../../shared/validate';
import { extraDataField, groupField, passwordField } from './schemas';
import { userLocator } from '../../locators';

export const userCreate: Operation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a user',
		description: 'Create an AudioBookRequest user with a password and a group (admin key)',
	},
	properties: [
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. alice',
			description: 'Unique username, up to 100 characters',
		},
		{
			...passwordField,
			required: true,
			description: "Password for logging in to the web UI (must meet the server's minimum length)",
		},
		{ ...groupField, description: 'What the user may do' },
		fieldGroup('additionalFields', [extraDataField(' (e.g. a chat handle)')]),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const username = userLocator.read(this, itemIndex);
		const password = requireText(
			this.getNode(),
			this.getNodeParameter('password', itemIndex, ''),
			'Password',
			itemIndex,
		);
		const group = this.getNodeParameter('group', itemIndex, 'untrusted') as string;
		const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const body: IDataObject = { username, password, group };
		if (typeof extra.extraData === 'string' && extra.extraData !== '')
			body.extra_data = extra.extraData;
		return await client.request<IDataObject>({ method: 'POST', path: '/users/', body });
	},
};
