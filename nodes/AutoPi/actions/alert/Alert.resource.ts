import type { Resource } from '../../../shared/operation';
import { alertGetAll } from './getAll';

export const alertResource: Resource = {
	option: { name: 'Alert', value: 'alert', description: 'Fleet alerts raised for vehicles' },
	defaultOperation: 'getAll',
	operations: [alertGetAll],
};
