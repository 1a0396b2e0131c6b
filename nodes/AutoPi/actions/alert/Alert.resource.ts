import type { Resource } from '../../../shared/operation';
import { getManyAlerts } from './getMany';

export const alertResource: Resource = {
	option: { name: 'Alert', value: 'alert', description: 'Fleet alerts raised for vehicles' },
	defaultOperation: 'getAll',
	operations: [getManyAlerts],
};
