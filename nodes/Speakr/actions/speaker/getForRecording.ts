import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { recordingLocator } from '../../locators';

export const speakerGetForRecording: Operation = {
	option: {
		name: 'Get Many for Recording',
		value: 'getForRecording',
		action: 'Get the speakers of a recording',
		description:
			'List the speaker labels of one recording (e.g. SPEAKER_00) with the name assigned to each, segment counts and voice-match suggestions',
	},
	properties: [recordingLocator.property()],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const id = recordingLocator.read(this, itemIndex);
		const body = await client.request<IDataObject>({
			method: 'GET',
			path: `/recordings/${id}/speakers`,
		});
		const speakers = Array.isArray(body.speakers) ? (body.speakers as IDataObject[]) : [];
		const suggestions = (body.suggestions as IDataObject | undefined) ?? {};
		return speakers.map((speaker) => ({
			recording_id: Number(id),
			...speaker,
			suggestions: (suggestions[String(speaker.label)] as IDataObject[] | undefined) ?? [],
		}));
	},
};
