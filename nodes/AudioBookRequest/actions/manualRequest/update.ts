import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { requireText } from '../../../shared/validate';
import { manualRequestLocator } from '../../locators';

/** "A, B" → ["A", "B"]: AudioBookRequest splits on "," without trimming, so the node trims and re-joins. */
export function splitNames(text: string): string[] {
	return text
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name.length > 0);
}

export const manualRequestUpdate: Operation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a manual request',
		description:
			'Replace the details of a manual request (owner or admin key). Every field is replaced: optional fields left empty are cleared.',
	},
	properties: [
		manualRequestLocator.property(),
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			required: true,
			description: 'Book title',
		},
		{
			displayName: 'Authors',
			name: 'author',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. Terry Pratchett, Neil Gaiman',
			description: 'One or more authors, separated by commas',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: 'Fields not set here are cleared on the server',
			options: [
				{
					displayName: 'Additional Info',
					name: 'info',
					type: 'string',
					default: '',
					description: 'Free-text notes for the admin (edition, language, …)',
				},
				{
					displayName: 'Narrators',
					name: 'narrator',
					type: 'string',
					default: '',
					placeholder: 'e.g. Stephen Fry',
					description: 'One or more narrators, separated by commas',
				},
				{
					displayName: 'Publish Date',
					name: 'publish_date',
					type: 'string',
					default: '',
					placeholder: 'e.g. 2019',
					description: 'Publication date as free text',
				},
				{
					displayName: 'Subtitle',
					name: 'subtitle',
					type: 'string',
					default: '',
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const node = this.getNode();
		const id = manualRequestLocator.read(this, itemIndex);
		const title = requireText(
			node,
			this.getNodeParameter('title', itemIndex, ''),
			'Title',
			itemIndex,
		);
		const authors = splitNames(
			requireText(node, this.getNodeParameter('author', itemIndex, ''), 'Authors', itemIndex),
		);
		if (authors.length === 0) requireText(node, '', 'Authors', itemIndex);
		const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const text = (value: unknown) =>
			typeof value === 'string' && value.trim() ? value.trim() : null;
		const narrators = splitNames(String(extra.narrator ?? ''));
		const body = {
			title,
			author: authors.join(','),
			narrator: narrators.length ? narrators.join(',') : null,
			subtitle: text(extra.subtitle),
			publish_date: text(extra.publish_date),
			info: text(extra.info),
		};
		await client.request({ method: 'PUT', path: `/requests/manual/${id}`, body });
		return {
			id,
			updated: true,
			title,
			subtitle: body.subtitle,
			authors,
			narrators,
			publish_date: body.publish_date,
			additional_info: body.info,
		};
	},
};
