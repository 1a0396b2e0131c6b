import type { Resource } from '../../../shared/operation';
import { deviceExecuteCommand } from './executeCommand';
import { deviceGet } from './get';
import { deviceGetAll } from './getAll';

export const deviceResource: Resource = {
	option: {
		name: 'Device',
		value: 'device',
		description: 'AutoPi dongles: list, look up by device or unit ID, send commands',
	},
	defaultOperation: 'getAll',
	operations: [deviceExecuteCommand, deviceGet, deviceGetAll],
};
