import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inDateRange, toIsoRange } from '../../../shared/validate';
import { readReturnAll, returnAllAndLimit, fieldGroup } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import { paginate } from '../../../shared/paginate';
import type { ServiceClient } from '../../../shared/transport';
import { readOptionalVehicleId } from '../common';
import { alerts } from '../../endpoints';

/** The time an alert was raised; AutoPi's alert fields are not documented, so the usual names are tried. */
export function alertTime(alert: IDataObject): unknown {
	return alert.created_at ?? alert.created ?? alert.timestamp ?? alert.ts ?? alert.first_seen;
}

export const alertGetAll: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many alerts',
		description:
			'List the fleet alerts of the AutoPi account (e.g. low battery, fault codes), optionally for one vehicle or raised in a date range',
	},
	properties: [
		...returnAllAndLimit(),
		fieldGroup('filters', [
			{
				displayName: 'Raised After',
				name: 'from',
				type: 'dateTime',
				default: '',
				description: 'Only alerts raised at or after this time',
			},
			{
				displayName: 'Raised Before',
				name: 'to',
				type: 'dateTime',
				default: '',
				description: 'Only alerts raised at or before this time',
			},
			{
				displayName: 'Vehicle ID',
				name: 'vehicleId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1042',
				description: 'Only alerts of this vehicle profile',
			},
		]),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const range = toIsoRange(
			this.getNode(),
			{ from: filters.from, to: filters.to },
			{ from: 'Raised After', to: 'Raised Before' },
		);
		const vehicleId = readOptionalVehicleId(this, itemIndex, filters.vehicleId);
		const { returnAll, limit } = readReturnAll(this, itemIndex);
		const qs: IDataObject = {};
		if (vehicleId) qs.vehicle = vehicleId;
		return await paginate(
			client,
			{
				...alerts,
				qs,
				// AutoPi documents no date filter for alerts: the range is applied to each alert here.
				keep: range.from || range.to ? (alert) => inDateRange(alertTime(alert), range) : undefined,
			},
			{ returnAll, limit },
		);
	},
};
