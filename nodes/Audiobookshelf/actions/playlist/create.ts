import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { requireText } from '../../../shared/validate';
import { readPlaylistItems } from '../../helpers';
import { PLAYLIST_ITEMS_DESCRIPTION } from './get';
import { libraryLocator } from '../../locators';

export const playlistCreate: Operation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a playlist',
		description:
			'Create a playlist of the API key user in a library, optionally with books or podcast episodes',
	},
	properties: [
		libraryLocator.property({ description: 'The library the playlist belongs to' }),
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. Commute',
		},
		{
			displayName: 'Items',
			name: 'items',
			type: 'string',
			default: '',
			placeholder: 'e.g. 5403d36b-cfe8-44cd-a491-4dcaaba99b4f',
			description: PLAYLIST_ITEMS_DESCRIPTION,
		},
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			typeOptions: { rows: 2 },
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const libraryId = libraryLocator.read(this, itemIndex);
		const name = requireText(
			this.getNode(),
			this.getNodeParameter('name', itemIndex, ''),
			'Name',
			itemIndex,
		);
		const items = readPlaylistItems(this, 'items', itemIndex);
		const description = String(this.getNodeParameter('description', itemIndex, '') ?? '').trim();
		const body: IDataObject = { libraryId, name, items };
		if (description) body.description = description;
		return await client.request({ method: 'POST', path: '/playlists', body });
	},
};
