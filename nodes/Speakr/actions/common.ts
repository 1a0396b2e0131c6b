import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ServiceClient } from '../../shared/transport';
import { fail, INTEGER_ID, requireId, toIsoUtc } from '../../shared/validate';

/** Comma-separated integer ids ("3, 7") → numbers; each one is validated and named in the error. */
export function readIdList(
	context: IExecuteFunctions,
	raw: unknown,
	label: string,
	itemIndex: number,
): number[] {
	const values = Array.isArray(raw) ? raw : String(raw ?? '').split(',');
	return values
		.map((value) => String(value).trim())
		.filter((value) => value !== '')
		.map((value) =>
			Number(requireId(context.getNode(), value, { label, ...INTEGER_ID }, itemIndex)),
		);
}

/** Speakr's `{ success, message }` answers carry nothing a workflow needs beyond the fact. */
export function withoutSuccess(body: IDataObject): IDataObject {
	const rest: IDataObject = { ...body };
	delete rest.success;
	return rest;
}

/** Strips Markdown to readable plain text (headings, emphasis, links, list markers, code fences). */
export function markdownToText(markdown: string): string {
	return markdown
		.replace(/\r\n/g, '\n')
		.replace(/```[^\n]*\n([\s\S]*?)```/g, '$1')
		.replace(/`([^`]+)`/g, '$1')
		.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
		.replace(/^\s{0,3}#{1,6}\s+/gm, '')
		.replace(/^\s{0,3}>\s?/gm, '')
		.replace(/^(\s*)[-*+]\s+\[[ xX]\]\s+/gm, '$1- ')
		.replace(/^(\s*)[*+]\s+/gm, '$1- ')
		.replace(/(\*\*|__)(.+?)\1/g, '$2')
		.replace(/(^|[^*\w])[*_]([^*_\n]+)[*_](?=[^*\w]|$)/g, '$1$2')
		.replace(/~~(.+?)~~/g, '$1')
		.replace(/^\s*([-*_])(\s*\1){2,}\s*$/gm, '')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

/** Reads `GET /recordings/{id}/status`. */
export async function recordingStatus(
	client: ServiceClient,
	recordingId: string,
): Promise<IDataObject> {
	return await client.request<IDataObject>({
		method: 'GET',
		path: `/recordings/${recordingId}/status`,
	});
}

/**
 * Speakr stores meeting dates without a time zone (e.g. "2024-01-15T09:00:00"). A value without an offset is
 * sent as written (the meeting's wall-clock time); a value with an offset or "Z" is converted to UTC.
 */
export function toSpeakrDate(
	context: IExecuteFunctions,
	raw: unknown,
	label: string,
	itemIndex: number,
): string | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	const text = String(raw).trim();
	const local = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?(?:\.\d+)?)?$/.exec(text);
	const iso = toIsoUtc(
		context.getNode(),
		raw instanceof Date ? raw : text,
		label,
		itemIndex,
	) as string;
	if (local) return `${local[1]}T${local[2] ?? '00:00'}${local[3] ?? ':00'}`;
	return iso.slice(0, 19);
}

/** A JSON field: text typed in it is parsed; a value an expression already gave is taken as it is. */
export function parseJsonField(
	context: IExecuteFunctions,
	raw: unknown,
	problem: { label: string; example: string },
	itemIndex: number,
): unknown {
	if (typeof raw !== 'string') return raw;
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		fail(
			context.getNode(),
			`${problem.label} is not valid JSON`,
			itemIndex,
			`Use ${problem.example}.`,
		);
	}
}

/** Inbox, starred and folder of Update and Update Many: Speakr's keys; folder "none" (or empty) takes it out. */
export function readPlacement(
	context: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): IDataObject {
	const placement: IDataObject = {};
	if (fields.isInbox !== undefined) placement.is_inbox = fields.isInbox === true;
	if (fields.isHighlighted !== undefined) placement.is_highlighted = fields.isHighlighted === true;
	if (fields.folderId !== undefined) {
		const folder = String(fields.folderId).trim().toLowerCase();
		const rule = { label: 'Folder ID', ...INTEGER_ID };
		placement.folder_id =
			folder === '' || folder === 'none'
				? null
				: Number(requireId(context.getNode(), folder, rule, itemIndex));
	}
	return placement;
}
