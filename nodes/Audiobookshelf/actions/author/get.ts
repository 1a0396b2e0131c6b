import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { requireId, UUID_ID } from '../../../shared/validate';

export const authorGet: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get an author',
		description: 'Get one author by ID with description, their books and their series',
	},
	properties: [
		{
			displayName: 'Author ID',
			name: 'authorId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 25fab5b5-e1cd-4354-86a9-30ab7f4082c3',
			description: "ID of the author (from Author → Get Many or an item's metadata)",
		},
		{
			displayName: 'Include Books and Series',
			name: 'includeItems',
			type: 'boolean',
			default: true,
			description: "Whether to include the author's books (libraryItems) and series",
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const authorId = requireId(
			this.getNode(),
			this.getNodeParameter('authorId', itemIndex, ''),
			{ label: 'Author ID', ...UUID_ID },
			itemIndex,
		);
		const include = this.getNodeParameter('includeItems', itemIndex, true) as boolean;
		const qs: IDataObject = include ? { include: 'items,series' } : {};
		return await client.request({ method: 'GET', path: `/authors/${authorId}`, qs });
	},
};
