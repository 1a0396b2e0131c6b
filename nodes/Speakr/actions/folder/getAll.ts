import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readReturnAll, returnAllAndLimit } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';

export const folderGetAll: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many folders',
		description:
			'List your Speakr folders with their recording counts and processing defaults (needs the Folders feature enabled by the admin)',
	},
	properties: returnAllAndLimit(),
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const { returnAll, limit } = readReturnAll(this, itemIndex);
		// Unlike tags and speakers, folders come as a bare array.
		const body = await client.request<unknown>({ method: 'GET', path: '/folders' });
		const folders = Array.isArray(body) ? (body as IDataObject[]) : [];
		return returnAll ? folders : folders.slice(0, limit);
	},
};
