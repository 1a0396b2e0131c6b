import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { readAutoPiList } from '../common';
import { deviceLocator } from '../../locators';

export const dataGetFields: Operation = {
	option: {
		name: 'Get Available Fields',
		value: 'getFields',
		action: 'Get available data fields',
		description:
			'List the data fields that can be read with Read Storage (field name and type), for one device or the whole account',
	},
	properties: [
		deviceLocator.property({
			required: false,
			description: 'Only fields logged by this device. Leave empty for all fields of the account.',
		}),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const deviceId = deviceLocator.readOptional(this, itemIndex);
		const qs: IDataObject = deviceId ? { device_id: deviceId } : {};
		const body = await client.request<unknown>({
			method: 'GET',
			path: '/logbook/storage/fields/',
			qs,
		});
		const page = readAutoPiList(body);
		if (!page) {
			throw client.error({
				message: 'AutoPi returned the field list in an unexpected shape',
				hint: 'Please report it.',
				request: 'GET /logbook/storage/fields/',
			});
		}
		return page.items;
	},
};
