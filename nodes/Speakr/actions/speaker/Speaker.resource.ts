import type { Resource } from '../../../shared/operation';
import { assignSpeakersInRecording } from './assignInRecording';
import { getRecordingSpeakers } from './getForRecording';
import { getManySpeakers } from './getMany';
import { identifySpeakersInRecording } from './identifyInRecording';

export const speakerResource: Resource = {
	option: {
		name: 'Speaker',
		value: 'speaker',
		description: 'Named speakers and the speakers identified in a recording',
	},
	defaultOperation: 'getAll',
	operations: [
		assignSpeakersInRecording,
		getManySpeakers,
		getRecordingSpeakers,
		identifySpeakersInRecording,
	],
};
