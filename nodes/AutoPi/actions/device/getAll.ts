import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readReturnAll, returnAllAndLimit } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import { paginate } from '../../../shared/paginate';
import type { ServiceClient } from '../../../shared/transport';
import { simplifyProperty, withoutSecrets } from '../common';
import { devices } from '../../endpoints';
import { simplifyDevice } from './schemas';

export const deviceGetAll: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many devices',
		description:
			'List the AutoPi devices (dongles) of the account with their device ID, unit ID, name, vehicle and last communication time',
	},
	properties: [...returnAllAndLimit(), simplifyProperty('device')],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const { returnAll, limit } = readReturnAll(this, itemIndex);
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		const found = await paginate(client, devices, { returnAll, limit });
		return found.map((device: IDataObject) =>
			simplify ? simplifyDevice(device) : withoutSecrets(device),
		);
	},
};
