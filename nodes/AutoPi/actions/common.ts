import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireId } from '../../shared/validate';
import { vehicleLocator } from '../locators';

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

/** An optional vehicle filter given as a plain field: empty means "all vehicles". */
export function readOptionalVehicleId(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
): string | undefined {
	if (raw === undefined || raw === null || String(raw).trim() === '') return undefined;
	return requireId(context.getNode(), raw, vehicleLocator.spec.rule, itemIndex);
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
