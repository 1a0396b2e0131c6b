import type { Resource } from '../../../shared/operation';
import { dataGetFields } from './getFields';
import { dataReadStorage } from './readStorage';

export const dataResource: Resource = {
	option: {
		name: 'Data',
		value: 'data',
		description: 'Logged vehicle data such as battery voltage, speed or fuel level',
	},
	defaultOperation: 'readStorage',
	operations: [dataGetFields, dataReadStorage],
};
