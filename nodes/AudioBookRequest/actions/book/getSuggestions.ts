import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { requireText } from '../../../shared/validate';
import { asArray, readRegion, regionProperty } from '../common';

export const bookGetSuggestions: Operation = {
	option: {
		name: 'Get Suggestions',
		value: 'getSuggestions',
		action: 'Get search suggestions for a book query',
		description:
			'Autocomplete suggestions for a partial search text (one item per suggestion); empty when Audible was unreachable',
	},
	properties: [
		{
			displayName: 'Query',
			name: 'query',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. dun',
			description: 'The partial search text to complete',
		},
		regionProperty(
			'Audible store to ask; Server Default uses the region configured in AudioBookRequest',
		),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const q = requireText(
			this.getNode(),
			this.getNodeParameter('query', itemIndex, ''),
			'Query',
			itemIndex,
		);
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
