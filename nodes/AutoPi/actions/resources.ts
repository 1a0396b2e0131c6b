import { operationIndex, type Resource } from '../../shared/operation';
import { alertResource } from './alert/Alert.resource';
import { dataResource } from './data/Data.resource';
import { deviceResource } from './device/Device.resource';
import { eventResource } from './event/Event.resource';
import { positionResource } from './position/Position.resource';
import { tripResource } from './trip/Trip.resource';
import { vehicleResource } from './vehicle/Vehicle.resource';

export const autoPiResources: Resource[] = [
	alertResource,
	dataResource,
	deviceResource,
	eventResource,
	positionResource,
	tripResource,
	vehicleResource,
];

export const autoPiOperations = operationIndex(autoPiResources);
