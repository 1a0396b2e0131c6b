import type { Resource } from '../../../shared/operation';
import { getFolder } from './get';
import { getManyFolders } from './getMany';

export const folderResource: Resource = {
	option: {
		name: 'Folder',
		value: 'folder',
		description: 'Folders that group recordings (when the admin has enabled them)',
	},
	defaultOperation: 'getAll',
	operations: [getFolder, getManyFolders],
};
