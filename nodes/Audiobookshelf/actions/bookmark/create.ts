import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { libraryItemLocator } from '../../locators';
import { bookmarkOutput, timeProperty, titleProperty, readBookmark } from './fields';

export const bookmarkCreate: Operation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a bookmark',
		description:
			"Bookmark a position (seconds or h:mm:ss) in a book or podcast for the API key's user, with a title; a bookmark at the same time gets the new title instead",
	},
	properties: [
		libraryItemLocator.property({ description: 'The book or podcast to bookmark' }),
		timeProperty('Position of the bookmark from the start, in seconds or h:mm:ss'),
		titleProperty,
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const { path, body } = readBookmark(this, itemIndex);
		const bookmark = await client.request<IDataObject>({
			method: 'POST',
			path,
			body,
			// Same item + time only replaces the title: sending it twice does no harm.
			idempotent: true,
		});
		return bookmarkOutput(bookmark);
	},
};
