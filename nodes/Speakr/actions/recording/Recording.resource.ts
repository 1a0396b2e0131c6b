import type { Resource } from '../../../shared/operation';
import { recordingDelete } from './delete';
import { recordingGet } from './get';
import { recordingGetAll } from './getAll';
import { recordingGetStatus } from './getStatus';
import { recordingGetSummary } from './getSummary';
import { recordingGetTranscript } from './getTranscript';
import { recordingSummarize } from './summarize';
import { recordingTranscribe } from './transcribe';
import { recordingUpdate } from './update';
import { recordingUpload } from './upload';

export const recordingResource: Resource = {
	option: {
		name: 'Recording',
		value: 'recording',
		description: 'Audio recordings with their transcripts and summaries',
	},
	defaultOperation: 'getAll',
	operations: [
		recordingDelete,
		recordingGet,
		recordingGetAll,
		recordingGetStatus,
		recordingGetSummary,
		recordingGetTranscript,
		recordingSummarize,
		recordingTranscribe,
		recordingUpdate,
		recordingUpload,
	],
};
