import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ServiceProfile } from './service';
import { defaultRequestSettings, type RequestSettings } from './settings';

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
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { returnAll: [false] } },
			typeOptions: { minValue: 1, ...(maxLimit ? { maxValue: maxLimit } : {}) },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}

export function readReturnAll(
	context: IExecuteFunctions,
	itemIndex: number,
): { returnAll: boolean; limit: number } {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? 0 : (context.getNodeParameter('limit', itemIndex, 50) as number);
	return { returnAll, limit };
}

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
				typeOptions: { minValue: 100 },
				default: 30000,
				description: 'How long to wait for each response before giving up (retried when safe)',
			},
		],
	};
}

export function readRequestSettings(
	context: IExecuteFunctions,
	itemIndex: number,
	profile: ServiceProfile,
): RequestSettings {
	const options = context.getNodeParameter('requestOptions', itemIndex, {}) as IDataObject;
	return {
		...defaultRequestSettings(profile),
		...(typeof options.timeout === 'number' ? { timeoutMs: options.timeout } : {}),
		...(typeof options.maxRetries === 'number' ? { maxRetries: options.maxRetries } : {}),
		...(typeof options.concurrency === 'number' && options.concurrency > 0
			? { concurrency: options.concurrency }
			: {}),
		...(typeof options.maxRetryAfterSeconds === 'number'
			? { maxRetryAfterMs: options.maxRetryAfterSeconds * 1000 }
			: {}),
	};
}
