import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';

/** `/api/me` still returns the deprecated never-expiring legacy token: never hand it to a workflow. */
const SECRET_USER_FIELDS = ['token', 'accessToken', 'refreshToken'];

export const meGet: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get the current user',
		description:
			'Get the user the API key acts as: username, type (admin, user…), permissions, accessible libraries and media progress',
	},
	properties: [],
	async execute(this: IExecuteFunctions, client: ServiceClient) {
		const user = await client.request<IDataObject>({ method: 'GET', path: '/me' });
		for (const field of SECRET_USER_FIELDS) delete user[field];
		return user;
	},
};
