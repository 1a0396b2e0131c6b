import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readReturnAll, returnAllAndLimit } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';

export const tagGetAll: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many tags',
		description:
			'List the tags you can use on recordings, with their colour and processing defaults (language, speakers, prompt)',
	},
	properties: returnAllAndLimit(),
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const { returnAll, limit } = readReturnAll(this, itemIndex);
		const body = await client.request<IDataObject>({ method: 'GET', path: '/tags' });
		const tags = Array.isArray(body.tags) ? (body.tags as IDataObject[]) : [];
		return returnAll ? tags : tags.slice(0, limit);
	},
};
