import type { Resource } from '../../../shared/operation';
import { getMe } from './get';
import { getMyItemsInProgress } from './getItemsInProgress';
import { getMyListeningSessions } from './getListeningSessions';
import { getMyListeningStats } from './getListeningStats';
import { getMyProgress } from './getProgress';

export const meResource: Resource = {
	option: {
		name: 'Me',
		value: 'me',
		description: 'The user the API key acts as: profile, progress and listening history',
	},
	defaultOperation: 'get',
	operations: [
		getMe,
		getMyListeningStats,
		getMyProgress,
		getMyItemsInProgress,
		getMyListeningSessions,
	],
};
