import type { Resource } from '../../../shared/operation';
import { getForUser } from './getForUser';
import { getPopular } from './getPopular';
import { getRecent } from './getRecent';

export const recommendationResource: Resource = {
	option: {
		name: 'Recommendation',
		value: 'recommendation',
		description: 'Book recommendations from the requests on this server (any user)',
	},
	defaultOperation: 'getPopular',
	operations: [getPopular, getRecent, getForUser],
};
