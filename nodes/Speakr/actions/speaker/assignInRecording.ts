import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { recordingLocator } from '../../locators';
import { parseJsonField } from '../common';
import { fail } from '../../../shared/validate';

interface Assignment {
	label: string;
	name: string;
	isMe: boolean;
}

function fromJson(context: IExecuteFunctions, raw: unknown, itemIndex: number): Assignment[] {
	const example = 'an object such as {"SPEAKER_00": "Alice", "SPEAKER_01": "Bob"}';
	const parsed = parseJsonField(context, raw, { label: 'Speaker Map', example }, itemIndex);
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		fail(
			context.getNode(),
			'Speaker Map must be a JSON object of label → name',
			itemIndex,
			`Use ${example}.`,
		);
	}
	return Object.entries(parsed as IDataObject).map(([label, value]) => {
		if (typeof value === 'string') return { label, name: value, isMe: false };
		const entry = (value ?? {}) as IDataObject;
		if (typeof value !== 'object' || Array.isArray(value)) {
			fail(
				context.getNode(),
				`Speaker Map value for "${label}" must be a name or {"name": …, "isMe": true|false}`,
				itemIndex,
			);
		}
		return { label, name: String(entry.name ?? ''), isMe: entry.isMe === true };
	});
}

function readAssignments(context: IExecuteFunctions, itemIndex: number): Assignment[] {
	const mode = context.getNodeParameter('inputMode', itemIndex, 'fields') as string;
	const raw =
		mode === 'json'
			? fromJson(context, context.getNodeParameter('speakerMap', itemIndex, '{}'), itemIndex)
			: ((
					(context.getNodeParameter('speakers', itemIndex, {}) as IDataObject).speaker as
						| IDataObject[]
						| undefined
				)?.map((entry) => ({
					label: String(entry.label ?? ''),
					name: String(entry.name ?? ''),
					isMe: entry.isMe === true,
				})) ?? []);
	const assignments = raw
		.map((entry) => ({ label: entry.label.trim(), name: entry.name.trim(), isMe: entry.isMe }))
		// Identify in Recording leaves the speakers it could not name empty: in a map they are skipped.
		.filter((entry) => mode !== 'json' || entry.name !== '' || entry.isMe);
	if (assignments.length === 0) {
		fail(
			context.getNode(),
			'No speaker to assign',
			itemIndex,
			'Add at least one speaker label (e.g. SPEAKER_00) with the name to give it.',
		);
	}
	const seen = new Set<string>();
	for (const { label, name, isMe } of assignments) {
		if (!label) fail(context.getNode(), 'A speaker label is empty', itemIndex);
		if (seen.has(label))
			fail(context.getNode(), `Speaker label "${label}" is assigned twice`, itemIndex);
		seen.add(label);
		// Speakr silently skips an empty name unless it is "me" (it then uses the user's name).
		if (!name && !isMe)
			fail(
				context.getNode(),
				`The name for "${label}" is empty`,
				itemIndex,
				'Enter a name, or turn on "Is Me" to use your own name.',
			);
	}
	return assignments;
}

export const speakerAssignInRecording: Operation = {
	option: {
		name: 'Assign in Recording',
		value: 'assignInRecording',
		action: 'Assign speaker names in a recording',
		description:
			"Give the speaker labels of a recording (e.g. SPEAKER_00) real names: rewrites the transcript's speakers and the participants, optionally regenerating the summary with the names; unknown labels are refused",
	},
	properties: [
		recordingLocator.property(),
		{
			displayName: 'Input',
			name: 'inputMode',
			type: 'options',
			default: 'fields',
			options: [
				{ name: 'Fields', value: 'fields', description: 'One row per speaker label' },
				{
					name: 'JSON',
					value: 'json',
					description:
						'A label → name object, e.g. the speaker_map of Speaker → Identify in Recording (empty names are skipped)',
				},
			],
		},
		{
			displayName: 'Speakers',
			name: 'speakers',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Speaker',
			displayOptions: { show: { inputMode: ['fields'] } },
			options: [
				{
					displayName: 'Speaker',
					name: 'speaker',
					values: [
						{
							displayName: 'Label',
							name: 'label',
							type: 'string',
							default: '',
							placeholder: 'e.g. SPEAKER_00',
							description:
								'The speaker as the transcript names it now (Speaker → Get Many for Recording lists them)',
						},
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'e.g. Alice',
						},
						{
							displayName: 'Is Me',
							name: 'isMe',
							type: 'boolean',
							default: false,
							description:
								"Whether this speaker is you (the token's user); with an empty name your account's name is used",
						},
					],
				},
			],
		},
		{
			displayName: 'Speaker Map',
			name: 'speakerMap',
			type: 'json',
			default: '{\n  "SPEAKER_00": "Alice"\n}',
			displayOptions: { show: { inputMode: ['json'] } },
			description:
				'Label → name, e.g. {"SPEAKER_00": "Alice", "SPEAKER_01": {"name": "Bob", "isMe": true}}',
		},
		{
			displayName: 'Regenerate Summary',
			name: 'regenerateSummary',
			type: 'boolean',
			default: false,
			description:
				'Whether to queue a new summary that uses the names (Speakr then emits Summary Completed)',
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const id = recordingLocator.read(this, itemIndex);
		const assignments = readAssignments(this, itemIndex);
		// Speakr ignores labels the transcript does not have and still answers success: check them first.
		const current = await client.request<IDataObject>({
			method: 'GET',
			path: `/recordings/${id}/speakers`,
		});
		const labels = (Array.isArray(current.speakers) ? (current.speakers as IDataObject[]) : []).map(
			(speaker) => String(speaker.label),
		);
		const unknown = assignments.filter((entry) => !labels.includes(entry.label));
		// A transcript stored as plain text lists no speakers; Speakr then replaces "[LABEL]" in the text.
		if (labels.length > 0 && unknown.length > 0) {
			fail(
				this.getNode(),
				`Recording ${id} has no speaker ${unknown.map((entry) => `"${entry.label}"`).join(', ')}`,
				itemIndex,
				`Its speakers are: ${labels.join(', ')}.`,
			);
		}
		const body = await client.request<IDataObject>({
			method: 'PUT',
			path: `/recordings/${id}/speakers/assign`,
			body: {
				speaker_map: Object.fromEntries(
					assignments.map(({ label, name, isMe }) => [label, { name, isMe }]),
				),
				regenerate_summary: this.getNodeParameter('regenerateSummary', itemIndex, false) === true,
			},
		});
		const recording = (body.recording as IDataObject | undefined) ?? {};
		return {
			recording_id: Number(id),
			participants: recording.participants ?? null,
			status: recording.status ?? null,
			summary_queued: body.summary_queued === true,
			embeddings_updated: body.embeddings_updated ?? 0,
			snippets_created: body.snippets_created ?? 0,
		};
	},
};
