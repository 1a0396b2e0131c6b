import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { playlists } from '../../itemLists';

export const playlistGet: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a playlist',
		description: "Get one of the API key user's playlists by ID with its books or episodes",
	},
	properties: [playlists.idProperty],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		return await playlists.get(this, client, itemIndex);
	},
};
