import type { Resource } from '../../../shared/operation';
import { positionGetMostRecent } from './getMostRecent';

export const positionResource: Resource = {
	option: {
		name: 'Position',
		value: 'position',
		description: 'Last known GPS positions of devices',
	},
	defaultOperation: 'getMostRecent',
	operations: [positionGetMostRecent],
};
