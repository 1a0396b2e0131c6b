import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readReturnAll, returnAllAndLimit } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { libraryItemLocator } from '../../locators';
import { inputError } from '../../../shared/inputError';

export const podcastGetEpisodes: Operation = {
	option: {
		name: 'Get Episodes',
		value: 'getEpisodes',
		action: 'Get episodes of a podcast',
		description:
			'List the downloaded episodes of a podcast, newest published first, with title, publication date, duration and audio file',
	},
	properties: [
		libraryItemLocator.property({
			description: 'The podcast (library item) to list episodes of',
			searchListMethod: 'searchPodcasts',
		}),
		...returnAllAndLimit(),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const libraryItemId = libraryItemLocator.read(this, itemIndex);
		const { returnAll, limit } = readReturnAll(this, itemIndex);
		const item = await client.request<IDataObject>({
			method: 'GET',
			path: `/items/${libraryItemId}`,
			qs: { expanded: 1 },
		});
		if (item.mediaType !== 'podcast') {
			throw inputError(
				this.getNode(),
				`Library item ${libraryItemId} is a ${String(item.mediaType)}, not a podcast`,
				{
					itemIndex,
					description:
						'Get Episodes works only on podcasts. Pick a podcast, or use Library Item → Get for a book.',
				},
			);
		}
		const media = (item.media ?? {}) as IDataObject;
		const episodes = (Array.isArray(media.episodes) ? (media.episodes as IDataObject[]) : []).map(
			(episode) => ({
				...episode,
				podcastTitle: ((media.metadata ?? {}) as IDataObject).title ?? null,
			}),
		);
		const published = (episode: IDataObject) =>
			Number(episode.publishedAt ?? 0) || Number(episode.addedAt ?? 0);
		episodes.sort((a, b) => published(b) - published(a));
		return returnAll ? episodes : episodes.slice(0, limit);
	},
};
