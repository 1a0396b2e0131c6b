import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { episodeIdProperty, readEpisodeId } from '../../helpers';
import { libraryItemLocator } from '../../locators';
import { inputError } from '../../../shared/inputError';

export const libraryItemUpdateProgress: Operation = {
	option: {
		name: 'Update Progress',
		value: 'updateProgress',
		action: 'Update listening progress of a library item',
		description:
			"Mark a book or podcast episode as finished or not finished, or set the listening position, for the API key's user; returns the progress as the server stored it",
	},
	properties: [
		libraryItemLocator.property(),
		episodeIdProperty(
			'For a podcast: the episode whose progress to update. Leave empty for a book.',
		),
		{
			displayName: 'Action',
			name: 'progressAction',
			type: 'options',
			default: 'finish',
			options: [
				{ name: 'Mark as Finished', value: 'finish' },
				{
					name: 'Mark as Not Finished',
					value: 'unfinish',
					description: 'Audiobookshelf also resets the position and progress to 0',
				},
				{
					name: 'Set Position',
					value: 'position',
					description:
						'Set the current time in seconds; Audiobookshelf marks the item finished when less than 10 seconds remain',
				},
			],
		},
		{
			displayName: 'Position (Seconds)',
			name: 'currentTime',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Listening position from the start, in seconds',
			displayOptions: { show: { progressAction: ['position'] } },
		},
		{
			displayName: 'Duration (Seconds)',
			name: 'duration',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'Total duration in seconds, used to compute the progress percentage; 0 to leave it to the server',
			displayOptions: { show: { progressAction: ['position'] } },
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const node = this.getNode();
		const libraryItemId = libraryItemLocator.read(this, itemIndex);
		const episodeId = readEpisodeId(this, itemIndex);
		const action = this.getNodeParameter('progressAction', itemIndex, 'finish') as string;
		const body: IDataObject = {};
		if (action === 'finish') body.isFinished = true;
		else if (action === 'unfinish') body.isFinished = false;
		else {
			const currentTime = Number(this.getNodeParameter('currentTime', itemIndex, 0));
			const duration = Number(this.getNodeParameter('duration', itemIndex, 0));
			if (!Number.isFinite(currentTime) || currentTime < 0) {
				throw inputError(node, `Position (Seconds) must be 0 or more`, { itemIndex });
			}
			if (duration > 0 && currentTime > duration) {
				throw inputError(
					node,
					`Position (${currentTime} s) is after the end of the duration (${duration} s)`,
					{
						itemIndex,
						description: 'Lower the position, or correct the duration.',
					},
				);
			}
			body.currentTime = currentTime;
			if (duration > 0) {
				body.duration = duration;
				body.progress = Math.min(1, currentTime / duration);
			}
		}
		const path = `/me/progress/${libraryItemId}${episodeId ? `/${episodeId}` : ''}`;
		await client.request({ method: 'PATCH', path, body, idempotent: true });
		// The server applies its own rules (not finished → position 0; < 10 s left → finished): read back what it stored.
		const stored = await client.request<IDataObject>({ method: 'GET', path });
		return { success: true, ...stored };
	},
};
