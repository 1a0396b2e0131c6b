import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { recordArray, type ListPage } from '../../../shared/paginate';

const paginationSchema = z.object({
	page: z.number(),
	per_page: z.number(),
	total: z.number(),
	total_pages: z.number(),
	has_next: z.boolean(),
});

const recordingsPageSchema = z.object({
	recordings: recordArray,
	pagination: paginationSchema,
});

/** `GET /recordings` envelope → page; undefined when the shape is not Speakr's. */
export function readRecordingsPage(body: unknown): ListPage | undefined {
	const parsed = recordingsPageSchema.safeParse(body);
	if (!parsed.success) return undefined;
	const { recordings, pagination } = parsed.data;
	return {
		items: recordings as IDataObject[],
		total: pagination.total,
		totalPages: pagination.total_pages,
		hasNext: pagination.has_next,
	};
}

/** Fields kept by Simplify: what a workflow usually needs from a recording. */
export const SIMPLE_RECORDING_FIELDS = [
	'id',
	'title',
	'status',
	'created_at',
	'completed_at',
	'meeting_date',
	'participants',
	'audio_duration',
	'has_transcription',
	'has_summary',
	'is_inbox',
	'is_highlighted',
	'folder',
	'tags',
	'error_message',
] as const;

export function simplifyRecording(recording: IDataObject): IDataObject {
	const simple: IDataObject = {};
	for (const field of SIMPLE_RECORDING_FIELDS) {
		if (field in recording) simple[field] = recording[field];
	}
	return simple;
}

/**
 * A recording whose processing job failed: Speakr leaves `error_message` null and stores the reason in
 * `transcription` as `ERROR_JSON:{"t": title, "m": message, "g": guidance, "d": technical detail, …}`
 * (format_error_for_storage). Returns the recording with the reason in `error_message` / `error_details` and no
 * error text posing as a transcript; other recordings are returned unchanged.
 */
export function withStoredFailure(recording: IDataObject): IDataObject {
	const stored = recording.transcription;
	if (typeof stored !== 'string' || !stored.startsWith('ERROR_JSON:')) return recording;
	let parsed: IDataObject = {};
	try {
		const value = JSON.parse(stored.slice('ERROR_JSON:'.length)) as unknown;
		if (value && typeof value === 'object' && !Array.isArray(value)) parsed = value as IDataObject;
	} catch {
		parsed = {};
	}
	const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
	const title = text(parsed.t) ?? 'Processing failed';
	const message = text(parsed.m);
	const technical = text(parsed.d);
	const reason = [title, message].filter(Boolean).join(': ');
	return {
		...recording,
		error_message:
			text(recording.error_message) ??
			(technical && technical !== message ? `${reason} (${technical})` : reason),
		error_details: {
			title,
			message: message ?? null,
			guidance: text(parsed.g) ?? null,
			technical: technical ?? null,
		},
		transcription: null,
	};
}
