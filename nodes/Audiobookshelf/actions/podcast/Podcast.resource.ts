import type { Resource } from '../../../shared/operation';
import { checkNewPodcastEpisodes } from './checkNewEpisodes';
import { getPodcastEpisodes } from './getEpisodes';
import { getRecentPodcastEpisodes } from './getRecentEpisodes';

export const podcastResource: Resource = {
	option: { name: 'Podcast', value: 'podcast', description: 'Podcasts and their episodes' },
	defaultOperation: 'getEpisodes',
	operations: [getPodcastEpisodes, checkNewPodcastEpisodes, getRecentPodcastEpisodes],
};
