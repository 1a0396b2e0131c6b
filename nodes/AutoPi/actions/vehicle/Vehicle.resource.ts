import type { Resource } from '../../../shared/operation';
import { vehicleGet } from './get';
import { vehicleGetAll } from './getAll';

export const vehicleResource: Resource = {
	option: {
		name: 'Vehicle',
		value: 'vehicle',
		description: 'Vehicle profiles linked to AutoPi devices',
	},
	defaultOperation: 'getAll',
	operations: [vehicleGet, vehicleGetAll],
};
