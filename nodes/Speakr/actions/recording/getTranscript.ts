import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ExecutionItems, type Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { recordingLocator } from '../../locators';

const FILE_TYPES: Record<string, { extension: string; mimeType: string }> = {
	text: { extension: 'txt', mimeType: 'text/plain' },
	srt: { extension: 'srt', mimeType: 'application/x-subrip' },
	vtt: { extension: 'vtt', mimeType: 'text/vtt' },
};

export const recordingGetTranscript: Operation = {
	option: {
		name: 'Get Transcript',
		value: 'getTranscript',
		action: 'Get the transcript of a recording',
		description:
			'Get what was said in a recording: speaker-labelled segments with start and end times (JSON), plain text, or SRT/VTT subtitles, optionally as a file',
	},
	properties: [
		recordingLocator.property(),
		{
			displayName: 'Format',
			name: 'format',
			type: 'options',
			default: 'json',
			options: [
				{
					name: 'JSON Segments',
					value: 'json',
					description: 'Speaker, sentence, start and end time of each segment',
				},
				{
					name: 'Plain Text',
					value: 'text',
					description: 'One "[Speaker]: sentence" line per segment',
				},
				{ name: 'SRT Subtitles', value: 'srt' },
				{ name: 'VTT Subtitles', value: 'vtt' },
			],
		},
		{
			displayName: 'Split Into Items',
			name: 'splitSegments',
			type: 'boolean',
			default: false,
			displayOptions: { show: { format: ['json'] } },
			description:
				'Whether to output one item per segment instead of one item holding all segments',
		},
		{
			displayName: 'Output as File',
			name: 'asFile',
			type: 'boolean',
			default: false,
			displayOptions: { show: { format: ['text', 'srt', 'vtt'] } },
			description:
				'Whether to also output the transcript as a binary file (e.g. to save it or attach it to an email)',
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			displayOptions: { show: { format: ['text', 'srt', 'vtt'], asFile: [true] } },
			description: 'Name of the binary field the file is written to',
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const id = recordingLocator.read(this, itemIndex);
		const format = this.getNodeParameter('format', itemIndex, 'json') as string;
		const body = await client.request<IDataObject>({
			method: 'GET',
			path: `/recordings/${id}/transcript`,
			qs: { format },
		});
		const recordingId = Number(id);
		if (format === 'json') {
			const segments = Array.isArray(body.segments) ? (body.segments as IDataObject[]) : [];
			if (this.getNodeParameter('splitSegments', itemIndex, false) as boolean) {
				// A transcript stored as plain text has no segments: keep it as one item rather than losing it.
				if (segments.length === 0 && typeof body.raw === 'string')
					return { recording_id: recordingId, index: 0, raw: body.raw };
				return segments.map((segment, index) => ({ recording_id: recordingId, index, ...segment }));
			}
			return { recording_id: recordingId, ...body };
		}
		const content = typeof body.content === 'string' ? body.content : '';
		const json: IDataObject = { recording_id: recordingId, format, content };
		if (!(this.getNodeParameter('asFile', itemIndex, false) as boolean)) return json;
		const property =
			String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim() || 'data';
		const type = FILE_TYPES[format];
		const binary = await this.helpers.prepareBinaryData(
			Buffer.from(content, 'utf8'),
			`recording-${id}-transcript.${type.extension}`,
			type.mimeType,
		);
		return new ExecutionItems([{ json, binary: { [property]: binary } }]);
	},
};
