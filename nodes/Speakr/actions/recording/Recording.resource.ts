import type { Resource } from '../../../shared/operation';
import { chatAboutRecording } from './chat';
import { deleteRecording } from './delete';
import { deleteManyRecordings } from './deleteMany';
import { downloadRecordingAudio } from './downloadAudio';
import { getRecording } from './get';
import { getRecordingEvents } from './getEvents';
import { getManyRecordings } from './getMany';
import { getRecordingStatus } from './getStatus';
import { getSummary } from './getSummary';
import { getTranscript } from './getTranscript';
import { setRecordingNotes } from './setNotes';
import { setRecordingSummary } from './setSummary';
import { resummarizeRecording } from './summarize';
import { retranscribeRecording } from './transcribe';
import { retranscribeManyRecordings } from './transcribeMany';
import { updateRecording } from './update';
import { updateManyRecordings } from './updateMany';
import { uploadRecording } from './upload';

export const recordingResource: Resource = {
	option: {
		name: 'Recording',
		value: 'recording',
		description: 'Audio recordings with their transcripts and summaries',
	},
	defaultOperation: 'getAll',
	operations: [
		chatAboutRecording,
		deleteRecording,
		deleteManyRecordings,
		downloadRecordingAudio,
		getRecording,
		getRecordingEvents,
		getManyRecordings,
		getRecordingStatus,
		getSummary,
		getTranscript,
		resummarizeRecording,
		retranscribeRecording,
		retranscribeManyRecordings,
		setRecordingNotes,
		setRecordingSummary,
		updateRecording,
		updateManyRecordings,
		uploadRecording,
	],
};
