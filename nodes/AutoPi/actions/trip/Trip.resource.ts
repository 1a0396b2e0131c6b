import type { Resource } from '../../../shared/operation';
import { getTrip } from './get';
import { getManyTrips } from './getMany';

export const tripResource: Resource = {
	option: { name: 'Trip', value: 'trip', description: 'Trips recorded by AutoPi devices' },
	defaultOperation: 'getAll',
	operations: [getTrip, getManyTrips],
};
