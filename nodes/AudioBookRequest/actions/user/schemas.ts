import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { recordArray, type ListPage } from '../../../shared/paginate';

const usersPageSchema = z.object({ users: recordArray, total: z.number() });

/** `GET /api/users/` → `{users, total}`. */
export function readUsersPage(body: unknown): ListPage | undefined {
	const parsed = usersPageSchema.safeParse(body);
	if (!parsed.success) return undefined;
	return { items: parsed.data.users as IDataObject[], total: parsed.data.total };
}

export const GROUP_OPTIONS = [
	{ name: 'Admin', value: 'admin', description: 'Everything, including users and settings' },
	{
		name: 'Trusted',
		value: 'trusted',
		description: 'Requests are downloaded automatically when auto-download is on',
	},
	{ name: 'Untrusted', value: 'untrusted', description: 'Requests wait for an admin' },
];
