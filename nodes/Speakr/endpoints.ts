import type { ListEndpoint } from '../shared/endpoint';
import { readRecordingsPage } from './actions/recording/schemas';

/**
 * `GET /recordings`: 1-based `page` + `per_page` (Speakr caps a page at 100), an envelope with `pagination`. Get Many
 * and the recording picker read it through this description.
 */
export const recordings: ListEndpoint = {
	path: '/recordings',
	paging: { style: 'page', pageParam: 'page', sizeParam: 'per_page', firstPage: 1 },
	maxPageSize: 100,
	read: readRecordingsPage,
	idField: 'id',
};
