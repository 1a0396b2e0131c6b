import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { bookLocator } from '../../locators';

export const requestMarkDownloaded: Operation = {
	option: {
		name: 'Mark Downloaded',
		value: 'markDownloaded',
		action: 'Mark a requested book as downloaded',
		description:
			'Mark a book as downloaded (admin key); AudioBookRequest then sends its onSuccessfulDownload notifications',
	},
	properties: [
		bookLocator.property({
			searchListMethod: 'searchRequestedBooks',
			description: 'The requested book, by its ASIN',
		}),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const asin = bookLocator.read(this, itemIndex);
		await client.request({ method: 'PATCH', path: `/requests/${asin}/downloaded` });
		return { asin, downloaded: true };
	},
};
