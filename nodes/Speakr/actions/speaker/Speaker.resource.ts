import type { Resource } from '../../../shared/operation';
import { speakerAssignInRecording } from './assignInRecording';
import { speakerGetAll } from './getAll';
import { speakerGetForRecording } from './getForRecording';
import { speakerIdentifyInRecording } from './identifyInRecording';

export const speakerResource: Resource = {
	option: {
		name: 'Speaker',
		value: 'speaker',
		description: 'Named speakers and the speakers identified in a recording',
	},
	defaultOperation: 'getAll',
	operations: [
		speakerAssignInRecording,
		speakerGetAll,
		speakerGetForRecording,
		speakerIdentifyInRecording,
	],
};
