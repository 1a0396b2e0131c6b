import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { batchOutcome, readRecordingIds, recordingIdsProperty } from './batch';

export const recordingDeleteMany: Operation = {
	option: {
		name: 'Delete Many',
		value: 'deleteMany',
		action: 'Delete many recordings',
		description:
			'Permanently delete several recordings with their audio, transcripts and summaries in one request; returns the IDs deleted and those that failed (not found, not yours)',
	},
	properties: [recordingIdsProperty('delete')],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const recordingIds = readRecordingIds(this, itemIndex);
		const body = await client.request<IDataObject>({
			method: 'DELETE',
			path: '/recordings/batch',
			body: { recording_ids: recordingIds },
		});
		const outcome = batchOutcome(
			client,
			body,
			'deleted_ids',
			'deleted',
			'DELETE /api/v1/recordings/batch',
		);
		return { deleted: true, ...outcome };
	},
};
