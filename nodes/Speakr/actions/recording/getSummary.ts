import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { markdownToText } from '../common';
import { recordingLocator } from '../../locators';

export const recordingGetSummary: Operation = {
	option: {
		name: 'Get Summary',
		value: 'getSummary',
		action: 'Get the summary of a recording',
		description:
			'Get the AI-written summary of a recording as Markdown, optionally also as plain text; has_summary is false while none exists',
	},
	properties: [
		recordingLocator.property(),
		{
			displayName: 'Include Plain Text',
			name: 'plainText',
			type: 'boolean',
			default: false,
			description:
				'Whether to add a summary_text field with the Markdown formatting removed (for SMS, chat or TTS)',
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const id = recordingLocator.read(this, itemIndex);
		const body = await client.request<IDataObject>({
			method: 'GET',
			path: `/recordings/${id}/summary`,
		});
		const summary = typeof body.summary === 'string' ? body.summary : null;
		const result: IDataObject = {
			recording_id: Number(id),
			has_summary: body.has_summary === true,
			summary,
		};
		// Speakr stores a failed summarization as the summary text itself.
		if (summary?.startsWith('[Summary generation failed')) result.summary_failed = true;
		if (this.getNodeParameter('plainText', itemIndex, false) as boolean)
			result.summary_text = summary === null ? null : markdownToText(summary);
		return result;
	},
};
