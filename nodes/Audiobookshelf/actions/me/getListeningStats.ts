import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';

export const meGetListeningStats: Operation = {
	option: {
		name: 'Get Listening Stats',
		value: 'getListeningStats',
		action: 'Get listening statistics of the current user',
		description:
			"Get the API key user's listening time in seconds: total, today, per day, per weekday and per item, plus recent sessions",
	},
	properties: [],
	async execute(this: IExecuteFunctions, client: ServiceClient) {
		return await client.request({ method: 'GET', path: '/me/listening-stats' });
	},
};
