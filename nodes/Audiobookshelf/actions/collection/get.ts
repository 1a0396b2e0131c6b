import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { requireId, UUID_ID } from '../../../shared/validate';

export const COLLECTION_ID_PROPERTY = {
	displayName: 'Collection ID',
	name: 'collectionId',
	type: 'string' as const,
	default: '',
	required: true,
	placeholder: 'e.g. bcc52d2a-4458-438a-b5e7-ef2d21792bd2',
	description: 'ID of the collection (from Collection → Get Many)',
};

export const collectionGet: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a collection',
		description: 'Get one collection by ID with its books',
	},
	properties: [COLLECTION_ID_PROPERTY],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const collectionId = requireId(
			this.getNode(),
			this.getNodeParameter('collectionId', itemIndex, ''),
			{ label: 'Collection ID', ...UUID_ID },
			itemIndex,
		);
		return await client.request({ method: 'GET', path: `/collections/${collectionId}` });
	},
};
