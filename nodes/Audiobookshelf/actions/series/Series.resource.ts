import type { Resource } from '../../../shared/operation';
import { seriesGet } from './get';
import { seriesGetAll } from './getAll';

export const seriesResource: Resource = {
	option: { name: 'Series', value: 'series', description: 'Book series of a library' },
	defaultOperation: 'getAll',
	operations: [seriesGetAll, seriesGet],
};
