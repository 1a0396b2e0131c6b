import type { IExecuteFunctions } from 'n8n-workflow';

import { bodyExcerpt } from '../../../shared/errors';
import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { asArray } from '../common';
import {
	readRecommendationQuery,
	recommendationProperties,
	type RecommendationFilter,
} from './query';

const daysBack: RecommendationFilter = {
	property: {
		displayName: 'Days Back',
		name: 'daysBack',
		type: 'number',
		default: 30,
		description: 'How many days to look back',
	},
	key: 'days_back',
};

export const recommendationGetRecent: Operation = {
	option: {
		name: 'Get Recent',
		value: 'getRecent',
		action: 'Get recently requested books',
		description:
			'Books other users of this AudioBookRequest server requested recently. AudioBookRequest 1.10 answers 500 whenever there is one (an upstream bug).',
	},
	properties: recommendationProperties(daysBack),
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const qs = readRecommendationQuery(this, itemIndex, daysBack);
		const label = 'GET /api/recommendations/recent';
		const response = await client.send<unknown>({
			method: 'GET',
			path: '/recommendations/recent',
			qs,
			passStatuses: [500],
		});
		if (response.status === 500) {
			// AudioBookRequest 1.10 declares this route's answer as plain books but returns books with their requests:
			// its response check fails whenever the list is not empty.
			throw client.error({
				status: 500,
				message:
					'AudioBookRequest failed to list recent requests: a known bug in AudioBookRequest (1.10) makes Get Recent answer 500 whenever another user requested a book in the chosen days',
				serviceMessage: bodyExcerpt(response.body, 200) || undefined,
				hint: 'Use Recommendation → Get Popular (Min Requests 1) or Request → Get Many instead, until AudioBookRequest fixes the response model of /api/recommendations/recent.',
				request: label,
			});
		}
		return asArray(client, response.body, label);
	},
};
