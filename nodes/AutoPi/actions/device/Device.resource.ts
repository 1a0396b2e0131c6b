import type { Resource } from '../../../shared/operation';
import { executeDeviceCommand } from './executeCommand';
import { getDevice } from './get';
import { getManyDevices } from './getMany';

export const deviceResource: Resource = {
	option: {
		name: 'Device',
		value: 'device',
		description: 'AutoPi dongles: list, look up by device or unit ID, send commands',
	},
	defaultOperation: 'getAll',
	operations: [executeDeviceCommand, getDevice, getManyDevices],
};
