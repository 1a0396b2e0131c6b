import type { Resource } from '../../../shared/operation';
import { meDeleteProgress } from './deleteProgress';
import { meGet } from './get';
import { meGetItemsInProgress } from './getItemsInProgress';
import { meGetListeningSessions } from './getListeningSessions';
import { meGetListeningStats } from './getListeningStats';
import { meGetProgress } from './getProgress';
import { meGetYearStats } from './getYearStats';
import { meRemoveFromContinueListening } from './removeFromContinueListening';

export const meResource: Resource = {
	option: {
		name: 'Me',
		value: 'me',
		description: 'The user the API key acts as: profile, progress and listening history',
	},
	defaultOperation: 'get',
	operations: [
		meGet,
		meGetListeningStats,
		meGetProgress,
		meGetItemsInProgress,
		meGetListeningSessions,
		meGetYearStats,
		meDeleteProgress,
		meRemoveFromContinueListening,
	],
};
