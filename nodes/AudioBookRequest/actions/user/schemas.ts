import type { IDataObject, INodeProperties } from 'n8n-workflow';
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

export const groupField: INodeProperties = {
	displayName: 'Group',
	name: 'group',
	type: 'options',
	options: GROUP_OPTIONS,
	default: 'untrusted',
};

export const passwordField: INodeProperties = {
	displayName: 'Password',
	name: 'password',
	type: 'string',
	typeOptions: { password: true },
	default: '',
};

/** Free text AudioBookRequest keeps with the user and hands to notifications. */
export function extraDataField(example = ''): INodeProperties {
	return {
		displayName: 'Extra Data',
		name: 'extraData',
		type: 'string',
		default: '',
		description: `Free text stored with the user, available to notifications as {eventUserExtraData}${example}`,
	};
}
