import type { IExecuteFunctions } from 'n8n-workflow';

import { readReturnAll, returnAllAndLimit } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import { paginate } from '../../../shared/paginate';
import type { ServiceClient } from '../../../shared/transport';
import { withoutSecrets } from '../common';
import { vehicles } from '../../endpoints';

export const vehicleGetAll: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many vehicles',
		description:
			'List the vehicle profiles of the AutoPi account (make, model, year, VIN and linked devices)',
	},
	properties: [...returnAllAndLimit()],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const { returnAll, limit } = readReturnAll(this, itemIndex);
		const found = await paginate(client, vehicles, { returnAll, limit });
		return found.map((vehicle) => withoutSecrets(vehicle));
	},
};
