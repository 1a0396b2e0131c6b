import type { Resource } from '../../../shared/operation';
import { recommendationGetForUser } from './getForUser';
import { recommendationGetPopular } from './getPopular';
import { recommendationGetRecent } from './getRecent';

export const recommendationResource: Resource = {
	option: {
		name: 'Recommendation',
		value: 'recommendation',
		description: 'Book recommendations from the requests on this server (any user)',
	},
	defaultOperation: 'getPopular',
	operations: [recommendationGetPopular, recommendationGetRecent, recommendationGetForUser],
};
