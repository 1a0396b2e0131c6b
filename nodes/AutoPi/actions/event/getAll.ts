import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { inDateRange, toIsoRange } from '../../../shared/validate';
import { readReturnAll, returnAllAndLimit, fieldGroup } from '../../../shared/descriptions';
import type { Operation } from '../../../shared/operation';
import { paginate } from '../../../shared/paginate';
import type { ServiceClient } from '../../../shared/transport';
import { eventsEndpoint } from '../../endpoints';
import { deviceLocator } from '../../locators';

export const eventGetAll: Operation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many events',
		description:
			'List the events of an AutoPi device (engine started or stopped, geofence entered or left, battery, power), newest first, optionally in a date range',
	},
	properties: [
		deviceLocator.property(),
		{
			displayName: 'From',
			name: 'from',
			type: 'dateTime',
			default: '',
			description: 'Only events at or after this time (sent in UTC)',
		},
		{
			displayName: 'To',
			name: 'to',
			type: 'dateTime',
			default: '',
			description: 'Only events at or before this time (sent in UTC)',
		},
		...returnAllAndLimit(),
		fieldGroup(
			'options',
			[
				{
					displayName: 'First Page Number',
					name: 'firstPage',
					type: 'options',
					default: 1,
					options: [
						{ name: '0', value: 0 },
						{ name: '1', value: 1 },
					],
					description:
						"Number of the first page of AutoPi's logbook paging (page_num). Change it only if an AutoPi environment counts pages from 0 and the first events are missing.",
				},
			],
			{ placeholder: 'Add option' },
		),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const deviceId = deviceLocator.read(this, itemIndex);
		const range = toIsoRange(
			this.getNode(),
			{
				from: this.getNodeParameter('from', itemIndex, ''),
				to: this.getNodeParameter('to', itemIndex, ''),
			},
			{ from: 'From', to: 'To' },
		);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const firstPage = Number(options.firstPage ?? 1) === 0 ? 0 : 1;
		const { returnAll, limit } = readReturnAll(this, itemIndex);
		const qs: IDataObject = { device_id: deviceId };
		if (range.from) qs.start_utc = range.from;
		if (range.to) qs.end_utc = range.to;
		return await paginate(
			client,
			{
				...eventsEndpoint(firstPage),
				qs,
				// The date filter names of this endpoint are not confirmed: check each event again.
				keep:
					range.from || range.to
						? (event) => inDateRange(event.ts ?? event['@ts'], range)
						: undefined,
			},
			{ returnAll, limit },
		);
	},
};
