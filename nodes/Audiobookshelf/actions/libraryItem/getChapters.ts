import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { libraryItemLocator } from '../../locators';
import { fail } from '../../../shared/validate';
import { episodeIdProperty, readEpisodeId } from '../../helpers';

export const libraryItemGetChapters: Operation = {
	option: {
		name: 'Get Chapters',
		value: 'getChapters',
		action: 'Get the chapters of a library item',
		description:
			'List the chapters of a book (or of one podcast episode): one item per chapter with its index, title, start, end and length in seconds; none when the file has no chapters',
	},
	properties: [
		libraryItemLocator.property(),
		episodeIdProperty(
			"For a podcast: the episode whose chapters to list (a podcast's chapters belong to its episodes)",
		),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const node = this.getNode();
		const libraryItemId = libraryItemLocator.read(this, itemIndex);
		const episodeId = readEpisodeId(this, itemIndex);
		const item = await client.request<IDataObject>({
			method: 'GET',
			path: `/items/${libraryItemId}`,
		});
		const media = (item.media ?? {}) as IDataObject;
		let chapters: unknown = media.chapters;
		if (item.mediaType === 'podcast') {
			const episodes = Array.isArray(media.episodes) ? (media.episodes as IDataObject[]) : [];
			if (!episodeId)
				fail(
					node,
					'A podcast has chapters per episode: Episode ID is empty',
					itemIndex,
					'Enter the episode (Podcast → Get Episodes lists them).',
				);
			const episode = episodes.find((candidate) => candidate.id === episodeId);
			if (!episode)
				fail(
					node,
					`Podcast ${libraryItemId} has no episode ${episodeId}`,
					itemIndex,
					'Check the Episode ID (Podcast → Get Episodes lists them).',
				);
			chapters = episode.chapters;
		}
		const list = Array.isArray(chapters) ? (chapters as IDataObject[]) : [];
		return list.map((chapter, index) => {
			const start = Number(chapter.start);
			const end = Number(chapter.end);
			return {
				libraryItemId,
				...(episodeId ? { episodeId } : {}),
				index,
				id: chapter.id,
				title: chapter.title,
				start,
				end,
				duration:
					Number.isFinite(start) && Number.isFinite(end)
						? Math.round((end - start) * 1000) / 1000
						: null,
			};
		});
	},
};
