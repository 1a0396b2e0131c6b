import type { Resource } from '../../../shared/operation';
import { recordingChat } from './chat';
import { recordingDelete } from './delete';
import { recordingDeleteMany } from './deleteMany';
import { recordingDownloadAudio } from './downloadAudio';
import { recordingGet } from './get';
import { recordingGetAll } from './getAll';
import { recordingGetEvents } from './getEvents';
import { recordingGetStatus } from './getStatus';
import { recordingGetSummary } from './getSummary';
import { recordingGetTranscript } from './getTranscript';
import { recordingSetNotes } from './setNotes';
import { recordingSetSummary } from './setSummary';
import { recordingSummarize } from './summarize';
import { recordingTranscribe } from './transcribe';
import { recordingTranscribeMany } from './transcribeMany';
import { recordingUpdate } from './update';
import { recordingUpdateMany } from './updateMany';
import { recordingUpload } from './upload';

export const recordingResource: Resource = {
	option: {
		name: 'Recording',
		value: 'recording',
		description: 'Audio recordings with their transcripts and summaries',
	},
	defaultOperation: 'getAll',
	operations: [
		recordingChat,
		recordingDelete,
		recordingDeleteMany,
		recordingDownloadAudio,
		recordingGet,
		recordingGetAll,
		recordingGetEvents,
		recordingGetStatus,
		recordingGetSummary,
		recordingGetTranscript,
		recordingSetNotes,
		recordingSetSummary,
		recordingSummarize,
		recordingTranscribe,
		recordingTranscribeMany,
		recordingUpdate,
		recordingUpdateMany,
		recordingUpload,
	],
};
