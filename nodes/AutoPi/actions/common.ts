import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { INTEGER_ID, requireId, UUID_ID } from '../../shared/validate';

/** The largest page AutoPi is known to serve (500 succeeded for clients; the real ceiling is unverified). */
export const AUTOPI_PAGE_SIZE = 500;

/** DRF `page` + `page_size`; when AutoPi answers with `next` links, those are followed instead. */
export const DRF_PAGING = {
	style: 'page',
	pageParam: 'page',
	sizeParam: 'page_size',
	firstPage: 1,
} as const;

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One record from an endpoint that may answer an object, a one-element array or an envelope. */
export function firstRecord(body: unknown): IDataObject | undefined {
	if (Array.isArray(body)) return body.find(isRecord);
	if (isRecord(body) && Array.isArray(body.results))
		return (body.results as unknown[]).find(isRecord);
	return isRecord(body) ? body : undefined;
}

export function deviceLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Device',
		name: 'deviceId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			'The AutoPi device. Its ID is the device primary key (a UUID), not the unit ID printed on the hardware.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a device...',
				typeOptions: { searchListMethod: 'searchDevices', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f',
				validation: [
					{
						type: 'regex',
						properties: {
							regex:
								'^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$',
							errorMessage: 'Not a device ID (UUID)',
						},
					},
				],
			},
		],
		...overrides,
	};
}

export function vehicleLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Vehicle',
		name: 'vehicleId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The AutoPi vehicle profile (a whole-number ID)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a vehicle...',
				typeOptions: { searchListMethod: 'searchVehicles', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 1042',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*[1-9][0-9]*\\s*$',
							errorMessage: 'Not a vehicle ID (a whole number)',
						},
					},
				],
			},
		],
		...overrides,
	};
}

function locatorValue(context: IExecuteFunctions, name: string, itemIndex: number): unknown {
	return context.getNodeParameter(name, itemIndex, '', { extractValue: true });
}

export function readDeviceId(
	context: IExecuteFunctions,
	itemIndex: number,
	name = 'deviceId',
): string {
	return requireId(
		context.getNode(),
		locatorValue(context, name, itemIndex),
		{ label: 'Device ID', ...UUID_ID },
		itemIndex,
	).toLowerCase();
}

/** An optional device: empty means "all devices". */
export function readOptionalDeviceId(
	context: IExecuteFunctions,
	itemIndex: number,
	name = 'deviceId',
): string | undefined {
	const raw = locatorValue(context, name, itemIndex);
	if (raw === undefined || raw === null || String(raw).trim() === '') return undefined;
	return requireId(
		context.getNode(),
		raw,
		{ label: 'Device ID', ...UUID_ID },
		itemIndex,
	).toLowerCase();
}

export function readVehicleId(
	context: IExecuteFunctions,
	itemIndex: number,
	name = 'vehicleId',
): string {
	return requireId(
		context.getNode(),
		locatorValue(context, name, itemIndex),
		{ label: 'Vehicle ID', ...INTEGER_ID },
		itemIndex,
	);
}

export function readOptionalVehicleId(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
): string | undefined {
	if (raw === undefined || raw === null || String(raw).trim() === '') return undefined;
	return requireId(context.getNode(), raw, { label: 'Vehicle ID', ...INTEGER_ID }, itemIndex);
}

const SECRET_KEY = /token|password|secret|psk|api_?key/i;

/** Removes secrets (device tokens, Wi-Fi passwords and the like) from AutoPi output, at any depth. */
export function withoutSecrets<T>(value: T): T {
	if (Array.isArray(value)) return value.map((entry) => withoutSecrets(entry)) as T;
	if (!isRecord(value)) return value;
	const clean: IDataObject = {};
	for (const [key, entry] of Object.entries(value)) {
		if (SECRET_KEY.test(key)) continue;
		clean[key] = withoutSecrets(entry);
	}
	return clean as T;
}

export function pick(record: IDataObject, fields: readonly string[]): IDataObject {
	const simple: IDataObject = {};
	for (const field of fields) if (field in record) simple[field] = record[field];
	return simple;
}

export const simplifyProperty = (what: string): INodeProperties => ({
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: `Whether to return only the main fields of each ${what} instead of all of them`,
});
