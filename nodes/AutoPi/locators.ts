import { defineLocator } from '../shared/locator';
import { INTEGER_ID, UUID_ID } from '../shared/validate';

export const deviceLocator = defineLocator({
	displayName: 'Device',
	name: 'deviceId',
	description:
		'The AutoPi device. Its ID is the device primary key (a UUID), not the unit ID printed on the hardware.',
	searchListMethod: 'searchDevices',
	listPlaceholder: 'Select a device...',
	rule: { label: 'Device ID', ...UUID_ID },
	id: { placeholder: 'e.g. 3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f' },
});

export const vehicleLocator = defineLocator({
	displayName: 'Vehicle',
	name: 'vehicleId',
	description: 'The AutoPi vehicle profile (a whole-number ID)',
	searchListMethod: 'searchVehicles',
	listPlaceholder: 'Select a vehicle...',
	rule: { label: 'Vehicle ID', ...INTEGER_ID },
	id: { placeholder: 'e.g. 1042' },
});
