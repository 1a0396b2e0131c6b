import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { bookIdsProperty, collections } from '../../itemLists';

export const collectionAddItems: Operation = {
	option: {
		name: 'Add Items',
		value: 'addItems',
		action: 'Add books to a collection',
		description:
			'Add one or more books to a collection; books already in it are skipped. Returns the updated collection.',
	},
	properties: [collections.idProperty, bookIdsProperty('add')],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		return await collections.change(this, client, itemIndex, 'add', { idempotent: true });
	},
};
