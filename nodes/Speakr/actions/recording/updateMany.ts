import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldGroup } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { fail } from '../../../shared/validate';
import { readIdList, readPlacement } from '../common';
import { batchOutcome, readRecordingIds, recordingIdsProperty } from './batch';

export const recordingUpdateMany: Operation = {
	option: {
		name: 'Update Many',
		value: 'updateMany',
		action: 'Update many recordings',
		description:
			'In one request, move several recordings to a folder, add or remove tags, or set their inbox and starred flags; returns the IDs updated and those that failed',
	},
	properties: [
		recordingIdsProperty('update'),
		fieldGroup('updateFields', [
			{
				displayName: 'Add Tag IDs',
				name: 'addTagIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1, 4',
				description:
					'Comma-separated IDs of tags to add; Speakr silently skips tags that do not exist or are not yours',
			},
			{
				displayName: 'Folder ID',
				name: 'folderId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 3, or none',
				description: 'Folder to move the recordings to; "none" takes them out of their folder',
			},
			{
				displayName: 'In Inbox',
				name: 'isInbox',
				type: 'boolean',
				default: false,
				description: 'Whether the recordings are in the inbox (unreviewed)',
			},
			{
				displayName: 'Remove Tag IDs',
				name: 'removeTagIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2',
				description: 'Comma-separated IDs of tags to remove',
			},
			{
				displayName: 'Starred',
				name: 'isHighlighted',
				type: 'boolean',
				default: false,
				description: 'Whether the recordings are starred',
			},
		]),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const recordingIds = readRecordingIds(this, itemIndex);
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const updates = readPlacement(this, fields, itemIndex);
		for (const [field, key] of [
			['addTagIds', 'add_tag_ids'],
			['removeTagIds', 'remove_tag_ids'],
		] as const) {
			if (fields[field] === undefined) continue;
			const ids = readIdList(this, fields[field], 'Tag ID', itemIndex);
			if (ids.length > 0) updates[key] = ids;
		}
		if (Object.keys(updates).length === 0) {
			fail(
				this.getNode(),
				'Nothing to update',
				itemIndex,
				'Add at least one field under "Update Fields".',
			);
		}
		const body = await client.request<IDataObject>({
			method: 'PATCH',
			path: '/recordings/batch',
			body: { recording_ids: recordingIds, updates },
		});
		return batchOutcome(client, body, 'updated', 'updated', 'PATCH /api/v1/recordings/batch');
	},
};
