import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { requestedBookLocator } from '../../locators';

export const requestDelete: Operation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a book request',
		description:
			"Withdraw a book request. With an admin key this removes every user's request for the book (this is how a request is denied); otherwise only your own. AudioBookRequest reports success even when nothing matched.",
	},
	properties: [requestedBookLocator.property()],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const asin = requestedBookLocator.read(this, itemIndex);
		await client.request({ method: 'DELETE', path: `/requests/${asin}` });
		return { deleted: true };
	},
};
