import type { Resource } from '../../../shared/operation';
import { getManyRecordings } from './getMany';

export const recordingResource: Resource = {
	option: { name: 'Recording', value: 'recording', description: 'Audio recordings with their transcripts and summaries' },
	defaultOperation: 'getAll',
	operations: [getManyRecordings],
};
