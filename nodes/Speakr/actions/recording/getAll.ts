import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readReturnAll, returnAllAndLimit, fieldGroup } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import { paginate } from '../../../shared/paginate';
import type { ServiceClient } from '../../../shared/transport';
import { assertDateRange, INTEGER_ID, requireId, toIsoUtc } from '../../../shared/validate';
import { recordings } from '../../endpoints';
import { simplifyRecording } from './schemas';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return only the main fields of each recording instead of all of them',
	},
	fieldGroup('filters', [
		{
			displayName: 'Created After',
			name: 'dateFrom',
			type: 'dateTime',
			default: '',
			description: 'Only recordings created at or after this time',
		},
		{
			displayName: 'Created Before',
			name: 'dateTo',
			type: 'dateTime',
			default: '',
			description: 'Only recordings created at or before this time',
		},
		{
			displayName: 'Folder ID',
			name: 'folderId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 3, or none',
			description: 'Only recordings in this folder; "none" for recordings in no folder',
		},
		{
			displayName: 'Inbox',
			name: 'inbox',
			type: 'options',
			default: 'any',
			options: [
				{ name: 'Any', value: 'any' },
				{ name: 'In Inbox Only', value: 'true' },
				{ name: 'Not in Inbox', value: 'false' },
			],
		},
		{
			displayName: 'Search Text',
			name: 'q',
			type: 'string',
			default: '',
			description: 'Case-insensitive text searched in titles and participants',
		},
		{
			displayName: 'Starred',
			name: 'starred',
			type: 'options',
			default: 'any',
			options: [
				{ name: 'Any', value: 'any' },
				{ name: 'Not Starred', value: 'false' },
				{ name: 'Starred Only', value: 'true' },
			],
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			default: 'all',
			options: [
				{ name: 'All', value: 'all' },
				{ name: 'Completed', value: 'completed' },
				{ name: 'Failed', value: 'failed' },
				{ name: 'Pending', value: 'pending' },
				{ name: 'Processing (Transcribing or Summarizing)', value: 'processing' },
			],
		},
		{
			displayName: 'Tag ID',
			name: 'tagId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2',
			description: 'Only recordings with this tag',
		},
	]),
	fieldGroup('sort', [
		{
			displayName: 'Sort By',
			name: 'sortBy',
			type: 'options',
			default: 'created_at',
			options: [
				{ name: 'Created At', value: 'created_at' },
				{ name: 'File Size', value: 'file_size' },
				{ name: 'Meeting Date', value: 'meeting_date' },
				{ name: 'Status', value: 'status' },
				{ name: 'Title', value: 'title' },
			],
		},
		{
			displayName: 'Sort Order',
			name: 'sortOrder',
			type: 'options',
			default: 'desc',
			options: [
				{ name: 'Ascending', value: 'asc' },
				{ name: 'Descending', value: 'desc' },
			],
		},
	]),
];

/** Filters and sort → Speakr's query parameters; invalid values are refused here, Speakr would ignore them silently. */
export function recordingListQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = context.getNode();
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const sort = context.getNodeParameter('sort', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	const dateFrom = toIsoUtc(node, filters.dateFrom, 'Created After', itemIndex);
	const dateTo = toIsoUtc(node, filters.dateTo, 'Created Before', itemIndex);
	assertDateRange(node, dateFrom, dateTo, itemIndex);
	if (dateFrom) qs.date_from = dateFrom;
	if (dateTo) qs.date_to = dateTo;
	if (filters.status && filters.status !== 'all') qs.status = filters.status;
	if (filters.q) qs.q = String(filters.q);
	if (filters.tagId !== undefined && String(filters.tagId).trim() !== '') {
		qs.tag_id = requireId(node, filters.tagId, { label: 'Tag ID', ...INTEGER_ID }, itemIndex);
	}
	if (filters.folderId !== undefined && String(filters.folderId).trim() !== '') {
		const folder = String(filters.folderId).trim().toLowerCase();
		qs.folder_id =
			folder === 'none'
				? 'none'
				: requireId(node, folder, { label: 'Folder ID', ...INTEGER_ID }, itemIndex);
	}
	if (filters.inbox === 'true' || filters.inbox === 'false') qs.inbox = filters.inbox;
	if (filters.starred === 'true' || filters.starred === 'false') qs.starred = filters.starred;
	if (sort.sortBy) qs.sort_by = sort.sortBy;
	if (sort.sortOrder) qs.sort_order = sort.sortOrder;
	return qs;
}

export const recordingGetAll: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many recordings',
		description:
			'List your Speakr recordings, newest first, with optional filters by status, date, tag, folder, text, inbox or starred',
	},
	properties,
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const { returnAll, limit } = readReturnAll(this, itemIndex);
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		const found = await paginate(
			client,
			{ ...recordings, qs: recordingListQuery(this, itemIndex) },
			{ returnAll, limit },
		);
		return simplify ? found.map(simplifyRecording) : found;
	},
};
