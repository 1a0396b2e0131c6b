import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { readDrfList, type ListEndpoint } from '../../shared/endpoint';
import { ServiceClient } from '../../shared/transport';
import { devices, vehicles } from '../endpoints';
import { autoPiProfile } from '../profile';

const PAGE_SIZE = 100;

async function searchList(
	context: ILoadOptionsFunctions,
	path: string,
	toItem: (record: IDataObject) => INodeListSearchItems | undefined,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const client = new ServiceClient(context, autoPiProfile);
	const page = /^\d+$/.test(paginationToken ?? '') ? Number(paginationToken) : 1;
	const body = await client.request<unknown>({
		method: 'GET',
		path,
		qs: { page, page_size: PAGE_SIZE },
	});
	const list = readDrfList(body);
	if (!list) {
		throw client.error({
			message: 'AutoPi returned a list in an unexpected shape',
			hint: 'Enter the ID with "By ID" instead.',
			request: `GET ${path}`,
		});
	}
	const needle = (filter ?? '').trim().toLowerCase();
	const results = list.items
		.map(toItem)
		.filter((item): item is INodeListSearchItems => item !== undefined)
		.filter(
			(item) =>
				!needle ||
				`${item.name} ${String(item.value)} ${item.description ?? ''}`
					.toLowerCase()
					.includes(needle),
		);
	return { results, paginationToken: list.hasNext ? String(page + 1) : undefined };
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function deviceItem(device: IDataObject): INodeListSearchItems | undefined {
	if (typeof device.id !== 'string') return undefined;
	const vehicle = (device.vehicle ?? {}) as IDataObject;
	const name = text(device.display) ?? text(device.callName) ?? text(vehicle.display) ?? device.id;
	return {
		name,
		value: device.id,
		description: typeof device.unit_id === 'string' ? `Unit ID ${device.unit_id}` : undefined,
	};
}

function vehicleItem(vehicle: IDataObject): INodeListSearchItems | undefined {
	if (typeof vehicle.id !== 'number' && typeof vehicle.id !== 'string') return undefined;
	const model = [vehicle.year, vehicle.make, vehicle.model]
		.filter((part) => part !== undefined && part !== null && part !== '')
		.join(' ');
	const name =
		text(vehicle.display) ??
		text(vehicle.callName) ??
		text(model) ??
		`Vehicle ${String(vehicle.id)}`;
	return {
		name,
		value: String(vehicle.id),
		description: text(vehicle.vin) ? `VIN ${String(vehicle.vin)}` : undefined,
	};
}

/** A picker over one list: one page per call, filtered by the search text. */
function picker(
	endpoint: ListEndpoint,
	toItem: (record: IDataObject) => INodeListSearchItems | undefined,
) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		return await searchList(this, endpoint.path, toItem, filter, paginationToken);
	};
}

export const searchDevices = picker(devices, deviceItem);
export const searchVehicles = picker(vehicles, vehicleItem);
