import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { LIBRARY_ID, libraryLocator, readId } from '../../helpers';

export const libraryGetStats: Operation = {
	option: {
		name: 'Get Stats',
		value: 'getStats',
		action: 'Get library statistics',
		description:
			'Get statistics of a library: total items, size, duration, audio tracks, authors and genres with counts, largest and longest items',
	},
	properties: [libraryLocator()],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const libraryId = readId(this, 'libraryId', LIBRARY_ID, itemIndex);
		return await client.request({ method: 'GET', path: `/libraries/${libraryId}/stats` });
	},
};
