import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { readRecordingId, recordingIdProperty, recordingStatus } from '../common';

export const recordingGetStatus: Operation = {
	option: {
		name: 'Get Status',
		value: 'getStatus',
		action: 'Get the processing status of a recording',
		description:
			'Check whether a recording is still pending, queued, transcribing or summarizing, or has completed or failed, with its queue position',
	},
	properties: [recordingIdProperty()],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		return await recordingStatus(client, readRecordingId(this, itemIndex));
	},
};
