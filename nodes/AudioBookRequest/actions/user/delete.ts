import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { userLocator } from '../../locators';

export const userDelete: Operation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a user',
		description:
			"Delete an AudioBookRequest user (admin key). The root admin and the key's own user cannot be deleted.",
	},
	properties: [userLocator.property()],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const username = userLocator.read(this, itemIndex);
		await client.request({ method: 'DELETE', path: `/users/${encodeURIComponent(username)}` });
		return { deleted: true };
	},
};
