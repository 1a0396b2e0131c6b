import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { asArray } from '../common';

export const limitProperty: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
};

export const excludeDownloadedProperty: INodeProperties = {
	displayName: 'Exclude Downloaded',
	name: 'excludeDownloaded',
	type: 'boolean',
	default: true,
	description: 'Whether to leave out books that are already downloaded',
};

export const recommendationGetPopular: Operation = {
	option: {
		name: 'Get Popular',
		value: 'getPopular',
		action: 'Get popular requested books',
		description:
			'Books most requested by users of this AudioBookRequest server, with their request count, leaving out books you requested yourself',
	},
	properties: [
		limitProperty,
		{
			displayName: 'Minimum Requests',
			name: 'minRequests',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			description: 'Only books requested at least this many times',
		},
		excludeDownloadedProperty,
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const qs = {
			limit: this.getNodeParameter('limit', itemIndex, 50) as number,
			min_requests: this.getNodeParameter('minRequests', itemIndex, 1) as number,
			exclude_downloaded: this.getNodeParameter('excludeDownloaded', itemIndex, true) as boolean,
		};
		return asArray(
			client,
			await client.request<unknown>({ method: 'GET', path: '/recommendations/popular', qs }),
			'GET /api/recommendations/popular',
		);
	},
};
