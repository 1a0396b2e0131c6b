import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { recordingStatus } from '../common';
import { recordingLocator } from '../../locators';

export const recordingGetStatus: Operation = {
	option: {
		name: 'Get Status',
		value: 'getStatus',
		action: 'Get the processing status of a recording',
		description:
			'Check whether a recording is still pending, queued, transcribing or summarizing, or has completed or failed, with its queue position',
	},
	properties: [recordingLocator.property()],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		return await recordingStatus(client, recordingLocator.read(this, itemIndex));
	},
};
