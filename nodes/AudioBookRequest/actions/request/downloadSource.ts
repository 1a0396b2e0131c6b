import type { IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { requireText } from '../../../shared/validate';
import { bookOrManualRequestLocator } from '../../locators';
import { inputError } from '../../../shared/inputError';

export const requestDownloadSource: Operation = {
	option: {
		name: 'Download Source',
		value: 'downloadSource',
		action: 'Download a source for a requested book',
		description:
			'Send one source found by Get Sources to the download client (admin key); identify it by its guid and indexer_id',
	},
	properties: [
		bookOrManualRequestLocator.property(),
		{
			displayName: 'Source GUID',
			name: 'guid',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. {{ $json.sources[0].guid }}',
			description: 'The guid of the source, from Get Sources',
		},
		{
			displayName: 'Indexer ID',
			name: 'indexerId',
			type: 'number',
			default: 0,
			required: true,
			description: 'The indexer_id of the source, from Get Sources',
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const node = this.getNode();
		const asin = bookOrManualRequestLocator.read(this, itemIndex);
		const guid = requireText(
			node,
			this.getNodeParameter('guid', itemIndex, ''),
			'Source GUID',
			itemIndex,
		);
		const rawIndexer = this.getNodeParameter('indexerId', itemIndex, 0) as unknown;
		const indexerId = Number(rawIndexer);
		if (String(rawIndexer ?? '').trim() === '' || !Number.isInteger(indexerId) || indexerId < 0) {
			throw inputError(node, `Indexer ID "${String(rawIndexer)}" is not valid`, {
				itemIndex,
				description: 'Use the indexer_id of the source returned by Get Sources (a whole number).',
			});
		}
		await client.request({
			method: 'POST',
			path: `/requests/${asin}/download`,
			body: { guid, indexer_id: indexerId },
		});
		return { asin, downloadStarted: true, guid, indexer_id: indexerId };
	},
};
