import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { tagLocator } from '../../locators';

export const tagDelete: Operation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a tag',
		description:
			'Permanently delete a tag; it is removed from every recording that has it (the recordings are kept)',
	},
	properties: [
		tagLocator.property({
			description: 'The tag to delete. Pick it from the list or enter its ID.',
		}),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const id = tagLocator.read(this, itemIndex);
		await client.request({ method: 'DELETE', path: `/tags/${id}` });
		return { deleted: true };
	},
};
