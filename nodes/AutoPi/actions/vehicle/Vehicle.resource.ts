import type { Resource } from '../../../shared/operation';
import { getVehicle } from './get';
import { getManyVehicles } from './getMany';

export const vehicleResource: Resource = {
	option: {
		name: 'Vehicle',
		value: 'vehicle',
		description: 'Vehicle profiles linked to AutoPi devices',
	},
	defaultOperation: 'getAll',
	operations: [getVehicle, getManyVehicles],
};
