import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { bookIdsProperty, collections } from '../../itemLists';

export const collectionRemoveItems: Operation = {
	option: {
		name: 'Remove Items',
		value: 'removeItems',
		action: 'Remove books from a collection',
		description:
			'Remove one or more books from a collection in one request (books not in it are ignored; the books themselves are kept). Returns the updated collection.',
	},
	properties: [collections.idProperty, bookIdsProperty('remove')],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		return await collections.change(this, client, itemIndex, 'remove', { idempotent: true });
	},
};
