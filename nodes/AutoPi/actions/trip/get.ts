import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { requireId, UUID_ID } from '../../../shared/validate';
import { simplifyProperty } from '../common';
import { simplifyTrip } from './schemas';

export const tripGet: Operation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a trip',
		description: 'Get one recorded trip by its ID',
	},
	properties: [
		{
			displayName: 'Trip ID',
			name: 'tripId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 7d1e4c2a-9b3f-4e8a-8c6d-2f1a0b9c8d7e',
			description: 'The ID (a UUID) of the trip, e.g. from Trip → Get Many',
		},
		simplifyProperty('trip'),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const tripId = requireId(
			this.getNode(),
			this.getNodeParameter('tripId', itemIndex, ''),
			{ label: 'Trip ID', ...UUID_ID },
			itemIndex,
		).toLowerCase();
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		const trip = await client.request<IDataObject>({
			method: 'GET',
			path: `/logbook/v2/trips/${tripId}/`,
		});
		return simplify ? simplifyTrip(trip) : trip;
	},
};
