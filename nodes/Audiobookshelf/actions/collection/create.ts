import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { requireText } from '../../../shared/validate';
import { ITEM_ID, readIdList } from '../../helpers';
import { libraryLocator } from '../../locators';

export const collectionCreate: Operation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a collection',
		description:
			'Create a collection of books in a library (shared with all users of the library); needs at least one book',
	},
	properties: [
		libraryLocator.property({ description: 'The book library the collection belongs to' }),
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. Summer reading',
		},
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
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			typeOptions: { rows: 2 },
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const libraryId = libraryLocator.read(this, itemIndex);
		const name = requireText(
			this.getNode(),
			this.getNodeParameter('name', itemIndex, ''),
			'Name',
			itemIndex,
		);
		const books = readIdList(this, 'libraryItemIds', { ...ITEM_ID, label: 'Book IDs' }, itemIndex);
		const description = String(this.getNodeParameter('description', itemIndex, '') ?? '').trim();
		const body: IDataObject = { libraryId, name, books };
		if (description) body.description = description;
		return await client.request({ method: 'POST', path: '/collections', body });
	},
};
