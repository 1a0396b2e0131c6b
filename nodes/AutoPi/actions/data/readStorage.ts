import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { requireText } from '../../../shared/validate';
import { readAutoPiList, readDateRange } from '../common';
import { deviceLocator } from '../../locators';
import { inputError } from '../../../shared/inputError';

const FIELD_PATTERN = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)+$/;
const INTERVAL_PATTERN = /^[1-9]\d*[smhdwMy]$/;

export const dataReadStorage: Operation = {
	option: {
		name: 'Read Storage',
		value: 'readStorage',
		action: 'Read stored data of a device',
		description:
			'Read a logged data field of an AutoPi device (e.g. obd.bat.voltage, obd.speed.value, track.pos.loc) over a time range, averaged, summed or min/max per interval, or as raw values',
	},
	properties: [
		deviceLocator.property(),
		{
			displayName: 'Field',
			name: 'field',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. obd.bat.voltage',
			description:
				'The data field: a data type plus a suffix, e.g. obd.speed.value or track.pos.loc. Data → Get Available Fields lists them.',
		},
		{
			displayName: 'Field Type',
			name: 'fieldType',
			type: 'options',
			default: 'float',
			options: [
				{ name: 'Float', value: 'float', description: 'Numbers such as voltage or speed' },
				{ name: 'Geo Point', value: 'geo_point', description: 'Positions (track.pos.loc)' },
				{ name: 'Long', value: 'long', description: 'Whole numbers' },
				{ name: 'String', value: 'string', description: 'Text values such as the VIN' },
			],
		},
		{
			displayName: 'From',
			name: 'from',
			type: 'dateTime',
			default: '',
			required: true,
			description: 'Start of the time range (sent in UTC)',
		},
		{
			displayName: 'To',
			name: 'to',
			type: 'dateTime',
			default: '',
			description:
				'End of the time range (sent in UTC). May be left empty with aggregation None to get the latest values.',
		},
		{
			displayName: 'Aggregation',
			name: 'aggregation',
			type: 'options',
			default: 'avg',
			options: [
				{ name: 'Average', value: 'avg' },
				{ name: 'Maximum', value: 'max' },
				{ name: 'Minimum', value: 'min' },
				{ name: 'None (Raw Values)', value: 'none' },
				{ name: 'Sum', value: 'sum' },
			],
			description: 'How values are combined per interval',
		},
		{
			displayName: 'Interval',
			name: 'interval',
			type: 'string',
			default: '1h',
			placeholder: 'e.g. 10m',
			description: 'Length of each bucket: a number and a unit (s, m, h, d), e.g. 1m, 10m, 1h, 1d',
			displayOptions: { hide: { aggregation: ['none'] } },
		},
		{
			displayName: 'Max Values',
			name: 'size',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 100,
			description: 'Max number of raw values AutoPi returns',
			displayOptions: { show: { aggregation: ['none'] } },
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const node = this.getNode();
		const deviceId = deviceLocator.read(this, itemIndex);
		const field = requireText(
			node,
			this.getNodeParameter('field', itemIndex, ''),
			'Field',
			itemIndex,
		);
		if (!FIELD_PATTERN.test(field)) {
			throw inputError(node, `Field "${field.slice(0, 80)}" is not a valid AutoPi field name`, {
				itemIndex,
				description:
					'A field is a data type plus a suffix, e.g. obd.bat.voltage or track.pos.loc. Use Data → Get Available Fields to list them.',
			});
		}
		const fieldType = this.getNodeParameter('fieldType', itemIndex, 'float') as string;
		const aggregation = this.getNodeParameter('aggregation', itemIndex, 'avg') as string;
		const rawFrom = this.getNodeParameter('from', itemIndex, '');
		if (rawFrom === '' || rawFrom === undefined || rawFrom === null) {
			throw inputError(node, `From is empty`, {
				itemIndex,
				description: 'Enter the start of the time range.',
			});
		}
		const range = readDateRange(
			this,
			itemIndex,
			{ from: rawFrom, to: this.getNodeParameter('to', itemIndex, '') },
			{ from: 'From', to: 'To' },
		);
		const qs: IDataObject = {
			device_id: deviceId,
			field,
			field_type: fieldType,
			from_utc: range.from,
			aggregation,
		};
		if (range.to) qs.to_utc = range.to;
		if (aggregation === 'none') {
			const size = Number(this.getNodeParameter('size', itemIndex, 100));
			if (!Number.isInteger(size) || size < 1) {
				throw inputError(node, `Max Values must be a whole number of at least 1`, { itemIndex });
			}
			qs.size = size;
		} else {
			if (!range.to) {
				throw inputError(node, `To is empty`, {
					itemIndex,
					description:
						'Aggregated values need the end of the time range. Leave To empty only with aggregation None.',
				});
			}
			const interval = String(this.getNodeParameter('interval', itemIndex, '1h')).trim();
			if (!INTERVAL_PATTERN.test(interval)) {
				throw inputError(node, `Interval "${interval.slice(0, 20)}" is not valid`, {
					itemIndex,
					description: 'Use a number and a unit, e.g. 1m, 10m, 1h or 1d.',
				});
			}
			qs.interval = interval;
		}
		const body = await client.request<unknown>({
			method: 'GET',
			path: '/logbook/storage/read/',
			qs,
		});
		const page = readAutoPiList(body);
		if (!page) {
			throw client.error({
				message: 'AutoPi returned stored data in an unexpected shape',
				hint: 'Please report it with the field name.',
				request: 'GET /logbook/storage/read/',
			});
		}
		return page.items.map((point) => ({ field, ...point }));
	},
};
