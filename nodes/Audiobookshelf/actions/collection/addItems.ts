import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { requireId, UUID_ID } from '../../../shared/validate';
import { ITEM_ID, readIdList } from '../../helpers';
import { COLLECTION_ID_PROPERTY } from './get';

export const collectionAddItems: Operation = {
	option: {
		name: 'Add Items',
		value: 'addItems',
		action: 'Add books to a collection',
		description:
			'Add one or more books to a collection; books already in it are skipped. Returns the updated collection.',
	},
	properties: [
		COLLECTION_ID_PROPERTY,
		{
			displayName: 'Book IDs',
			name: 'libraryItemIds',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 5403d36b-cfe8-44cd-a491-4dcaaba99b4f',
			description:
				'Library item IDs of the books to add, separated by commas (or an array from an expression)',
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const collectionId = requireId(
			this.getNode(),
			this.getNodeParameter('collectionId', itemIndex, ''),
			{ label: 'Collection ID', ...UUID_ID },
			itemIndex,
		);
		const books = readIdList(this, 'libraryItemIds', { ...ITEM_ID, label: 'Book IDs' }, itemIndex);
		return await client.request({
			method: 'POST',
			path: `/collections/${collectionId}/batch/add`,
			body: { books },
			idempotent: true,
		});
	},
};
