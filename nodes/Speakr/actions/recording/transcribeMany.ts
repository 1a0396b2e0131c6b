import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { batchOutcome, readRecordingIds, recordingIdsProperty } from './batch';

export const recordingTranscribeMany: Operation = {
	option: {
		name: 'Re-Transcribe Many',
		value: 'transcribeMany',
		action: 'Re-transcribe many recordings',
		description:
			"Queue new transcriptions of several recordings in one request with the server's default settings; returns the queued IDs with their job IDs and those that failed (e.g. audio deleted)",
	},
	properties: [recordingIdsProperty('re-transcribe')],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const recordingIds = readRecordingIds(this, itemIndex);
		const body = await client.request<IDataObject>({
			method: 'POST',
			path: '/recordings/batch/transcribe',
			body: { recording_ids: recordingIds },
		});
		return batchOutcome(
			client,
			body,
			'queued',
			'queued',
			'POST /api/v1/recordings/batch/transcribe',
		);
	},
};
