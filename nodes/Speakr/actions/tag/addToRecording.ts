import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import {
	readIdList,
	readLocatorId,
	readRecordingId,
	recordingIdProperty,
	tagIdProperty,
} from '../common';

export const tagAddToRecording: Operation = {
	option: {
		name: 'Add to Recording',
		value: 'addToRecording',
		action: 'Add a tag to a recording',
		description:
			'Attach one or more existing tags to a recording; fails if Speakr could not add any of them',
	},
	properties: [
		recordingIdProperty(),
		tagIdProperty('The tag to add. Pick it from the list or enter its ID.'),
		{
			displayName: 'More Tag IDs',
			name: 'moreTagIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 4, 7',
			description: 'Comma-separated IDs of further tags to add in the same request',
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const recordingId = readRecordingId(this, itemIndex);
		const tagIds = [
			Number(readLocatorId(this, 'tagId', 'Tag ID', itemIndex)),
			...readIdList(this, this.getNodeParameter('moreTagIds', itemIndex, ''), 'Tag ID', itemIndex),
		].filter((id, index, all) => all.indexOf(id) === index);
		const body = await client.request<IDataObject>({
			method: 'POST',
			path: `/recordings/${recordingId}/tags`,
			body: { tag_ids: tagIds },
		});
		const added = Array.isArray(body.added_tags) ? (body.added_tags as IDataObject[]) : [];
		const errors = Array.isArray(body.errors) ? (body.errors as string[]) : [];
		// Speakr answers 200 even when a tag id is unknown: its `errors` list is the only sign.
		if (errors.length > 0 && added.length === 0) {
			throw new NodeOperationError(
				this.getNode(),
				`Speakr added none of the tags: ${errors.join('; ')} [item ${itemIndex}]`,
				{
					itemIndex,
					description: 'Check the tag IDs (Tag → Get Many lists them) and that you may use them.',
				},
			);
		}
		return { recording_id: Number(recordingId), added_tags: added, errors };
	},
};
