import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { createHolder, createProperties } from '../holders';

export const tagCreate: Operation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a tag',
		description:
			'Create a personal tag with an optional colour and processing defaults (summary prompt, language, speaker counts); returns the new tag with its ID',
	},
	properties: createProperties('tag'),
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		return await createHolder(this, client, 'tag', itemIndex);
	},
};
