import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { readReturnAll, returnAllAndLimit } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import { paginate, recordArray, type ListPage } from '../../../shared/paginate';
import type { ServiceClient } from '../../../shared/transport';
import { requireId } from '../../../shared/validate';
import { ASIN_ID } from '../../locators';

const pageSchema = z.object({ recommendations: recordArray, total: z.number() });

function readRecommendationsPage(body: unknown): ListPage | undefined {
	const parsed = pageSchema.safeParse(body);
	if (!parsed.success) return undefined;
	return { items: parsed.data.recommendations as IDataObject[], total: parsed.data.total };
}

export const recommendationGetForUser: Operation = {
	option: {
		name: 'Get for User',
		value: 'getForUser',
		action: 'Get personal book recommendations',
		description:
			"Recommendations for the API key's user based on the books they requested (or on the seed ASINs given), each with the reason it was recommended",
	},
	properties: [
		...returnAllAndLimit(),
		{
			displayName: 'Seed ASINs',
			name: 'seedAsins',
			type: 'string',
			default: '',
			placeholder: 'e.g. B002V1OF70, B00B5HZGUG',
			description:
				"Books to base the recommendations on, as comma-separated ASINs; empty = the user's own requests",
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const { returnAll, limit } = readReturnAll(this, itemIndex);
		const raw = String(this.getNodeParameter('seedAsins', itemIndex, '') ?? '');
		const seeds = raw
			.split(',')
			.map((asin) => asin.trim().toUpperCase())
			.filter((asin) => asin.length > 0);
		const seedRule = {
			...ASIN_ID,
			label: 'Seed ASIN',
			expected: 'an ASIN: 10 letters or digits, e.g. B002V1OF70. Separate several with commas.',
		};
		for (const asin of seeds) requireId(this.getNode(), asin, seedRule, itemIndex);
		return await paginate(
			client,
			{
				// FastAPI reads a list from repeated parameters; n8n would send seed_asins[0]=…, so they go in the path.
				path: seeds.length
					? `/recommendations/user?${seeds.map((asin) => `seed_asins=${asin}`).join('&')}`
					: '/recommendations/user',
				paging: { style: 'offset', offsetParam: 'offset', sizeParam: 'limit' },
				maxPageSize: 50,
				read: readRecommendationsPage,
			},
			{ returnAll, limit },
		);
	},
};
