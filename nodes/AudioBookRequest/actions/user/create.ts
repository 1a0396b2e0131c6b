import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { requireText } from '../../../shared/validate';
import { GROUP_OPTIONS } from './schemas';
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
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "Password for logging in to the web UI (must meet the server's minimum length)",
		},
		{
			displayName: 'Group',
			name: 'group',
			type: 'options',
			options: GROUP_OPTIONS,
			default: 'untrusted',
			description: 'What the user may do',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Extra Data',
					name: 'extraData',
					type: 'string',
					default: '',
					description:
						'Free text stored with the user, available to notifications as {eventUserExtraData} (e.g. a chat handle)',
				},
			],
		},
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
