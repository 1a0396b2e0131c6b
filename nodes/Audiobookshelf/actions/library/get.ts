import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { libraryLocator } from '../../locators';

export const libraryGet: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a library',
		description:
			'Get one Audiobookshelf library: name, media type (book or podcast), folders, settings and last scan time',
	},
	properties: [libraryLocator.property()],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const libraryId = libraryLocator.read(this, itemIndex);
		return await client.request({ method: 'GET', path: `/libraries/${libraryId}` });
	},
};
