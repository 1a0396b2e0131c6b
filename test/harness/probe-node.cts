/**
 * A test-only node that drives the shared transport and paginator directly against an arbitrary fake
 * route, so paging styles and guards can be tested without a service node. It uses the real
 * ServiceClient and the real Speakr credential; only the endpoint description comes from the test.
 */
import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { readRequestSettings, requestOptionsProperty } from '../../nodes/shared/descriptions';
import { paginate, type ListEndpoint } from '../../nodes/shared/paginate';
import { route } from '../../nodes/shared/router';
import type { Operation } from '../../nodes/shared/operation';
import { ServiceClient } from '../../nodes/shared/transport';
import { speakrProfile } from '../../nodes/Speakr/profile';

/** Endpoints the probe can list, keyed by name (set by the test before running). */
export const probeEndpoints = new Map<string, ListEndpoint>();

const listOperation: Operation = {
	option: { name: 'List', value: 'list', action: 'List probe records', description: 'List' },
	properties: [],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const endpoint = probeEndpoints.get(this.getNodeParameter('endpoint', itemIndex) as string);
		if (!endpoint) throw new Error('unknown probe endpoint');
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = this.getNodeParameter('limit', itemIndex, 50) as number;
		const maxPages = this.getNodeParameter('maxPages', itemIndex, 10_000) as number;
		return await paginate(client, endpoint, { returnAll, limit, maxPages });
	},
};

const sendOperation: Operation = {
	option: { name: 'Send', value: 'send', action: 'Send a probe request', description: 'Send' },
	properties: [],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const method = this.getNodeParameter('method', itemIndex, 'GET') as 'GET' | 'POST';
		const path = this.getNodeParameter('path', itemIndex) as string;
		const idempotent = this.getNodeParameter('idempotent', itemIndex, false) ? true : undefined;
		const body = await client.request<IDataObject>({
			method,
			path,
			idempotent,
			body: method === 'POST' ? { hello: 'world' } : undefined,
		});
		return body ?? { empty: true };
	},
};

export class Probe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Probe',
		name: 'probe',
		group: ['transform'],
		version: 1,
		description: 'Test node',
		defaults: { name: 'Probe' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'speakrApi', required: true }],
		properties: [
			{ displayName: 'Resource', name: 'resource', type: 'string', default: 'probe' },
			{ displayName: 'Operation', name: 'operation', type: 'string', default: 'list' },
			{ displayName: 'Endpoint', name: 'endpoint', type: 'string', default: '' },
			{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false },
			{ displayName: 'Limit', name: 'limit', type: 'number', default: 50 },
			{ displayName: 'Max Pages', name: 'maxPages', type: 'number', default: 10000 },
			{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
			{ displayName: 'Path', name: 'path', type: 'string', default: '/' },
			{ displayName: 'Idempotent', name: 'idempotent', type: 'boolean', default: false },
			requestOptionsProperty(speakrProfile),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Settings come from the same Request Options collection as real nodes.
		void readRequestSettings;
		return await route.call(
			this,
			{ ...speakrProfile, apiPath: '' },
			new Map([
				['probe:list', listOperation],
				['probe:send', sendOperation],
			]),
		);
	}
}
