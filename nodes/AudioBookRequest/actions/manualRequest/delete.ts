import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { manualRequestLocator } from '../../locators';

export const manualRequestDelete: Operation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a manual request',
		description: 'Delete a manual request (admin key)',
	},
	properties: [manualRequestLocator.property()],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const id = manualRequestLocator.read(this, itemIndex);
		await client.request({ method: 'DELETE', path: `/requests/manual/${id}` });
		return { deleted: true };
	},
};
