import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { libraryLocator } from '../../locators';

export const libraryGetFilterData: Operation = {
	option: {
		name: 'Get Filter Data',
		value: 'getFilterData',
		action: 'Get library filter data',
		description:
			'Get the values a library can be filtered by: authors and series (with IDs), genres, tags, narrators, languages, publishers, decades, and counts',
	},
	properties: [libraryLocator.property()],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const libraryId = libraryLocator.read(this, itemIndex);
		return await client.request({ method: 'GET', path: `/libraries/${libraryId}/filterdata` });
	},
};
