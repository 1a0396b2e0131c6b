import type { Resource } from '../../../shared/operation';
import { deleteRecording } from './delete';
import { getRecording } from './get';
import { getManyRecordings } from './getMany';
import { getRecordingStatus } from './getStatus';
import { getSummary } from './getSummary';
import { getTranscript } from './getTranscript';
import { resummarizeRecording } from './summarize';
import { retranscribeRecording } from './transcribe';
import { updateRecording } from './update';
import { uploadRecording } from './upload';

export const recordingResource: Resource = {
	option: {
		name: 'Recording',
		value: 'recording',
		description: 'Audio recordings with their transcripts and summaries',
	},
	defaultOperation: 'getAll',
	operations: [
		deleteRecording,
		getRecording,
		getManyRecordings,
		getRecordingStatus,
		getSummary,
		getTranscript,
		resummarizeRecording,
		retranscribeRecording,
		updateRecording,
		uploadRecording,
	],
};
