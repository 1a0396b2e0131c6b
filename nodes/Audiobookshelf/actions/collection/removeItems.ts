import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { requireId, UUID_ID } from '../../../shared/validate';
import { ITEM_ID, readIdList } from '../../helpers';
import { COLLECTION_ID_PROPERTY } from './get';

export const collectionRemoveItems: Operation = {
	option: {
		name: 'Remove Items',
		value: 'removeItems',
		action: 'Remove books from a collection',
		description:
			'Remove one or more books from a collection in one request (books not in it are ignored; the books themselves are kept). Returns the updated collection.',
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
				'Library item IDs of the books to remove, separated by commas (or an array from an expression)',
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const collectionId = requireId(
			this.getNode(),
			this.getNodeParameter('collectionId', itemIndex, ''),
			{ label: 'Collection ID', ...UUID_ID },
			itemIndex,
		);
		// An empty list would get a 500 from Audiobookshelf: readIdList refuses it first.
		const books = readIdList(this, 'libraryItemIds', { ...ITEM_ID, label: 'Book IDs' }, itemIndex);
		return await client.request<IDataObject>({
			method: 'POST',
			path: `/collections/${collectionId}/batch/remove`,
			body: { books },
			idempotent: true,
		});
	},
};
