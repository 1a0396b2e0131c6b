import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldGroup } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { INTEGER_ID, requireId } from '../../../shared/validate';
import { readIdList, recordingStatus, toSpeakrDate } from '../common';
import { simplifyRecording, withStoredFailure } from './schemas';
import { inputError } from '../../../shared/inputError';

const FINAL_STATUSES = new Set(['COMPLETED', 'FAILED']);

export const recordingUpload: Operation = {
	option: {
		name: 'Upload',
		value: 'upload',
		action: 'Upload a recording',
		description:
			'Upload an audio or video file from a binary field to Speakr for transcription and summary; can wait until processing has finished',
	},
	properties: [
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			placeholder: 'e.g. data',
			hint: 'The name of the input binary field containing the audio file',
		},
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: false,
			description:
				'Whether to wait until Speakr has finished transcribing and summarizing, then return the finished recording with its transcript and summary',
		},
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			default: 600,
			typeOptions: { minValue: 1, maxValue: 3600 },
			displayOptions: { show: { waitForCompletion: [true] } },
			description:
				'Longest time to wait. If processing is still running then, the recording is returned with processing_outcome "timed_out".',
		},
		{
			displayName: 'Check Every (Seconds)',
			name: 'pollIntervalSeconds',
			type: 'number',
			default: 10,
			typeOptions: { minValue: 1, maxValue: 300 },
			displayOptions: { show: { waitForCompletion: [true] } },
			description: 'How often the processing status is checked while waiting',
		},
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description: 'Whether to return only the main fields of the recording instead of all of them',
		},
		fieldGroup('additionalFields', [
			{
				displayName: 'Folder ID',
				name: 'folderId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 3',
				description:
					'Folder to put the recording in (needs the Folders feature enabled by the Speakr admin)',
			},
			{
				displayName: 'Hotwords',
				name: 'hotwords',
				type: 'string',
				default: '',
				placeholder: 'e.g. Speakr, n8n, Kubernetes',
				description: 'Comma-separated words the transcription should recognise (names, jargon)',
			},
			{
				displayName: 'Initial Prompt',
				name: 'initialPrompt',
				type: 'string',
				default: '',
				description: 'Context given to the transcription model',
			},
			{
				displayName: 'Keep Audio Only',
				name: 'keepAudioOnly',
				type: 'boolean',
				default: false,
				description:
					'Whether Speakr keeps only the audio track of a video file (cannot be changed later)',
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'string',
				default: '',
				placeholder: 'e.g. en',
				description: 'Language code of the audio; empty lets Speakr detect it',
			},
			{
				displayName: 'Max Speakers',
				name: 'maxSpeakers',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description: 'Largest number of speakers to tell apart (0 = let Speakr decide)',
			},
			{
				displayName: 'Meeting Date',
				name: 'meetingDate',
				type: 'dateTime',
				default: '',
				description: 'When the meeting took place; a date without time zone is kept as written',
			},
			{
				displayName: 'Min Speakers',
				name: 'minSpeakers',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description: 'Smallest number of speakers to tell apart (0 = let Speakr decide)',
			},
			{
				displayName: 'Notes',
				name: 'notes',
				type: 'string',
				default: '',
				typeOptions: { rows: 3 },
				description: 'Markdown notes stored with the recording',
			},
			{
				displayName: 'Participants',
				name: 'participants',
				type: 'string',
				default: '',
				placeholder: 'e.g. Alice, Bob',
				description:
					"Who took part. Speakr's upload does not take participants, so they are set with an update right after the upload.",
			},
			{
				displayName: 'Prompt Variables (JSON)',
				name: 'promptVariables',
				type: 'json',
				default: '{}',
				description:
					'Values for {{name}} placeholders in your Speakr prompts, as a JSON object of names to texts',
			},
			{
				displayName: 'Tag IDs',
				name: 'tagIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1, 4',
				description:
					"Comma-separated IDs of tags to add; a tag's defaults (language, speakers, prompt) apply to the processing",
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: 'Title of the recording; empty lets Speakr generate one',
			},
			{
				displayName: 'Transcription Model',
				name: 'transcriptionModel',
				type: 'string',
				default: '',
				description: 'Model to transcribe with; an unknown model falls back to the server default',
			},
		]),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const node = this.getNode();
		const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
		const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const wait = this.getNodeParameter('waitForCompletion', itemIndex, false) as boolean;
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;

		// Everything is checked before the file is read or sent.
		const form: Array<[string, string]> = [];
		const text = (name: string, value: unknown) => {
			if (value !== undefined && value !== null && String(value).trim() !== '')
				form.push([name, String(value).trim()]);
		};
		text('title', fields.title);
		text('notes', fields.notes);
		text('meeting_date', toSpeakrDate(this, fields.meetingDate, 'Meeting Date', itemIndex));
		text('language', fields.language);
		const minSpeakers = Number(fields.minSpeakers ?? 0);
		const maxSpeakers = Number(fields.maxSpeakers ?? 0);
		if (minSpeakers > 0 && maxSpeakers > 0 && maxSpeakers < minSpeakers) {
			throw inputError(
				node,
				`Max Speakers (${maxSpeakers}) is smaller than Min Speakers (${minSpeakers})`,
				{ itemIndex },
			);
		}
		if (minSpeakers > 0) text('min_speakers', minSpeakers);
		if (maxSpeakers > 0) text('max_speakers', maxSpeakers);
		text('hotwords', fields.hotwords);
		text('initial_prompt', fields.initialPrompt);
		text('transcription_model', fields.transcriptionModel);
		if (fields.promptVariables !== undefined && fields.promptVariables !== '') {
			const variables = parsePromptVariables(this, fields.promptVariables, itemIndex);
			if (Object.keys(variables).length) form.push(['prompt_variables', JSON.stringify(variables)]);
		}
		if (fields.folderId !== undefined && String(fields.folderId).trim() !== '') {
			text(
				'folder_id',
				requireId(node, fields.folderId, { label: 'Folder ID', ...INTEGER_ID }, itemIndex),
			);
		}
		readIdList(this, fields.tagIds, 'Tag ID', itemIndex).forEach((tagId, index) =>
			form.push([`tag_ids[${index}]`, String(tagId)]),
		);
		if (fields.keepAudioOnly !== undefined)
			form.push(['keep_audio_only', fields.keepAudioOnly === true ? 'true' : 'false']);
		const participants = typeof fields.participants === 'string' ? fields.participants.trim() : '';

		const binary = this.helpers.assertBinaryData(itemIndex, property);
		const data = await this.helpers.getBinaryDataBuffer(itemIndex, property);
		if (data.length === 0) {
			throw inputError(node, `The file in binary field "${property}" is empty`, { itemIndex });
		}
		const fileName = binary.fileName || `recording.${binary.fileExtension ?? 'bin'}`;
		const body = new FormData();
		body.append(
			'file',
			new Blob([data], { type: binary.mimeType || 'application/octet-stream' }),
			fileName,
		);
		for (const [name, value] of form) body.append(name, value);

		let recording = await client.request<IDataObject>({
			method: 'POST',
			path: '/recordings/upload',
			body,
		});
		const id = String(recording.id);
		if (participants) {
			const updated = await client.request<IDataObject>({
				method: 'PATCH',
				path: `/recordings/${id}`,
				body: { participants },
			});
			recording = {
				...recording,
				...((updated.recording as IDataObject | undefined) ?? { participants }),
			};
		}
		if (!wait)
			return simplify ? { ...simplifyRecording(recording), ...duplicateOf(recording) } : recording;

		const outcome = await waitForProcessing(this, client, id, itemIndex);
		const finished = withStoredFailure(
			await client.request<IDataObject>({
				method: 'GET',
				path: `/recordings/${id}`,
			}),
		);
		const processing: IDataObject = {
			processing_outcome: outcome.outcome,
			waited_seconds: outcome.waitedSeconds,
		};
		if (
			outcome.outcome === 'failed' &&
			typeof finished.summary === 'string' &&
			finished.summary.startsWith('[Summary generation failed')
		) {
			// Transcribed, but the summary step failed: the transcript is usable.
			processing.processing_outcome = 'summary_failed';
		}
		return simplify
			? {
					...simplifyRecording(finished),
					transcription: finished.transcription,
					summary: finished.summary,
					...(finished.error_details ? { error_details: finished.error_details } : {}),
					...processing,
				}
			: { ...finished, ...processing };
	},
};

function duplicateOf(recording: IDataObject): IDataObject {
	return recording.duplicate_warning ? { duplicate_warning: recording.duplicate_warning } : {};
}

function parsePromptVariables(
	context: IExecuteFunctions,
	raw: unknown,
	itemIndex: number,
): IDataObject {
	let value = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw) as unknown;
		} catch {
			value = undefined;
		}
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw inputError(
			context.getNode(),
			`Prompt Variables must be a JSON object such as {"client": "ACME"}`,
			{ itemIndex },
		);
	}
	return value as IDataObject;
}

/** Polls `/status` (exempt from Speakr's rate limit) until COMPLETED/FAILED or the wait bound is reached. */
async function waitForProcessing(
	context: IExecuteFunctions,
	client: ServiceClient,
	id: string,
	itemIndex: number,
): Promise<{ outcome: 'completed' | 'failed' | 'timed_out'; waitedSeconds: number }> {
	const maxWaitMs =
		Math.max(1, Number(context.getNodeParameter('maxWaitSeconds', itemIndex, 600))) * 1000;
	const intervalMs =
		Math.max(1, Number(context.getNodeParameter('pollIntervalSeconds', itemIndex, 10))) * 1000;
	const started = Date.now();
	for (;;) {
		const status = await recordingStatus(client, id);
		const state = String(status.status ?? '');
		const waited = Date.now() - started;
		if (FINAL_STATUSES.has(state))
			return {
				outcome: state === 'COMPLETED' ? 'completed' : 'failed',
				waitedSeconds: Math.round(waited / 1000),
			};
		if (waited >= maxWaitMs)
			return { outcome: 'timed_out', waitedSeconds: Math.round(waited / 1000) };
		await client.pause(Math.min(intervalMs, maxWaitMs - waited));
	}
}
