import type { INodeProperties } from 'n8n-workflow';

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
