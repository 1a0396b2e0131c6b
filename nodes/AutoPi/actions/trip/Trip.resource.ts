import type { Resource } from '../../../shared/operation';
import { tripGet } from './get';
import { tripGetAll } from './getAll';

export const tripResource: Resource = {
	option: { name: 'Trip', value: 'trip', description: 'Trips recorded by AutoPi devices' },
	defaultOperation: 'getAll',
	operations: [tripGet, tripGetAll],
};
