import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { recordingLocator } from '../../locators';

type Field = 'notes' | 'summary';

/**
 * Set Notes / Set Summary: `PUT /recordings/{id}/notes|summary` replaces the Markdown field. Unlike Update
 * (PATCH), Speakr emits no `recording.updated` webhook for it, so a workflow started by that event can write back
 * without starting itself again.
 */
export function markdownFieldOperation(field: Field, label: 'Notes' | 'Summary'): Operation {
	const lower = label.toLowerCase();
	const properties: INodeProperties[] = [
		recordingLocator.property(),
		{
			displayName: label,
			name: field,
			type: 'string',
			default: '',
			typeOptions: { rows: 4 },
			description: `Markdown ${lower}; an empty text clears them`,
		},
		{
			displayName: 'Mode',
			name: 'mode',
			type: 'options',
			default: 'replace',
			options: [
				{
					name: 'Append',
					value: 'append',
					description: `Add the text after the existing ${lower}, separated by a blank line (reads them first)`,
				},
				{ name: 'Replace', value: 'replace', description: `Replace the existing ${lower}` },
			],
		},
	];
	return {
		option: {
			name: `Set ${label}`,
			value: field === 'notes' ? 'setNotes' : 'setSummary',
			action: `Set the ${lower} of a recording`,
			description:
				field === 'notes'
					? "Write Markdown notes on a recording (e.g. an AI agent's action items), replacing them or appending to them; returns the recording's notes as saved"
					: "Write a recording's summary (e.g. one made by your own AI model) as Markdown, replacing it or appending to it; returns the summary as saved",
		},
		properties,
		async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
			const id = recordingLocator.read(this, itemIndex);
			const text = String(this.getNodeParameter(field, itemIndex, '') ?? '');
			const mode = this.getNodeParameter('mode', itemIndex, 'replace') as string;
			let value = text;
			if (mode === 'append') {
				const current = await client.request<IDataObject>({
					method: 'GET',
					path: `/recordings/${id}/${field}`,
				});
				const existing = typeof current[field] === 'string' ? (current[field] as string) : '';
				value = existing.trim() === '' ? text : `${existing.replace(/\s+$/, '')}\n\n${text}`;
			}
			const saved = await client.request<IDataObject>({
				method: 'PUT',
				path: `/recordings/${id}/${field}`,
				body: { [field]: value },
			});
			return { recording_id: Number(id), [field]: saved[field] ?? value };
		},
	};
}
