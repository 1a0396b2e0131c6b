import type { Resource } from '../../../shared/operation';
import { addTagToRecording } from './addToRecording';
import { createTag } from './create';
import { deleteTag } from './delete';
import { getManyTags } from './getMany';
import { removeTagFromRecording } from './removeFromRecording';
import { updateTag } from './update';

export const tagResource: Resource = {
	option: {
		name: 'Tag',
		value: 'tag',
		description: 'Labels on recordings, each with its own processing defaults',
	},
	defaultOperation: 'getAll',
	operations: [
		addTagToRecording,
		createTag,
		deleteTag,
		getManyTags,
		removeTagFromRecording,
		updateTag,
	],
};
