import type { Resource } from '../../../shared/operation';
import { speakerGetForRecording } from './getForRecording';
import { speakerGetAll } from './getAll';

export const speakerResource: Resource = {
	option: {
		name: 'Speaker',
		value: 'speaker',
		description: 'Named speakers and the speakers identified in a recording',
	},
	defaultOperation: 'getAll',
	operations: [speakerGetAll, speakerGetForRecording],
};
