import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { manualRequestLocator } from '../../locators';

export const manualRequestMarkDownloaded: Operation = {
	option: {
		name: 'Mark Downloaded',
		value: 'markDownloaded',
		action: 'Mark a manual request as downloaded',
		description:
			'Mark a manual request as downloaded (admin key); AudioBookRequest then sends its onSuccessfulDownload notifications',
	},
	properties: [manualRequestLocator.property()],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const id = manualRequestLocator.read(this, itemIndex);
		await client.request({ method: 'PATCH', path: `/requests/manual/${id}/downloaded` });
		return { id, downloaded: true };
	},
};
