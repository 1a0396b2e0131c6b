import type { Resource } from '../../../shared/operation';
import { getSeries } from './get';
import { getManySeries } from './getMany';

export const seriesResource: Resource = {
	option: { name: 'Series', value: 'series', description: 'Book series of a library' },
	defaultOperation: 'getAll',
	operations: [getManySeries, getSeries],
};
