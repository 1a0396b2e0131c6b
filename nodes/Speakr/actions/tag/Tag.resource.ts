import type { Resource } from '../../../shared/operation';
import { addTagToRecording } from './addToRecording';
import { getManyTags } from './getMany';
import { removeTagFromRecording } from './removeFromRecording';

export const tagResource: Resource = {
	option: {
		name: 'Tag',
		value: 'tag',
		description: 'Labels on recordings, each with its own processing defaults',
	},
	defaultOperation: 'getAll',
	operations: [addTagToRecording, getManyTags, removeTagFromRecording],
};
