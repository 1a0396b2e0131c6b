import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readReturnAll, returnAllAndLimit } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { requireId } from '../../../shared/validate';
import { EPISODE_ID, ITEM_ID } from '../../helpers';

export const meGetProgress: Operation = {
	option: {
		name: 'Get Progress',
		value: 'getProgress',
		action: 'Get listening progress of the current user',
		description:
			"Get the API key user's media progress (position, percentage, finished, dates), for every item or for one book or episode",
	},
	properties: [
		{
			displayName: 'Library Item ID',
			name: 'progressItemId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 5403d36b-cfe8-44cd-a491-4dcaaba99b4f',
			description:
				'Only the progress of this book or podcast; leave empty for all progress records',
		},
		{
			displayName: 'Episode ID',
			name: 'progressEpisodeId',
			type: 'string',
			default: '',
			placeholder: 'e.g. fc98e87b-d649-424c-8c62-629eec909e74',
			description: 'With a podcast item: the episode',
		},
		{
			displayName: 'Only Finished',
			name: 'onlyFinished',
			type: 'boolean',
			default: false,
			description: 'Whether to return only finished items (newest finished first)',
		},
		...returnAllAndLimit().map((property) => ({
			...property,
			displayOptions: {
				...property.displayOptions,
				show: { ...(property.displayOptions?.show ?? {}), progressItemId: [''] },
			},
		})),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const node = this.getNode();
		const rawItem = String(this.getNodeParameter('progressItemId', itemIndex, '') ?? '').trim();
		const rawEpisode = String(
			this.getNodeParameter('progressEpisodeId', itemIndex, '') ?? '',
		).trim();
		const onlyFinished = this.getNodeParameter('onlyFinished', itemIndex, false) as boolean;
		if (rawItem) {
			const itemId = requireId(node, rawItem, ITEM_ID, itemIndex);
			const episodeId = rawEpisode ? requireId(node, rawEpisode, EPISODE_ID, itemIndex) : undefined;
			const response = await client.send<IDataObject>({
				method: 'GET',
				path: `/me/progress/${itemId}${episodeId ? `/${episodeId}` : ''}`,
				passStatuses: [404],
			});
			// 404 = no progress yet (never started): said as data, not as an error.
			if (response.status === 404)
				return {
					libraryItemId: itemId,
					...(episodeId ? { episodeId } : {}),
					hasProgress: false,
					isFinished: false,
					progress: 0,
				};
			if (onlyFinished && response.body?.isFinished !== true) return [];
			return { ...response.body, hasProgress: true };
		}
		const { returnAll, limit } = readReturnAll(this, itemIndex);
		const body = await client.request<{ mediaProgress?: IDataObject[] }>({
			method: 'GET',
			path: '/me/progress',
		});
		let records = Array.isArray(body?.mediaProgress) ? body.mediaProgress : [];
		if (onlyFinished) {
			records = records
				.filter((record) => record.isFinished === true)
				.sort((a, b) => Number(b.finishedAt ?? 0) - Number(a.finishedAt ?? 0));
		} else {
			records = [...records].sort((a, b) => Number(b.lastUpdate ?? 0) - Number(a.lastUpdate ?? 0));
		}
		return returnAll ? records : records.slice(0, limit);
	},
};
