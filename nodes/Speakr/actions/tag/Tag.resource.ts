import type { Resource } from '../../../shared/operation';
import { tagAddToRecording } from './addToRecording';
import { tagGetAll } from './getAll';
import { tagRemoveFromRecording } from './removeFromRecording';

export const tagResource: Resource = {
	option: {
		name: 'Tag',
		value: 'tag',
		description: 'Labels on recordings, each with its own processing defaults',
	},
	defaultOperation: 'getAll',
	operations: [tagAddToRecording, tagGetAll, tagRemoveFromRecording],
};
