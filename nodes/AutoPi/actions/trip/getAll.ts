import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inDateRange, toIsoRange } from '../../../shared/validate';
import { readReturnAll, returnAllAndLimit, fieldGroup } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import { paginate } from '../../../shared/paginate';
import type { ServiceClient } from '../../../shared/transport';
import { readOptionalVehicleId, simplifyProperty } from '../common';
import { trips } from '../../endpoints';
import { simplifyTrip } from './schemas';
import { deviceLocator } from '../../locators';

export const tripGetAll: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many trips',
		description:
			'List recorded trips, newest first, for one device or all, optionally only those that started in a date range (start and end time, distance, duration, start and end address)',
	},
	properties: [
		deviceLocator.property({
			required: false,
			description: 'Only trips of this device. Leave empty for the trips of all devices.',
		}),
		{
			displayName: 'Started After',
			name: 'startedAfter',
			type: 'dateTime',
			default: '',
			description: 'Only trips that started at or after this time (sent in UTC)',
		},
		{
			displayName: 'Started Before',
			name: 'startedBefore',
			type: 'dateTime',
			default: '',
			description: 'Only trips that started at or before this time (sent in UTC)',
		},
		...returnAllAndLimit(),
		simplifyProperty('trip'),
		fieldGroup('filters', [
			{
				displayName: 'Vehicle ID',
				name: 'vehicleId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1042',
				description: 'Only trips of this vehicle profile',
			},
		]),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const deviceId = deviceLocator.readOptional(this, itemIndex);
		const range = toIsoRange(
			this.getNode(),
			{
				from: this.getNodeParameter('startedAfter', itemIndex, ''),
				to: this.getNodeParameter('startedBefore', itemIndex, ''),
			},
			{ from: 'Started After', to: 'Started Before' },
		);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const vehicleId = readOptionalVehicleId(this, itemIndex, filters.vehicleId);
		const { returnAll, limit } = readReturnAll(this, itemIndex);
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		const qs: IDataObject = {};
		if (deviceId) qs.device_id = deviceId;
		if (vehicleId) qs.vehicle = vehicleId;
		if (range.from) qs.start_time_utc__gte = range.from;
		if (range.to) qs.start_time_utc__lte = range.to;
		const found = await paginate(
			client,
			{
				...trips,
				qs,
				// The date filter names are not confirmed by AutoPi's documentation: check each trip again.
				keep:
					range.from || range.to ? (trip) => inDateRange(trip.start_time_utc, range) : undefined,
			},
			{ returnAll, limit },
		);
		return simplify ? found.map(simplifyTrip) : found;
	},
};
