import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { findProgress, progressTargetProperties } from './progress';

export const meDeleteProgress: Operation = {
	option: {
		name: 'Delete Progress',
		value: 'deleteProgress',
		action: 'Delete the listening progress of the current user for a library item',
		description:
			"Forget the API key user's progress on a book or podcast episode (position, finished flag, dates), as if never started; bookmarks and listening sessions are kept",
	},
	properties: progressTargetProperties('delete'),
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const { record } = await findProgress(this, client, itemIndex);
		await client.request({ method: 'DELETE', path: `/me/progress/${String(record.id)}` });
		return { deleted: true };
	},
};
