import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readReturnAll, returnAllAndLimit } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';

export const speakerGetAll: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many speakers',
		description:
			'List the named speakers you have saved in Speakr, with how often each was used and whether a voice profile exists',
	},
	properties: returnAllAndLimit(),
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const { returnAll, limit } = readReturnAll(this, itemIndex);
		const body = await client.request<IDataObject>({ method: 'GET', path: '/speakers' });
		const speakers = Array.isArray(body.speakers) ? (body.speakers as IDataObject[]) : [];
		return returnAll ? speakers : speakers.slice(0, limit);
	},
};
