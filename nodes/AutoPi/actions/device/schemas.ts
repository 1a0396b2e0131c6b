import type { IDataObject } from 'n8n-workflow';

import { pick, withoutSecrets } from '../common';

/** Fields kept by Simplify; device secrets (its token, Wi-Fi passwords) are never output. */
export const SIMPLE_DEVICE_FIELDS = [
	'id',
	'unit_id',
	'display',
	'callName',
	'imei',
	'last_communication',
	'vehicle',
] as const;

export function simplifyDevice(device: IDataObject): IDataObject {
	return withoutSecrets(pick(device, SIMPLE_DEVICE_FIELDS));
}
