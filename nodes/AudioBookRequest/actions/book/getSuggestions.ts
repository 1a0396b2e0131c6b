import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { asArray, queryProperty, readQuery, readRegion, regionProperty } from '../common';

export const bookGetSuggestions: Operation = {
	option: {
		name: 'Get Suggestions',
		value: 'getSuggestions',
		action: 'Get search suggestions for a book query',
		description:
			'Autocomplete suggestions for a partial search text (one item per suggestion); empty when Audible was unreachable',
	},
	properties: [
		queryProperty('e.g. dun', 'The partial search text to complete'),
		regionProperty(
			'Audible store to ask; Server Default uses the region configured in AudioBookRequest',
		),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const q = readQuery(this, itemIndex);
		const region = readRegion(this, itemIndex);
		const body = await client.request<unknown>({
			method: 'GET',
			path: '/search/suggestions',
			qs: region ? { q, region } : { q },
		});
		return asArray(client, body, 'GET /api/search/suggestions').map((suggestion) => ({
			suggestion: suggestion as unknown as string,
		}));
	},
};
