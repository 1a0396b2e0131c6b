import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readReturnAll, returnAllAndLimit } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { requireId } from '../../../shared/validate';
import { ITEM_ID } from '../../helpers';
import { bookmarkOutput } from './fields';

export const bookmarkGetAll: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many bookmarks',
		description:
			"List the API key user's bookmarks (library item ID, time in seconds and as h:mm:ss, title, created date), for all books or one",
	},
	properties: [
		{
			displayName: 'Library Item ID',
			name: 'bookmarkItemId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 5403d36b-cfe8-44cd-a491-4dcaaba99b4f',
			description: 'Only the bookmarks of this book or podcast; leave empty for all bookmarks',
		},
		...returnAllAndLimit(),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const raw = String(this.getNodeParameter('bookmarkItemId', itemIndex, '') ?? '').trim();
		const itemId = raw ? requireId(this.getNode(), raw, ITEM_ID, itemIndex) : undefined;
		const { returnAll, limit } = readReturnAll(this, itemIndex);
		// GET /me/bookmarks(/:itemId) exists from 2.36.0; older servers keep bookmarks only in the user object.
		const response = await client.send<IDataObject>({
			method: 'GET',
			path: itemId ? `/me/bookmarks/${itemId}` : '/me/bookmarks',
			passStatuses: [404],
		});
		let bookmarks: IDataObject[];
		if (response.status === 404) {
			if (!client.profile.isUnknownRoute?.(404, response.body))
				throw client.error({
					status: 404,
					message: `Audiobookshelf has no library item ${itemId ?? ''}`.trim(),
					hint: 'Check the Library Item ID (Library Item → Get Many lists them).',
					request: `GET /api/me/bookmarks/${itemId ?? ''}`,
				});
			const me = await client.request<IDataObject>({ method: 'GET', path: '/me' });
			bookmarks = (Array.isArray(me.bookmarks) ? (me.bookmarks as IDataObject[]) : []).filter(
				(bookmark) => !itemId || bookmark.libraryItemId === itemId,
			);
		} else {
			bookmarks = Array.isArray(response.body?.bookmarks)
				? (response.body.bookmarks as IDataObject[])
				: [];
		}
		const selected = returnAll ? bookmarks : bookmarks.slice(0, limit);
		return selected.map(bookmarkOutput);
	},
};
