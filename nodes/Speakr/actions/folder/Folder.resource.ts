import type { Resource } from '../../../shared/operation';
import { folderCreate } from './create';
import { folderDelete } from './delete';
import { folderGet } from './get';
import { folderGetAll } from './getAll';
import { folderUpdate } from './update';

export const folderResource: Resource = {
	option: {
		name: 'Folder',
		value: 'folder',
		description: 'Folders that group recordings (when the admin has enabled them)',
	},
	defaultOperation: 'getAll',
	operations: [folderCreate, folderDelete, folderGet, folderGetAll, folderUpdate],
};
