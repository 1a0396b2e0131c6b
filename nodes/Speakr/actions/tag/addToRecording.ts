import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { readIdList } from '../common';
import { recordingLocator, tagLocator } from '../../locators';
import { inputError } from '../../../shared/inputError';

export const tagAddToRecording: Operation = {
	option: {
		name: 'Add to Recording',
		value: 'addToRecording',
		action: 'Add a tag to a recording',
		description:
			'Attach one or more existing tags to a recording; fails if Speakr could not add any of them',
	},
	properties: [
		recordingLocator.property(),
		tagLocator.property({ description: 'The tag to add. Pick it from the list or enter its ID.' }),
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
		const recordingId = recordingLocator.read(this, itemIndex);
		const tagIds = [
			Number(tagLocator.read(this, itemIndex)),
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
			throw inputError(this.getNode(), `Speakr added none of the tags: ${errors.join('; ')}`, {
				itemIndex,
				description: 'Check the tag IDs (Tag → Get Many lists them) and that you may use them.',
			});
		}
		return { recording_id: Number(recordingId), added_tags: added, errors };
	},
};
