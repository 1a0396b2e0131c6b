import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { ServiceClient } from '../shared/transport';
import { withoutSecrets } from './actions/common';
import { simplifyTrip } from './actions/trip/schemas';
import { searchDevices } from './methods/listSearch';
import { credentialTest } from './credentialTest';
import { autoPiProfile } from './profile';
import { TRIGGER_SOURCES, type Found, type TriggerEvent } from './trigger/sources';
import { advanceWindow, tagMatcher, type WindowCursor } from './trigger/window';
import { deviceLocator } from './locators';

/** Event groups offered as options; each is a list of AutoPi event tag patterns. */
const EVENT_GROUPS: Record<string, string[]> = {
	battery: ['vehicle/battery/*'],
	engine: ['vehicle/engine/*', 'vehicle/motor/*'],
	geofence: ['vehicle/geofence/*/enter', 'vehicle/geofence/*/exit'],
	ignition: ['vehicle/ignition/*'],
	power: ['system/power/*'],
};

const HOUR_MS = 3_600_000;
/** How far back a manual run looks for a sample. */
const SAMPLE_WINDOW_MS = 7 * 24 * HOUR_MS;

interface TriggerState extends IDataObject {
	/** Event + filters the cursor belongs to; a change starts over from "now". */
	scope?: string;
	cursor?: IDataObject;
}

export class AutoPiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AutoPi Trigger',
		name: 'autoPiTrigger',
		icon: { light: 'file:../../icons/autopi.svg', dark: 'file:../../icons/autopi.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow when a trip finishes, a device reports an event (engine, ignition, geofence, battery, power) or an alert is raised (polling)',
		defaults: { name: 'AutoPi Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'autoPiApi', required: true, testedBy: 'autoPiApiTest' }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				default: 'tripFinished',
				options: [
					{
						name: 'Device Event',
						value: 'deviceEvent',
						description:
							'A device logged an event: engine or motor started or stopped, ignition, geofence entered or left, battery, power',
					},
					{
						name: 'New Alert',
						value: 'newAlert',
						description: 'AutoPi raised a fleet alert (e.g. low battery, fault code)',
					},
					{
						name: 'Trip Finished',
						value: 'tripFinished',
						description: 'A device finished a trip (it has an end time)',
					},
				],
			},
			{
				...deviceLocator.property({
					required: false,
					description:
						'Only this device. Leave empty to watch every device of the account (one request per device for events).',
				}),
				displayOptions: { show: { event: ['tripFinished', 'deviceEvent'] } },
			},
			{
				displayName: 'Event Types',
				name: 'eventTypes',
				type: 'multiOptions',
				default: [],
				description:
					'Which events start the workflow. Leave empty (and no Tag Patterns) for every event.',
				options: [
					{ name: 'Battery (Charging, Discharging, Critical Level)', value: 'battery' },
					{ name: 'Device Power (On, Sleep, Hibernate)', value: 'power' },
					{ name: 'Engine or Motor (Running, Stopped)', value: 'engine' },
					{ name: 'Geofence (Enter, Exit)', value: 'geofence' },
					{ name: 'Ignition (On, Off)', value: 'ignition' },
				],
				displayOptions: { show: { event: ['deviceEvent'] } },
			},
			{
				displayName: 'Tag Patterns',
				name: 'tagPatterns',
				type: 'string',
				default: '',
				placeholder: 'e.g. vehicle/geofence/home/*, vehicle/motion/jolting',
				description:
					"More AutoPi event tags, comma-separated; * matches anything (as in AutoPi's own triggers)",
				displayOptions: { show: { event: ['deviceEvent'] } },
			},
			{
				displayName: 'Late Data Window (Hours)',
				name: 'lateWindowHours',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 168 },
				default: 12,
				description:
					'AutoPi devices upload data they buffered while offline. Records stamped up to this many hours before a poll are still emitted (once); older late arrivals are not. Trips must finish within this window of their start.',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					'Whether to return one flat record per trip (times, distance, duration, addresses) instead of the full trip',
				displayOptions: { show: { event: ['tripFinished'] } },
			},
		],
	};

	methods = { listSearch: { searchDevices }, credentialTest };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		const event = this.getNodeParameter('event', 'tripFinished') as TriggerEvent;
		const read = TRIGGER_SOURCES[event];
		if (!read) throw new NodeOperationError(node, `Unknown event "${String(event)}"`);
		const lateWindowHours = Number(this.getNodeParameter('lateWindowHours', 12));
		if (!Number.isFinite(lateWindowHours) || lateWindowHours < 1 || lateWindowHours > 168) {
			throw new NodeOperationError(node, 'Late Data Window must be between 1 and 168 hours', {
				description: `It is ${String(lateWindowHours)}.`,
			});
		}
		const lateWindowMs = lateWindowHours * HOUR_MS;
		const deviceId = event === 'newAlert' ? undefined : deviceLocator.readOptional(this);
		const patterns =
			event === 'deviceEvent'
				? [
						...(this.getNodeParameter('eventTypes', []) as string[]).flatMap(
							(group) => EVENT_GROUPS[group] ?? [],
						),
						...String(this.getNodeParameter('tagPatterns', '')).split(','),
					]
				: [];
		const matchesTag = tagMatcher(patterns);
		const simplify =
			event === 'tripFinished' ? (this.getNodeParameter('simplify', true) as boolean) : false;
		const shape = (found: Found): IDataObject =>
			simplify ? simplifyTrip(found.record) : withoutSecrets(found.record);
		const client = new ServiceClient(this, autoPiProfile);
		const now = Date.now();

		if (this.getMode() === 'manual') {
			// A sample for building the workflow: the newest matching record of the last days; no cursor change.
			const found = await read(client, { from: now - SAMPLE_WINDOW_MS, deviceId, matchesTag });
			const newest = found.reduce<Found | undefined>(
				(best, record) => (!best || record.time > best.time ? record : best),
				undefined,
			);
			return newest ? [this.helpers.returnJsonArray([shape(newest)])] : null;
		}

		const state = this.getWorkflowStaticData('node') as TriggerState;
		const scope = JSON.stringify([
			event,
			deviceId ?? '',
			patterns
				.map((p) => p.trim())
				.filter(Boolean)
				.sort(),
		]);
		const stored = state.scope === scope ? (state.cursor as WindowCursor | undefined) : undefined;
		const from = stored ? stored.since - lateWindowMs : now - lateWindowMs;
		// Read first; the cursor moves only after a read that succeeded completely.
		const found = await read(client, { from, deviceId, matchesTag });
		const next = advanceWindow(stored, found, now, lateWindowMs);
		state.scope = scope;
		state.cursor = next.cursor as unknown as IDataObject;
		const emitted: Found[] = [];
		for (const record of found) {
			// One item per key, even if a page repeated it.
			if (next.emit.delete(record.key)) emitted.push(record);
		}
		emitted.sort((a, b) => a.time - b.time);
		return emitted.length ? [this.helpers.returnJsonArray(emitted.map(shape))] : null;
	}
}
