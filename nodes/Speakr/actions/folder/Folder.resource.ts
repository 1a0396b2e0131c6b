import type { Resource } from '../../../shared/operation';
import { createFolder } from './create';
import { deleteFolder } from './delete';
import { getFolder } from './get';
import { getManyFolders } from './getMany';
import { updateFolder } from './update';

export const folderResource: Resource = {
	option: {
		name: 'Folder',
		value: 'folder',
		description: 'Folders that group recordings (when the admin has enabled them)',
	},
	defaultOperation: 'getAll',
	operations: [createFolder, deleteFolder, getFolder, getManyFolders, updateFolder],
};
