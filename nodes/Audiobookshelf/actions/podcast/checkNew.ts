import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { explainNotPodcast } from './guards';
import { libraryItemLocator } from '../../locators';

export const podcastCheckNew: Operation = {
	option: {
		name: 'Check for New Episodes',
		value: 'checkNew',
		action: 'Check a podcast for new episodes',
		description:
			"Read the podcast's RSS feed now and download episodes newer than the last one (admin only; the server needs internet access). Returns the episodes found.",
	},
	properties: [
		libraryItemLocator.property({
			description: 'The podcast (library item) to check',
			searchListMethod: 'searchPodcasts',
		}),
		{
			displayName: 'Max Episodes to Download',
			name: 'maxEpisodes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 3,
			description: 'Most new episodes to download in this check; 0 for no maximum',
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const libraryItemId = libraryItemLocator.read(this, itemIndex);
		const maxEpisodes = Math.max(
			0,
			Math.floor(Number(this.getNodeParameter('maxEpisodes', itemIndex, 3))),
		);
		try {
			// It downloads what it finds: not repeated blindly after a lost answer.
			const body = await client.request<IDataObject>({
				method: 'GET',
				path: `/podcasts/${libraryItemId}/checknew`,
				qs: { limit: maxEpisodes },
				idempotent: false,
			});
			const episodes = Array.isArray(body.episodes) ? (body.episodes as IDataObject[]) : [];
			return episodes.map((episode) => ({ ...episode, libraryItemId }));
		} catch (error) {
			return await explainNotPodcast(
				this,
				client,
				error,
				['500'],
				{ kind: 'item', id: libraryItemId },
				itemIndex,
			);
		}
	},
};
