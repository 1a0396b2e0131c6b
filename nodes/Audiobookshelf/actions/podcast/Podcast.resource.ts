import type { Resource } from '../../../shared/operation';
import { podcastCheckNew } from './checkNew';
import { podcastGetEpisodes } from './getEpisodes';
import { podcastGetRecentEpisodes } from './getRecentEpisodes';

export const podcastResource: Resource = {
	option: { name: 'Podcast', value: 'podcast', description: 'Podcasts and their episodes' },
	defaultOperation: 'getEpisodes',
	operations: [podcastGetEpisodes, podcastCheckNew, podcastGetRecentEpisodes],
};
