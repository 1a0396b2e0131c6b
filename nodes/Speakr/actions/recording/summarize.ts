import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { withoutSuccess } from '../common';
import { recordingLocator } from '../../locators';

export const recordingSummarize: Operation = {
	option: {
		name: 'Re-Summarize',
		value: 'summarize',
		action: 'Re-summarize a recording',
		description:
			'Queue a new AI summary of an already transcribed recording, optionally with your own prompt (e.g. "list action items with owners")',
	},
	properties: [
		recordingLocator.property(),
		{
			displayName: 'Custom Prompt',
			name: 'customPrompt',
			type: 'string',
			default: '',
			typeOptions: { rows: 3 },
			description:
				'Instructions for this summary; empty uses the prompt from your Speakr settings, tags or folder',
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const id = recordingLocator.read(this, itemIndex);
		const prompt = String(this.getNodeParameter('customPrompt', itemIndex, '') ?? '').trim();
		const response = await client.request<IDataObject>({
			method: 'POST',
			path: `/recordings/${id}/summarize`,
			body: prompt ? { custom_prompt: prompt } : {},
		});
		return { recording_id: Number(id), ...withoutSuccess(response) };
	},
};
