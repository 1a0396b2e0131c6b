import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { recordingLocator } from '../../locators';

export const recordingDelete: Operation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a recording',
		description:
			'Permanently delete a recording with its audio, transcript and summary (owner only; the admin may disable deleting)',
	},
	properties: [
		recordingLocator.property({
			description: 'The recording to delete. Pick it from the list or enter its ID.',
		}),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const id = recordingLocator.read(this, itemIndex);
		await client.request({ method: 'DELETE', path: `/recordings/${id}` });
		return { deleted: true };
	},
};
