import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { asArray } from '../common';
import { excludeDownloadedProperty, limitProperty } from './getPopular';

export const recommendationGetRecent: Operation = {
	option: {
		name: 'Get Recent',
		value: 'getRecent',
		action: 'Get recently requested books',
		description: 'Books other users of this AudioBookRequest server requested recently',
	},
	properties: [
		limitProperty,
		{
			displayName: 'Days Back',
			name: 'daysBack',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			description: 'How many days to look back',
		},
		excludeDownloadedProperty,
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const qs = {
			limit: this.getNodeParameter('limit', itemIndex, 50) as number,
			days_back: this.getNodeParameter('daysBack', itemIndex, 30) as number,
			exclude_downloaded: this.getNodeParameter('excludeDownloaded', itemIndex, true) as boolean,
		};
		return asArray(
			client,
			await client.request<unknown>({ method: 'GET', path: '/recommendations/recent', qs }),
			'GET /api/recommendations/recent',
		);
	},
};
