import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { libraryLocator } from '../../locators';

export const libraryGetStats: Operation = {
	option: {
		name: 'Get Stats',
		value: 'getStats',
		action: 'Get library statistics',
		description:
			'Get statistics of a library: total items, size, duration, audio tracks, authors and genres with counts, largest and longest items',
	},
	properties: [libraryLocator.property()],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const libraryId = libraryLocator.read(this, itemIndex);
		return await client.request({ method: 'GET', path: `/libraries/${libraryId}/stats` });
	},
};
