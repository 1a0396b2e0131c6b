import type { IExecuteFunctions } from 'n8n-workflow';

import { readReturnAll, returnAllAndLimit } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import { paginate } from '../../../shared/paginate';
import type { ServiceClient } from '../../../shared/transport';
import { AUTOPI_PAGE_SIZE, DRF_PAGING, readAutoPiList, withoutSecrets } from '../common';

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
		const vehicles = await paginate(
			client,
			{
				path: '/vehicle/v2/profile/',
				paging: DRF_PAGING,
				maxPageSize: AUTOPI_PAGE_SIZE,
				read: readAutoPiList,
				idField: 'id',
			},
			{ returnAll, limit },
		);
		return vehicles.map((vehicle) => withoutSecrets(vehicle));
	},
};
