import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { findProgress, progressTargetProperties } from './progress';

export const meRemoveFromContinueListening: Operation = {
	option: {
		name: 'Remove From Continue Listening',
		value: 'removeFromContinueListening',
		action: 'Remove a library item from Continue Listening of the current user',
		description:
			"Hide a book or podcast episode from the API key user's Continue Listening shelf; its progress is kept. Returns the progress record with hideFromContinueListening true (Audiobookshelf 2.2.0 or later).",
	},
	properties: progressTargetProperties('hide'),
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const { record } = await findProgress(this, client, itemIndex);
		const id = String(record.id);
		// A GET that writes (upstream's design); it answers with the whole user object.
		const user = await client.request<IDataObject>({
			method: 'GET',
			path: `/me/progress/${id}/remove-from-continue-listening`,
			availableSince: '2.2.0',
		});
		const progress = Array.isArray(user.mediaProgress)
			? (user.mediaProgress as IDataObject[]).find((candidate) => candidate.id === id)
			: undefined;
		return progress ?? { ...record, hideFromContinueListening: true };
	},
};
