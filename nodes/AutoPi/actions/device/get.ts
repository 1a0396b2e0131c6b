import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { requireId, UUID_ID } from '../../../shared/validate';
import { simplifyProperty, withoutSecrets } from '../common';
import { simplifyDevice } from './schemas';
import { deviceLocator } from '../../locators';

export const deviceGet: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a device',
		description: 'Get one AutoPi device by its device ID, or by the unit ID of the hardware',
	},
	properties: [
		{
			displayName: 'Look Up By',
			name: 'lookUpBy',
			type: 'options',
			default: 'id',
			options: [
				{
					name: 'Device ID',
					value: 'id',
					description: 'The device primary key used by the AutoPi API',
				},
				{
					name: 'Unit ID',
					value: 'unitId',
					description: 'The hardware unit ID (shown on the device and in its events as @uid)',
				},
			],
		},
		deviceLocator.property({ displayOptions: { show: { lookUpBy: ['id'] } } }),
		{
			displayName: 'Unit ID',
			name: 'unitId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 0ac3b1a8-6b3e-4a8e-9f6e-6f0d1c2b3a4d',
			description: 'The hardware unit ID (a UUID); it is not the same as the device ID',
			displayOptions: { show: { lookUpBy: ['unitId'] } },
		},
		simplifyProperty('device'),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const lookUpBy = this.getNodeParameter('lookUpBy', itemIndex, 'id') as string;
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		let path: string;
		if (lookUpBy === 'unitId') {
			const unitId = requireId(
				this.getNode(),
				this.getNodeParameter('unitId', itemIndex, ''),
				{ label: 'Unit ID', ...UUID_ID },
				itemIndex,
			).toLowerCase();
			path = `/dongle/devices/by_unit_id/${unitId}/`;
		} else {
			path = `/dongle/devices/${deviceLocator.read(this, itemIndex)}/`;
		}
		const device = await client.request<IDataObject>({ method: 'GET', path });
		return simplify ? simplifyDevice(device) : withoutSecrets(device);
	},
};
