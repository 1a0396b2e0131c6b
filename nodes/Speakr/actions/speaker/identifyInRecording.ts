import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { recordingLocator } from '../../locators';

export const speakerIdentifyInRecording: Operation = {
	option: {
		name: 'Identify in Recording',
		value: 'identifyInRecording',
		action: 'Identify the speakers in a recording',
		description:
			"Ask Speakr's AI who the speakers of a recording are, from what they say; returns suggested names per label (speaker_map) without changing anything — pass it to Assign in Recording to apply",
	},
	properties: [recordingLocator.property()],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const id = recordingLocator.read(this, itemIndex);
		const body = await client.request<IDataObject>({
			method: 'POST',
			path: `/recordings/${id}/speakers/identify`,
			// Speakr reads no body here but refuses a POST without one; the transport sends {} as JSON.
			body: {},
		});
		return { recording_id: Number(id), speaker_map: body.speaker_map ?? {} };
	},
};
