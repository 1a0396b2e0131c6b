import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { simplifyItem, simplifyProperty } from '../../helpers';
import { libraryItemLocator } from '../../locators';

export const libraryItemGet: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a library item',
		description:
			"Get one book or podcast with full metadata (authors and series with IDs, chapters, tracks, episodes) and the API key user's listening progress",
	},
	properties: [libraryItemLocator.property(), { ...simplifyProperty, default: false }],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const libraryItemId = libraryItemLocator.read(this, itemIndex);
		const simplify = this.getNodeParameter('simplify', itemIndex, false) as boolean;
		const item = await client.request<IDataObject>({
			method: 'GET',
			path: `/items/${libraryItemId}`,
			qs: { expanded: 1, include: 'progress' },
		});
		return simplify ? simplifyItem(item) : item;
	},
};
