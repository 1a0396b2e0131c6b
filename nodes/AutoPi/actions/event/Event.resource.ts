import type { Resource } from '../../../shared/operation';
import { eventGetAll } from './getAll';

export const eventResource: Resource = {
	option: {
		name: 'Event',
		value: 'event',
		description: 'Device events such as engine on/off, geofence and battery events',
	},
	defaultOperation: 'getAll',
	operations: [eventGetAll],
};
