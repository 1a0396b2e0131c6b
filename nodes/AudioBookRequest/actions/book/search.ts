import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { asArray, queryProperty, readQuery, readRegion, regionProperty } from '../common';

export const bookSearch: Operation = {
	option: {
		name: 'Search',
		value: 'search',
		action: 'Search the audiobook catalog',
		description:
			'Search the Audible catalogue through AudioBookRequest by title, author or keywords; returns one item per book with its ASIN and who already requested it. An empty result can also mean Audible was unreachable (AudioBookRequest hides that error).',
	},
	properties: [
		queryProperty('e.g. Dune Frank Herbert', 'Title, author, narrator or keywords to search for'),
		regionProperty(
			'Audible store to search; Server Default uses the region configured in AudioBookRequest',
		),
		{
			displayName: 'Number of Results',
			name: 'numResults',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: 20,
			description:
				'How many books to return per page (AudioBookRequest asks Audible for this many)',
		},
		{
			displayName: 'Page',
			name: 'page',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Result page, starting at 0',
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const q = readQuery(this, itemIndex);
		const region = readRegion(this, itemIndex);
		const numResults = Math.floor(this.getNodeParameter('numResults', itemIndex, 20) as number);
		const page = Math.floor(this.getNodeParameter('page', itemIndex, 0) as number);
		const qs: IDataObject = { q, num_results: numResults, page };
		if (region) qs.region = region;
		const body = await client.request<unknown>({ method: 'GET', path: '/search', qs });
		return asArray(client, body, 'GET /api/search');
	},
};
