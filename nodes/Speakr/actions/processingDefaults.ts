import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fail } from '../../shared/validate';

/** Tag and folder fields: name, colour, and the processing defaults applied to recordings they hold. */
export type Holder = 'tag' | 'folder';

const NAME_MAX = 50; // both are String(50) columns

export const nameProperty = (holder: Holder): INodeProperties => ({
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	required: true,
	placeholder: holder === 'tag' ? 'e.g. Customer calls' : 'e.g. Work',
	description: `Name of the ${holder}, unique among your ${holder}s (at most ${NAME_MAX} characters)`,
});

/** The optional fields of Create (as "Additional Fields") and Update (as "Update Fields", with the name). */
export function holderFields(holder: Holder, withName: boolean): INodeProperties[] {
	const fields: INodeProperties[] = [
		holder === 'tag'
			? {
					displayName: 'Color',
					name: 'color',
					type: 'color',
					default: '#3B82F6',
					description: 'Colour shown in Speakr, as #RRGGBB',
				}
			: {
					displayName: 'Color',
					name: 'color',
					type: 'color',
					default: '#10B981',
					description: 'Colour shown in Speakr, as #RRGGBB',
				},
		{
			displayName: 'Custom Prompt',
			name: 'customPrompt',
			type: 'string',
			default: '',
			typeOptions: { rows: 3 },
			description: `Summary prompt used for recordings in this ${holder} instead of your default`,
		},
		{
			displayName: 'Default Language',
			name: 'defaultLanguage',
			type: 'string',
			default: '',
			placeholder: 'e.g. en',
			description: 'Transcription language code used for recordings in it',
		},
		{
			displayName: 'Default Max Speakers',
			name: 'defaultMaxSpeakers',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 2,
		},
		{
			displayName: 'Default Min Speakers',
			name: 'defaultMinSpeakers',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 1,
		},
	];
	if (holder === 'tag') {
		fields.push({
			displayName: 'Protect From Deletion',
			name: 'protectFromDeletion',
			type: 'boolean',
			default: false,
			description:
				'Whether recordings with this tag are kept when automatic deletion (retention) runs',
		});
	} else {
		fields.push(
			{
				displayName: 'Default Hotwords',
				name: 'defaultHotwords',
				type: 'string',
				default: '',
				description: 'Comma-separated words the transcription should recognise',
			},
			{
				displayName: 'Default Initial Prompt',
				name: 'defaultInitialPrompt',
				type: 'string',
				default: '',
				description: 'Context given to the transcription model',
			},
			{
				displayName: 'Default Transcription Model',
				name: 'defaultTranscriptionModel',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Retention Days',
				name: 'retentionDays',
				type: 'number',
				typeOptions: { minValue: -1, numberPrecision: 0 },
				default: 30,
				description:
					'Days recordings in the folder are kept when automatic deletion is on; -1 keeps them forever, 0 uses the global setting',
			},
		);
	}
	if (withName) {
		fields.push({
			...nameProperty(holder),
			required: false,
		});
	}
	return fields.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

const KEYS: Record<string, string> = {
	name: 'name',
	color: 'color',
	customPrompt: 'custom_prompt',
	defaultLanguage: 'default_language',
	defaultMinSpeakers: 'default_min_speakers',
	defaultMaxSpeakers: 'default_max_speakers',
	protectFromDeletion: 'protect_from_deletion',
	defaultHotwords: 'default_hotwords',
	defaultInitialPrompt: 'default_initial_prompt',
	defaultTranscriptionModel: 'default_transcription_model',
	retentionDays: 'retention_days',
};

const NUMBER_FIELDS: Record<string, string> = {
	defaultMinSpeakers: 'Default Min Speakers',
	defaultMaxSpeakers: 'Default Max Speakers',
	retentionDays: 'Retention Days',
};

/** Checks the fields and maps them to Speakr's body keys; an empty text clears a field (null). */
export function holderBody(
	context: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): IDataObject {
	const node = context.getNode();
	const body: IDataObject = {};
	for (const [field, value] of Object.entries(fields)) {
		const key = KEYS[field];
		if (!key) continue;
		if (field === 'name') {
			const name = String(value ?? '').trim();
			if (!name) fail(node, 'Name is empty', itemIndex, 'Enter a name.');
			if (name.length > NAME_MAX)
				fail(node, `Name is longer than ${NAME_MAX} characters`, itemIndex, 'Shorten it.');
			body.name = name;
		} else if (field === 'color') {
			const color = String(value ?? '').trim();
			if (!/^#[0-9a-fA-F]{6}$/.test(color))
				fail(node, `Color "${color}" is not a #RRGGBB colour`, itemIndex, 'Use e.g. #3B82F6.');
			body.color = color;
		} else if (field in NUMBER_FIELDS) {
			const number = Number(value);
			if (!Number.isInteger(number) || (field !== 'retentionDays' && number < 1))
				fail(node, `${NUMBER_FIELDS[field]} must be a whole number of at least 1`, itemIndex);
			if (field === 'retentionDays' && number < -1)
				fail(node, 'Retention Days must be -1 (forever), 0 (global setting) or more', itemIndex);
			body[key] = field === 'retentionDays' && number === 0 ? null : number;
		} else if (typeof value === 'boolean') {
			body[key] = value;
		} else {
			const text = String(value ?? '').trim();
			body[key] = text === '' ? null : text;
		}
	}
	const min = body.default_min_speakers as number | undefined;
	const max = body.default_max_speakers as number | undefined;
	if (min !== undefined && max !== undefined && min > max)
		fail(
			node,
			`Default Min Speakers (${min}) is more than Default Max Speakers (${max})`,
			itemIndex,
		);
	return body;
}
