import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readLimit, limitProperty } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { simplifyItem, simplifyProperty } from '../../helpers';

export const meGetItemsInProgress: Operation = {
	option: {
		name: 'Get Items in Progress',
		value: 'getItemsInProgress',
		action: 'Get items in progress of the current user',
		description:
			"List the books and podcast episodes the API key's user has started but not finished, most recently listened first",
	},
	properties: [limitProperty(), simplifyProperty],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const limit = readLimit(this, itemIndex);
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		const body = await client.request<{ libraryItems?: IDataObject[] }>({
			method: 'GET',
			path: '/me/items-in-progress',
			qs: { limit },
		});
		const items = Array.isArray(body?.libraryItems) ? body.libraryItems.slice(0, limit) : [];
		return simplify
			? items.map((item) => ({
					...simplifyItem(item),
					...(item.recentEpisode ? { recentEpisode: item.recentEpisode } : {}),
				}))
			: items;
	},
};
