import type { Resource } from '../../../shared/operation';
import { folderGet } from './get';
import { folderGetAll } from './getAll';

export const folderResource: Resource = {
	option: {
		name: 'Folder',
		value: 'folder',
		description: 'Folders that group recordings (when the admin has enabled them)',
	},
	defaultOperation: 'getAll',
	operations: [folderGet, folderGetAll],
};
