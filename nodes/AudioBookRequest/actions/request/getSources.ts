import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { bookOrManualRequestLocator } from '../../locators';

export const requestGetSources: Operation = {
	option: {
		name: 'Get Sources',
		value: 'getSources',
		action: 'Get download sources for a requested book',
		description:
			"Search the indexers (Prowlarr) for downloadable sources of a book (admin key). Returns one item with the state and the list of sources; pass a source's guid and indexer_id to Download Source.",
	},
	properties: [
		bookOrManualRequestLocator.property(),
		{
			displayName: 'Only Cached',
			name: 'onlyCached',
			type: 'boolean',
			default: false,
			description:
				'Whether to return only sources AudioBookRequest already has cached instead of querying the indexers now',
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const asin = bookOrManualRequestLocator.read(this, itemIndex);
		const onlyCached = this.getNodeParameter('onlyCached', itemIndex, false) as boolean;
		const body = await client.request<IDataObject>({
			method: 'GET',
			path: `/requests/${asin}/sources`,
			qs: { only_cached: onlyCached },
		});
		return { asin, ...body };
	},
};
