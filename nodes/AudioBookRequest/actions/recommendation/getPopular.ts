import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { asArray } from '../common';
import {
	readRecommendationQuery,
	recommendationProperties,
	type RecommendationFilter,
} from './query';

const minRequests: RecommendationFilter = {
	property: {
		displayName: 'Minimum Requests',
		name: 'minRequests',
		type: 'number',
		default: 1,
		description: 'Only books requested at least this many times',
	},
	key: 'min_requests',
};

export const recommendationGetPopular: Operation = {
	option: {
		name: 'Get Popular',
		value: 'getPopular',
		action: 'Get popular requested books',
		description:
			'Books most requested by users of this AudioBookRequest server, with their request count, leaving out books you requested yourself',
	},
	properties: recommendationProperties(minRequests),
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const qs = readRecommendationQuery(this, itemIndex, minRequests);
		return asArray(
			client,
			await client.request<unknown>({ method: 'GET', path: '/recommendations/popular', qs }),
			'GET /api/recommendations/popular',
		);
	},
};
