import type { IExecuteFunctions } from 'n8n-workflow';

import { readReturnAll, returnAllAndLimit } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import { paginate } from '../../../shared/paginate';
import type { ServiceClient } from '../../../shared/transport';
import { PAGE_SIZE, readEpisodesPage } from '../../helpers';
import { explainNotPodcast } from './guards';
import { libraryLocator } from '../../locators';

export const podcastGetRecentEpisodes: Operation = {
	option: {
		name: 'Get Recent Episodes',
		value: 'getRecentEpisodes',
		action: 'Get recent podcast episodes',
		description:
			"List the most recently published episodes of a podcast library that the API key's user has not finished, each with its podcast",
	},
	properties: [
		libraryLocator.property({ description: 'The podcast library' }),
		...returnAllAndLimit(),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const libraryId = libraryLocator.read(this, itemIndex);
		const { returnAll, limit } = readReturnAll(this, itemIndex);
		try {
			return await paginate(
				client,
				{
					path: `/libraries/${libraryId}/recent-episodes`,
					paging: { style: 'page', pageParam: 'page', sizeParam: 'limit', firstPage: 0 },
					maxPageSize: PAGE_SIZE.recentEpisodes,
					read: readEpisodesPage,
					idField: 'id',
				},
				{ returnAll, limit },
			);
		} catch (error) {
			return await explainNotPodcast(
				this,
				client,
				error,
				['404'],
				{ kind: 'library', id: libraryId },
				itemIndex,
			);
		}
	},
};
