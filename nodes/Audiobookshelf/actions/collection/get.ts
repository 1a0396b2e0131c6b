import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { collections } from '../../itemLists';

export const collectionGet: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a collection',
		description: 'Get one collection by ID with its books',
	},
	properties: [collections.idProperty],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		return await collections.get(this, client, itemIndex);
	},
};
