import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { withoutSecrets } from '../common';
import { vehicleLocator } from '../../locators';

export const vehicleGet: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a vehicle',
		description: 'Get one AutoPi vehicle profile by its ID',
	},
	properties: [vehicleLocator.property()],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const vehicleId = vehicleLocator.read(this, itemIndex);
		const vehicle = await client.request<IDataObject>({
			method: 'GET',
			path: `/vehicle/v2/profile/${vehicleId}/`,
		});
		return withoutSecrets(vehicle);
	},
};
