import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { requestedBookLocator } from '../../locators';

export const requestMarkDownloaded: Operation = {
	option: {
		name: 'Mark Downloaded',
		value: 'markDownloaded',
		action: 'Mark a requested book as downloaded',
		description:
			'Mark a book as downloaded (admin key); AudioBookRequest then sends its onSuccessfulDownload notifications',
	},
	properties: [requestedBookLocator.property()],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const asin = requestedBookLocator.read(this, itemIndex);
		await client.request({ method: 'PATCH', path: `/requests/${asin}/downloaded` });
		return { asin, downloaded: true };
	},
};
