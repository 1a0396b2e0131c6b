import type { Resource } from '../../../shared/operation';
import { tagAddToRecording } from './addToRecording';
import { tagCreate } from './create';
import { tagDelete } from './delete';
import { tagGetAll } from './getAll';
import { tagRemoveFromRecording } from './removeFromRecording';
import { tagUpdate } from './update';

export const tagResource: Resource = {
	option: {
		name: 'Tag',
		value: 'tag',
		description: 'Labels on recordings, each with its own processing defaults',
	},
	defaultOperation: 'getAll',
	operations: [
		tagAddToRecording,
		tagCreate,
		tagDelete,
		tagGetAll,
		tagRemoveFromRecording,
		tagUpdate,
	],
};
