import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { collections } from '../../itemLists';

export const collectionCreate: Operation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a collection',
		description:
			'Create a collection of books in a library (shared with all users of the library); needs at least one book',
	},
	properties: collections.createProperties(
		'The book library the collection belongs to',
		'e.g. Summer reading',
		{
			displayName: 'Book IDs',
			name: 'libraryItemIds',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 5403d36b-cfe8-44cd-a491-4dcaaba99b4f, 9b1f…',
			description:
				'Library item IDs of the books, separated by commas (or an array from an expression). All must be books of this library.',
		},
	),
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		return await collections.create(this, client, itemIndex);
	},
};
