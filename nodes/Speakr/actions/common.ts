import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ServiceClient } from '../../shared/transport';
import { INTEGER_ID, requireId, toIsoUtc } from '../../shared/validate';

/** Speakr ids are integers; a non-integer would get Flask's HTML 404, so it is refused before any request. */
const integerMode = (label: string) => ({
	displayName: 'By ID',
	name: 'id',
	type: 'string' as const,
	placeholder: 'e.g. 42',
	validation: [
		{
			type: 'regex' as const,
			properties: {
				regex: '^\\s*[1-9][0-9]*\\s*$',
				errorMessage: `The ${label} is a whole number such as 42`,
			},
		},
	],
});

function locator(
	displayName: string,
	name: string,
	searchListMethod: string,
	description: string,
	searchable = true,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable },
			},
			integerMode(displayName),
		],
	};
}

export const recordingIdProperty = (
	description = 'The recording to use. Pick it from the list (searches titles and participants) or enter its ID.',
): INodeProperties => locator('Recording', 'recordingId', 'searchRecordings', description);

export const tagIdProperty = (
	description = 'The tag to use. Pick it from the list or enter its ID.',
): INodeProperties => locator('Tag', 'tagId', 'searchTags', description);

export const folderIdProperty = (
	description = 'The folder to use. Pick it from the list or enter its ID.',
): INodeProperties => locator('Folder', 'folderId', 'searchFolders', description);

/** Reads a resource locator (or a plain value mapped in by an expression) as a validated integer id. */
export function readLocatorId(
	context: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	return requireId(context.getNode(), value, { label, ...INTEGER_ID }, itemIndex);
}

export const readRecordingId = (context: IExecuteFunctions, itemIndex: number) =>
	readLocatorId(context, 'recordingId', 'Recording ID', itemIndex);

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
