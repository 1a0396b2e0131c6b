import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { recordingLocator, tagLocator } from '../../locators';

export const tagRemoveFromRecording: Operation = {
	option: {
		name: 'Remove From Recording',
		value: 'removeFromRecording',
		action: 'Remove a tag from a recording',
		description: 'Detach a tag from a recording (the tag itself is kept)',
	},
	properties: [
		recordingLocator.property(),
		tagLocator.property({
			description: 'The tag to remove. Pick it from the list or enter its ID.',
		}),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const recordingId = recordingLocator.read(this, itemIndex);
		const tagId = tagLocator.read(this, itemIndex);
		await client.request<IDataObject>({
			method: 'DELETE',
			path: `/recordings/${recordingId}/tags/${tagId}`,
		});
		return { recording_id: Number(recordingId), tag_id: Number(tagId), removed: true };
	},
};
