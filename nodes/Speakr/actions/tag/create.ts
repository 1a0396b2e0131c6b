import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { holderBody, holderFields, nameProperty } from '../processingDefaults';

export const tagCreate: Operation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a tag',
		description:
			'Create a personal tag with an optional colour and processing defaults (summary prompt, language, speaker counts); returns the new tag with its ID',
	},
	properties: [
		nameProperty('tag'),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: holderFields('tag', false),
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
		return await client.request<IDataObject>({ method: 'POST', path: '/tags', body });
	},
};
