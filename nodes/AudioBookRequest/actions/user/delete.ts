import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { readUsername, usernameLocator } from '../common';

export const userDelete: Operation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a user',
		description:
			"Delete an AudioBookRequest user (admin key). The root admin and the key's own user cannot be deleted.",
	},
	properties: [usernameLocator],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const username = readUsername(this, itemIndex);
		await client.request({ method: 'DELETE', path: `/users/${encodeURIComponent(username)}` });
		return { deleted: true };
	},
};
