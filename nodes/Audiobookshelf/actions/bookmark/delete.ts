import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { libraryItemLocator } from '../../locators';
import { readBookmarkTime, timeProperty } from './fields';
import { noBookmarkAt } from './update';

export const bookmarkDelete: Operation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a bookmark',
		description:
			'Delete the bookmark at a given time in a book or podcast (identified by its item and exact time)',
	},
	properties: [
		libraryItemLocator.property({ description: 'The book or podcast the bookmark belongs to' }),
		timeProperty(
			'Time of the bookmark to delete, exactly as stored (Bookmark → Get Many shows it), in seconds or h:mm:ss',
		),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const libraryItemId = libraryItemLocator.read(this, itemIndex);
		const time = readBookmarkTime(this, itemIndex);
		const response = await client.send({
			method: 'DELETE',
			path: `/me/item/${libraryItemId}/bookmark/${time}`,
			passStatuses: [404],
		});
		if (response.status === 404) throw noBookmarkAt(client, libraryItemId, time, 'DELETE');
		return { deleted: true };
	},
};
