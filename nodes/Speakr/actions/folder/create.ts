import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { holderBody, holderFields, nameProperty } from '../processingDefaults';

export const folderCreate: Operation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a folder',
		description:
			'Create a personal folder with an optional colour, retention and processing defaults; returns the new folder with its ID (needs the Folders feature enabled by the admin)',
	},
	properties: [
		nameProperty('folder'),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: holderFields('folder', false),
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const body = holderBody(
			this,
			{
				name: this.getNodeParameter('name', itemIndex, ''),
				...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
			},
			itemIndex,
		);
		return await client.request<IDataObject>({ method: 'POST', path: '/folders', body });
	},
};
