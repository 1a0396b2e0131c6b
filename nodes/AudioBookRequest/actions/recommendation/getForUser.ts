import type { IExecuteFunctions } from 'n8n-workflow';

import { readReturnAll, returnAllAndLimit } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import { paginate } from '../../../shared/paginate';
import type { ServiceClient } from '../../../shared/transport';
import { requireId } from '../../../shared/validate';
import { userRecommendations } from '../../endpoints';
import { ASIN_ID } from '../../locators';

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
		return await paginate(client, userRecommendations(seeds), { returnAll, limit });
	},
};
