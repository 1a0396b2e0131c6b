import type { IExecuteFunctions } from 'n8n-workflow';

import { readReturnAll, returnAllAndLimit } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import { paginate } from '../../../shared/paginate';
import type { ServiceClient } from '../../../shared/transport';
import { LIBRARY_ID, libraryLocator, PAGE_SIZE, readEpisodesPage, readId } from '../../helpers';
import { explainNotPodcast } from './guards';

export const podcastGetRecentEpisodes: Operation = {
	option: {
		name: 'Get Recent Episodes',
		value: 'getRecentEpisodes',
		action: 'Get recent podcast episodes',
		description:
			"List the most recently published episodes of a podcast library that the API key's user has not finished, each with its podcast",
	},
	properties: [libraryLocator('The podcast library'), ...returnAllAndLimit()],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const libraryId = readId(this, 'libraryId', LIBRARY_ID, itemIndex);
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
