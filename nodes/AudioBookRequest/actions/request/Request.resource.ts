import type { Resource } from '../../../shared/operation';
import { requestCreate } from './create';
import { requestDelete } from './delete';
import { requestDownloadSource } from './downloadSource';
import { requestGetAll } from './getAll';
import { requestGetSources } from './getSources';
import { requestMarkDownloaded } from './markDownloaded';
import { requestStartAutoDownload } from './startAutoDownload';

export const requestResource: Resource = {
	option: {
		name: 'Request',
		value: 'request',
		description: 'Audiobook requests made by users, by ASIN',
	},
	defaultOperation: 'create',
	operations: [
		requestCreate,
		requestGetAll,
		requestDelete,
		requestMarkDownloaded,
		requestStartAutoDownload,
		requestGetSources,
		requestDownloadSource,
	],
};
