import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { libraryItemLocator } from '../../locators';
import { bookmarkOutput, timeProperty, titleProperty, readBookmark } from './fields';

export const bookmarkUpdate: Operation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a bookmark',
		description:
			'Rename the bookmark at a given time in a book or podcast (a bookmark is identified by its item and time; the time itself cannot change)',
	},
	properties: [
		libraryItemLocator.property({ description: 'The book or podcast the bookmark belongs to' }),
		timeProperty(
			'Time of the existing bookmark, exactly as stored (Bookmark → Get Many shows it), in seconds or h:mm:ss',
		),
		{ ...titleProperty, displayName: 'New Title', description: 'The new text of the bookmark' },
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const { libraryItemId, path, body } = readBookmark(this, itemIndex);
		const response = await client.send<IDataObject>({
			method: 'PATCH',
			path,
			body,
			passStatuses: [404],
		});
		if (response.status === 404) throw noBookmarkAt(client, libraryItemId, body.time, 'PATCH');
		return bookmarkOutput(response.body);
	},
};

/** Audiobookshelf answers a bare 404 for an unknown item and for no bookmark at that time alike. */
export function noBookmarkAt(client: ServiceClient, itemId: string, time: number, method: string) {
	return client.error({
		status: 404,
		message: `No bookmark at ${time} s in library item ${itemId}`,
		hint: 'A bookmark is found by its exact time: take it from Bookmark → Get Many. Also check the Library Item ID.',
		request: `${method} /api/me/item/${itemId}/bookmark`,
	});
}
