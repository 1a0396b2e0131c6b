import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { simplifyRecording, withStoredFailure } from './schemas';
import { recordingLocator } from '../../locators';

export const recordingGet: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a recording',
		description:
			'Get one Speakr recording by ID: title, status, dates, participants, tags, folder and, unless Simplify is on, its transcript text, summary and notes',
	},
	properties: [
		recordingLocator.property(),
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description:
				'Whether to return only the main fields instead of the full recording (transcript text, summary and notes are left out)',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: { simplify: [false] } },
			options: [
				{
					displayName: 'Include Content',
					name: 'include',
					type: 'multiOptions',
					default: ['transcription', 'summary', 'notes'],
					options: [
						{ name: 'Notes', value: 'notes' },
						{ name: 'Summary', value: 'summary' },
						{ name: 'Transcription', value: 'transcription' },
					],
					description:
						'Which long text fields to include; leave out what you do not need to keep items small',
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const id = recordingLocator.read(this, itemIndex);
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const qs: IDataObject = {};
		if (simplify) {
			// The long text fields are dropped anyway: ask Speakr not to render them.
			qs.include = 'notes';
		} else if (Array.isArray(options.include)) {
			qs.include = (options.include as string[]).join(',');
		}
		const recording = await client.request<IDataObject>({
			method: 'GET',
			path: `/recordings/${id}`,
			qs,
		});
		if (simplify) return simplifyRecording(recording);
		// A failed job's reason sits in `transcription` as ERROR_JSON (only there when transcription is included).
		return withStoredFailure(recording);
	},
};
