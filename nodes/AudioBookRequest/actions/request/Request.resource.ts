import type { Resource } from '../../../shared/operation';
import { createRequest } from './create';
import { deleteRequest } from './delete';
import { downloadSource } from './downloadSource';
import { getManyRequests } from './getMany';
import { getSources } from './getSources';
import { markRequestDownloaded } from './markDownloaded';
import { startAutoDownload } from './startAutoDownload';

export const requestResource: Resource = {
	option: {
		name: 'Request',
		value: 'request',
		description: 'Audiobook requests made by users, by ASIN',
	},
	defaultOperation: 'create',
	operations: [
		createRequest,
		getManyRequests,
		deleteRequest,
		markRequestDownloaded,
		startAutoDownload,
		getSources,
		downloadSource,
	],
};
