import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { asinLocator, readAsin } from '../common';

export const requestMarkDownloaded: Operation = {
	option: {
		name: 'Mark Downloaded',
		value: 'markDownloaded',
		action: 'Mark a requested book as downloaded',
		description:
			'Mark a book as downloaded (admin key); AudioBookRequest then sends its onSuccessfulDownload notifications',
	},
	properties: [
		asinLocator({
			searchListMethod: 'searchRequestedBooks',
			description: 'The requested book, by its ASIN',
		}),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const asin = readAsin(this, itemIndex);
		await client.request({ method: 'PATCH', path: `/requests/${asin}/downloaded` });
		return { asin, downloaded: true };
	},
};
