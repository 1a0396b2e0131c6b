import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldGroup } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { readPlacement, toSpeakrDate } from '../common';
import { recordingLocator } from '../../locators';
import { inputError } from '../../../shared/inputError';

export const recordingUpdate: Operation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a recording',
		description:
			"Change a recording's title, participants, notes, summary, meeting date, folder, or its inbox and starred flags",
	},
	properties: [
		recordingLocator.property(),
		fieldGroup('updateFields', [
			{
				displayName: 'Folder ID',
				name: 'folderId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 3, or none',
				description: 'Folder to move the recording to; "none" takes it out of its folder',
			},
			{
				displayName: 'In Inbox',
				name: 'isInbox',
				type: 'boolean',
				default: false,
				description: 'Whether the recording is in the inbox (unreviewed)',
			},
			{
				displayName: 'Meeting Date',
				name: 'meetingDate',
				type: 'dateTime',
				default: '',
				description: 'When the meeting took place; a date without time zone is kept as written',
			},
			{
				displayName: 'Notes',
				name: 'notes',
				type: 'string',
				default: '',
				typeOptions: { rows: 3 },
				description: 'Markdown notes; replaces the existing notes',
			},
			{
				displayName: 'Participants',
				name: 'participants',
				type: 'string',
				default: '',
				placeholder: 'e.g. Alice, Bob',
			},
			{
				displayName: 'Starred',
				name: 'isHighlighted',
				type: 'boolean',
				default: false,
				description: 'Whether the recording is starred',
			},
			{
				displayName: 'Summary',
				name: 'summary',
				type: 'string',
				default: '',
				typeOptions: { rows: 3 },
				description: 'Markdown summary; replaces the existing summary',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
			},
		]),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const id = recordingLocator.read(this, itemIndex);
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const body: IDataObject = {};
		for (const [field, key] of [
			['title', 'title'],
			['participants', 'participants'],
			['notes', 'notes'],
			['summary', 'summary'],
		] as const) {
			if (fields[field] !== undefined) body[key] = String(fields[field]);
		}
		if (fields.meetingDate !== undefined) {
			body.meeting_date =
				fields.meetingDate === ''
					? null
					: toSpeakrDate(this, fields.meetingDate, 'Meeting Date', itemIndex);
		}
		Object.assign(body, readPlacement(this, fields, itemIndex));
		if (Object.keys(body).length === 0) {
			throw inputError(this.getNode(), `Nothing to update`, {
				itemIndex,
				description: 'Add at least one field under "Update Fields".',
			});
		}
		const response = await client.request<IDataObject>({
			method: 'PATCH',
			path: `/recordings/${id}`,
			body,
		});
		return (response.recording as IDataObject | undefined) ?? { id: Number(id), ...body };
	},
};
