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
