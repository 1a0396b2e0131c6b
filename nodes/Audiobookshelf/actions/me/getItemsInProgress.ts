import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

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
	properties: [
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
		simplifyProperty,
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const limit = this.getNodeParameter('limit', itemIndex, 50) as number;
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
