import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { requireId, UUID_ID } from '../../../shared/validate';

export const seriesGet: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a series',
		description:
			"Get one series by ID, with the API key user's progress through it (books started and finished)",
	},
	properties: [
		{
			displayName: 'Series ID',
			name: 'seriesId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. e321b48b-92ff-46aa-8838-b9c8bd781310',
			description: "ID of the series (from Series → Get Many or an item's metadata)",
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const seriesId = requireId(
			this.getNode(),
			this.getNodeParameter('seriesId', itemIndex, ''),
			{ label: 'Series ID', ...UUID_ID },
			itemIndex,
		);
		return await client.request({
			method: 'GET',
			path: `/series/${seriesId}`,
			qs: { include: 'progress' },
		});
	},
};
