import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

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
		const response = await client.send<IDataObject>({
			method: 'GET',
			path: `/series/${seriesId}`,
			qs: { include: 'progress' },
			passStatuses: [404],
		});
		if (response.status === 404) {
			throw client.error({
				status: 404,
				message: `Series ${seriesId} was not found`,
				hint: "Check the ID. Audiobookshelf also answers 404 for a series when the API key's user can see none of its books.",
				request: 'GET /api/series/:id',
			});
		}
		return response.body;
	},
};
