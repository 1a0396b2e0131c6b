import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { LIBRARY_ID, libraryLocator, readId } from '../../helpers';

export const libraryGet: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a library',
		description:
			'Get one Audiobookshelf library: name, media type (book or podcast), folders, settings and last scan time',
	},
	properties: [libraryLocator()],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const libraryId = readId(this, 'libraryId', LIBRARY_ID, itemIndex);
		return await client.request({ method: 'GET', path: `/libraries/${libraryId}` });
	},
};
