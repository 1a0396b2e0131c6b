import type { Resource } from '../../../shared/operation';
import { getRecordingSpeakers } from './getForRecording';
import { getManySpeakers } from './getMany';

export const speakerResource: Resource = {
	option: {
		name: 'Speaker',
		value: 'speaker',
		description: 'Named speakers and the speakers identified in a recording',
	},
	defaultOperation: 'getAll',
	operations: [getManySpeakers, getRecordingSpeakers],
};
