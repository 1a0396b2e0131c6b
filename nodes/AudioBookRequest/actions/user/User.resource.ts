import type { Resource } from '../../../shared/operation';
import { userCreate } from './create';
import { userDelete } from './delete';
import { userGet } from './get';
import { userGetCurrent } from './getCurrent';
import { userGetAll } from './getAll';
import { userUpdate } from './update';

export const userResource: Resource = {
	option: {
		name: 'User',
		value: 'user',
		description:
			'AudioBookRequest accounts and their groups (all but Get Current need an admin key)',
	},
	defaultOperation: 'getCurrent',
	operations: [userGetCurrent, userGetAll, userGet, userCreate, userUpdate, userDelete],
};
