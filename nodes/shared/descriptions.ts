import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ServiceProfile } from './service';
import { defaultRequestSettings, type RequestSettings } from './settings';
import { toWholeNumber } from './validate';

/** Limit with n8n's standard wording and default; on its own where a list has no Return All. */
export function limitProperty(maxLimit?: number): INodeProperties {
	return {
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, ...(maxLimit ? { maxValue: maxLimit } : {}) },
		default: 50,
		description: 'Max number of results to return',
	};
}

/** Return All + Limit, with n8n's standard wording and Limit default. */
export function returnAllAndLimit(maxLimit?: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{ ...limitProperty(maxLimit), displayOptions: { show: { returnAll: [false] } } },
	];
}

/** n8n's groups of optional fields, named and worded as n8n's own nodes name them. */
const FIELD_GROUPS = {
	additionalFields: { displayName: 'Additional Fields', placeholder: 'Add Field' },
	updateFields: { displayName: 'Update Fields', placeholder: 'Add Field' },
	filters: { displayName: 'Filters', placeholder: 'Add Filter' },
	sort: { displayName: 'Sort', placeholder: 'Add Sort' },
	options: { displayName: 'Options', placeholder: 'Add Option' },
} as const;

export function fieldGroup(
	name: keyof typeof FIELD_GROUPS,
	options: INodeProperties[],
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return { ...FIELD_GROUPS[name], name, type: 'collection', default: {}, options, ...extra };
}

export function readReturnAll(
	context: IExecuteFunctions,
	itemIndex: number,
): { returnAll: boolean; limit: number } {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? 0 : readLimit(context, itemIndex);
	return { returnAll, limit };
}

/** Limit as a whole number ≥ 1 (and ≤ `max`): an expression giving NaN or text is refused before any request. */
export function readLimit(
	context: IExecuteFunctions,
	itemIndex: number,
	options: { name?: string; max?: number; fallback?: number } = {},
): number {
	const raw = context.getNodeParameter(options.name ?? 'limit', itemIndex, options.fallback ?? 50);
	return toWholeNumber(context.getNode(), raw, 'Limit', { min: 1, max: options.max }, itemIndex);
}

/** Bounds of the Request Options, shown in the fields and enforced at run time. */
export const REQUEST_OPTION_BOUNDS = {
	concurrency: { min: 0, max: 32 },
	maxRetries: { min: 0, max: 10 },
	maxRetryAfterSeconds: { min: 0, max: 600 },
	timeout: { min: 100, max: 3_600_000 },
} as const;

/** Timeout, retries and concurrency: one collection on every action node, with the service's page concurrency. */
export function requestOptionsProperty(profile: ServiceProfile): INodeProperties {
	return {
		displayName: 'Request Options',
		name: 'requestOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Max Concurrent Pages',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 32 },
				default: 0,
				description: `How many pages of a list are fetched at the same time once the number of pages is known. 0 uses ${profile.displayName}'s default (${profile.pageConcurrency}); lower it for small servers.`,
			},
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: 3,
				description:
					'How often a request is retried after a rate limit (429), a 502/503/504 or a dropped connection. Requests that may have changed data are not retried.',
			},
			{
				displayName: 'Max Retry-After Wait (Seconds)',
				name: 'maxRetryAfterSeconds',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 600 },
				default: 60,
				description:
					'Longest wait the node accepts when the server asks to slow down; a longer ask fails the item instead of stalling the workflow',
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeout',
				type: 'number',
				typeOptions: {
					minValue: REQUEST_OPTION_BOUNDS.timeout.min,
					maxValue: REQUEST_OPTION_BOUNDS.timeout.max,
				},
				default: 30000,
				description: 'How long to wait for each response before giving up (retried when safe)',
			},
		],
	};
}

/**
 * Request Options, checked at run time too: an expression bypasses the fields' min/max, and a timeout of 0 would
 * mean none, unbounded retries or concurrency would hammer the server.
 */
export function readRequestSettings(
	context: IExecuteFunctions,
	itemIndex: number,
	profile: ServiceProfile,
): RequestSettings {
	const options = context.getNodeParameter('requestOptions', itemIndex, {}) as IDataObject;
	const node = context.getNode();
	const read = (name: keyof typeof REQUEST_OPTION_BOUNDS, label: string) =>
		options[name] === undefined || options[name] === null || options[name] === ''
			? undefined
			: toWholeNumber(
					node,
					options[name],
					`Request Options → ${label}`,
					REQUEST_OPTION_BOUNDS[name],
					itemIndex,
				);
	const timeout = read('timeout', 'Timeout (Ms)');
	const maxRetries = read('maxRetries', 'Max Retries');
	const concurrency = read('concurrency', 'Max Concurrent Pages');
	const maxRetryAfter = read('maxRetryAfterSeconds', 'Max Retry-After Wait (Seconds)');
	return {
		...defaultRequestSettings(profile),
		...(timeout !== undefined ? { timeoutMs: timeout } : {}),
		...(maxRetries !== undefined ? { maxRetries } : {}),
		...(concurrency ? { concurrency } : {}),
		...(maxRetryAfter !== undefined ? { maxRetryAfterMs: maxRetryAfter * 1000 } : {}),
	};
}
