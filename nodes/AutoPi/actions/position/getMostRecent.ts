import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { firstRecord, readAutoPiList, simplifyProperty, withoutSecrets } from '../common';
import { deviceLocator } from '../../locators';

function flatPosition(position: IDataObject | undefined): IDataObject {
	const location = (position?.location ?? position?.loc ?? {}) as IDataObject;
	return {
		ts: position?.ts ?? position?.utc ?? null,
		lat: location.lat ?? null,
		lon: location.lon ?? null,
		altitude: position?.altitude ?? position?.alt ?? null,
		speed_over_ground: position?.speed_over_ground ?? position?.sog ?? null,
		course_over_ground: position?.course_over_ground ?? position?.cog ?? null,
		satellites: position?.nsat ?? null,
	};
}

export const positionGetMostRecent: Operation = {
	option: {
		name: 'Get Most Recent',
		value: 'getMostRecent',
		action: 'Get the most recent position',
		description:
			'Get the last known GPS position (latitude, longitude, speed, time) of one AutoPi device, or of every device in one request',
	},
	properties: [
		{
			displayName: 'Devices',
			name: 'scope',
			type: 'options',
			default: 'all',
			options: [
				{ name: 'All Devices', value: 'all', description: 'One item per device, in one request' },
				{ name: 'One Device', value: 'one' },
			],
		},
		deviceLocator.property({ displayOptions: { show: { scope: ['one'] } } }),
		simplifyProperty('position'),
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const scope = this.getNodeParameter('scope', itemIndex, 'all') as string;
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		if (scope === 'one') {
			const deviceId = deviceLocator.read(this, itemIndex);
			const body = await client.request<unknown>({
				method: 'GET',
				path: '/logbook/v2/most_recent_position/',
				qs: { device_id: deviceId },
			});
			const position = firstRecord(body);
			if (!position) return { device_id: deviceId, ...flatPosition(undefined), found: false };
			return simplify
				? { device_id: deviceId, ...flatPosition(position), found: true }
				: { device_id: deviceId, ...withoutSecrets(position) };
		}
		const body = await client.request<unknown>({
			method: 'GET',
			path: '/logbook/v2/most_recent_positions/',
		});
		const page = readAutoPiList(body);
		if (!page) {
			throw client.error({
				message: 'AutoPi returned the positions in an unexpected shape',
				hint: 'Please report it with the name of your AutoPi environment.',
				request: 'GET /logbook/v2/most_recent_positions/',
			});
		}
		return page.items.map((device) => {
			if (!simplify) return withoutSecrets(device);
			const positions = Array.isArray(device.positions) ? (device.positions as IDataObject[]) : [];
			return {
				device_id: device.id ?? device.device_id ?? null,
				unit_id: device.unit_id ?? null,
				display: device.display ?? null,
				last_communication: device.last_communication ?? null,
				...flatPosition(positions[0] ?? (device.location ? device : undefined)),
			};
		});
	},
};
