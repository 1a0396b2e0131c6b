import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldGroup } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { withoutSuccess } from '../common';
import { recordingLocator } from '../../locators';
import { inputError } from '../../../shared/inputError';

export const recordingTranscribe: Operation = {
	option: {
		name: 'Re-Transcribe',
		value: 'transcribe',
		action: 'Re-transcribe a recording',
		description:
			"Queue a new transcription of a recording's audio, optionally with another language, speaker count, hotwords or model; the summary is regenerated afterwards",
	},
	properties: [
		recordingLocator.property(),
		fieldGroup('options', [
			{
				displayName: 'Hotwords',
				name: 'hotwords',
				type: 'string',
				default: '',
				description: 'Comma-separated words the transcription should recognise',
			},
			{
				displayName: 'Initial Prompt',
				name: 'initialPrompt',
				type: 'string',
				default: '',
				description: 'Context given to the transcription model',
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'string',
				default: '',
				placeholder: 'e.g. en',
				description: 'Language code; empty lets Speakr detect it',
			},
			{
				displayName: 'Max Speakers',
				name: 'maxSpeakers',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description: 'Largest number of speakers (0 = let Speakr decide)',
			},
			{
				displayName: 'Min Speakers',
				name: 'minSpeakers',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description: 'Smallest number of speakers (0 = let Speakr decide)',
			},
			{
				displayName: 'Transcription Model',
				name: 'transcriptionModel',
				type: 'string',
				default: '',
				description: 'An unknown model falls back to the server default',
			},
		]),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const id = recordingLocator.read(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const body: IDataObject = {};
		const set = (key: string, value: unknown) => {
			if (typeof value === 'string' && value.trim() !== '') body[key] = value.trim();
		};
		set('language', options.language);
		set('hotwords', options.hotwords);
		set('initial_prompt', options.initialPrompt);
		set('transcription_model', options.transcriptionModel);
		const min = Number(options.minSpeakers ?? 0);
		const max = Number(options.maxSpeakers ?? 0);
		if (min > 0 && max > 0 && max < min) {
			throw inputError(
				this.getNode(),
				`Max Speakers (${max}) is smaller than Min Speakers (${min})`,
				{ itemIndex },
			);
		}
		if (min > 0) body.min_speakers = min;
		if (max > 0) body.max_speakers = max;
		const response = await client.request<IDataObject>({
			method: 'POST',
			path: `/recordings/${id}/transcribe`,
			body,
		});
		return { recording_id: Number(id), ...withoutSuccess(response) };
	},
};
