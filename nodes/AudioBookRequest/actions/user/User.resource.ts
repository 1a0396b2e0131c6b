import type { Resource } from '../../../shared/operation';
import { createUser } from './create';
import { deleteUser } from './delete';
import { getUser } from './get';
import { getCurrentUser } from './getCurrent';
import { getManyUsers } from './getMany';
import { updateUser } from './update';

export const userResource: Resource = {
	option: {
		name: 'User',
		value: 'user',
		description:
			'AudioBookRequest accounts and their groups (all but Get Current need an admin key)',
	},
	defaultOperation: 'getCurrent',
	operations: [getCurrentUser, getManyUsers, getUser, createUser, updateUser, deleteUser],
};
