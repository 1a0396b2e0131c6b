import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import type { ServiceClient } from '../../shared/transport';
import { UUID_ID, requireId } from '../../shared/validate';

/** Audible regions AudioBookRequest accepts (its `audible_region_type`). */
export const REGIONS = ['us', 'ca', 'uk', 'au', 'fr', 'de', 'jp', 'it', 'in', 'es', 'br'] as const;

const REGION_NAMES: Record<(typeof REGIONS)[number], string> = {
	au: 'Australia',
	br: 'Brazil',
	ca: 'Canada',
	de: 'Germany',
	es: 'Spain',
	fr: 'France',
	in: 'India',
	it: 'Italy',
	jp: 'Japan',
	uk: 'United Kingdom',
	us: 'United States',
};

// n8n lists options alphabetically; "Server Default" (the default) takes its place among them.
export const regionOptions: INodePropertyOptions[] = [
	{ name: 'Server Default', value: '' },
	...REGIONS.map((code) => ({ name: `${REGION_NAMES[code]} (${code})`, value: code })),
].sort((a, b) => a.name.localeCompare(b.name));

export function regionProperty(description: string): INodeProperties {
	return {
		displayName: 'Region',
		name: 'region',
		type: 'options',
		options: regionOptions,
		default: '',
		description,
	};
}

/** Reads the Region parameter; '' = the server's configured region (the parameter is left out). */
export function readRegion(
	context: IExecuteFunctions,
	itemIndex: number,
	name = 'region',
): string | undefined {
	const value = String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!value) return undefined;
	if (!(REGIONS as readonly string[]).includes(value)) {
		throw new NodeOperationError(
			context.getNode(),
			`Region "${value}" is not one AudioBookRequest knows [item ${itemIndex}]`,
			{
				itemIndex,
				description: `Use one of: ${REGIONS.join(', ')}, or leave it empty for the server's default region.`,
			},
		);
	}
	return value;
}

/** An Audible ASIN: 10 letters or digits (e.g. B002V1OF70). AudioBookRequest stores them upper case. */
export const ASIN_PATTERN = /^[A-Z0-9]{10}$/;

const AUDIBLE_URL_REGEX =
	'^https?://(?:www\\.)?audible\\.[a-z.]+/pd/(?:[^/?#]+/)?([A-Za-z0-9]{10})(?:[/?#].*)?$';

/** Book picker: requested books or catalogue search in "From List", an ASIN, or an Audible URL. */
export function asinLocator(options: {
	searchListMethod: 'searchCatalog' | 'searchRequestedBooks';
	description: string;
	allowUuid?: boolean;
}): INodeProperties {
	return {
		displayName: options.allowUuid ? 'Book (ASIN or Manual Request ID)' : 'Book',
		name: 'asin',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a book…',
				typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
			},
			{
				displayName: options.allowUuid ? 'By ASIN or ID' : 'By ASIN',
				name: 'id',
				type: 'string',
				placeholder: options.allowUuid
					? 'e.g. B002V1OF70 or a manual request UUID'
					: 'e.g. B002V1OF70',
			},
			{
				displayName: 'By Audible URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://www.audible.com/pd/Dune-Audiobook/B002V1OF70',
				extractValue: { type: 'regex', regex: AUDIBLE_URL_REGEX },
				validation: [
					{
						type: 'regex',
						properties: {
							regex: AUDIBLE_URL_REGEX,
							errorMessage: 'Not an Audible book URL (…/pd/<title>/<ASIN>)',
						},
					},
				],
			},
		],
	};
}

/** Reads the book locator and refuses anything that is not an ASIN (or, where allowed, a manual-request UUID). */
export function readAsin(context: IExecuteFunctions, itemIndex: number, allowUuid = false): string {
	const node = context.getNode();
	const raw = context.getNodeParameter('asin', itemIndex, '', { extractValue: true }) as unknown;
	const value = (
		typeof raw === 'object' && raw !== null
			? String((raw as IDataObject).value ?? '')
			: String(raw ?? '')
	).trim();
	if (!value) {
		fail(
			node,
			itemIndex,
			'The book ASIN is empty',
			'Pick the book from the list, enter its ASIN (10 letters or digits, e.g. B002V1OF70) or map it from an earlier node, e.g. {{ $json.book.asin }}.',
		);
	}
	if (allowUuid && UUID_ID.pattern!.test(value)) return value.toLowerCase();
	const asin = value.toUpperCase();
	if (!ASIN_PATTERN.test(asin)) {
		fail(
			node,
			itemIndex,
			`The book ASIN "${value.slice(0, 60)}" is not valid`,
			`An ASIN is 10 letters or digits, e.g. B002V1OF70 (the last part of an Audible book URL)${allowUuid ? ', or use the UUID of a manual request' : ''}.`,
		);
	}
	return asin;
}

/** Usernames are path segments: any text up to 100 characters, but no slash (the server would not route it). */
export function readUsername(
	context: IExecuteFunctions,
	itemIndex: number,
	name = 'username',
): string {
	const node = context.getNode();
	const raw = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const value = (
		typeof raw === 'object' && raw !== null
			? String((raw as IDataObject).value ?? '')
			: String(raw ?? '')
	).trim();
	if (!value)
		fail(
			node,
			itemIndex,
			'Username is empty',
			'Pick the user from the list or enter the username.',
		);
	if (value.length > 100)
		fail(
			node,
			itemIndex,
			'Username is longer than 100 characters',
			'AudioBookRequest usernames have at most 100 characters.',
		);
	if (/[/\\?#]/.test(value) || [...value].some((char) => char.charCodeAt(0) < 32)) {
		fail(
			node,
			itemIndex,
			`Username "${value.slice(0, 60)}" contains a character that cannot be used in a URL path (/, \\, ?, # or a control character)`,
			'Check the username.',
		);
	}
	return value;
}

/** Manual requests are identified by a UUID. */
export function readManualRequestId(context: IExecuteFunctions, itemIndex: number): string {
	const raw = context.getNodeParameter('manualRequestId', itemIndex, '', {
		extractValue: true,
	}) as unknown;
	const value = typeof raw === 'object' && raw !== null ? (raw as IDataObject).value : raw;
	return requireId(
		context.getNode(),
		value,
		{ label: 'Manual Request ID', ...UUID_ID },
		itemIndex,
	).toLowerCase();
}

export const manualRequestLocator: INodeProperties = {
	displayName: 'Manual Request',
	name: 'manualRequestId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		'The manual request (a book entered by hand in AudioBookRequest, identified by a UUID)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a manual request…',
			typeOptions: { searchListMethod: 'searchManualRequests', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f',
		},
	],
};

export const usernameLocator: INodeProperties = {
	displayName: 'User',
	name: 'username',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The AudioBookRequest user',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a user…',
			typeOptions: { searchListMethod: 'searchUsers', searchable: true },
		},
		{
			displayName: 'By Username',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. alice',
		},
	],
};

function fail(node: INode, itemIndex: number, message: string, description: string): never {
	throw new NodeOperationError(node, `${message} [item ${itemIndex}]`, { itemIndex, description });
}

/** Who the API key belongs to; asked at most once per execution (every call costs the server an argon2 check). */
const currentUsers = new WeakMap<object, Promise<IDataObject>>();

export async function currentUser(
	context: IExecuteFunctions,
	client: ServiceClient,
): Promise<IDataObject> {
	let pending = currentUsers.get(context);
	if (!pending) {
		pending = client.request<IDataObject>({ method: 'GET', path: '/users/me' });
		currentUsers.set(context, pending);
		pending.catch(() => currentUsers.delete(context));
	}
	return await pending;
}

/** Reads a list body that must be an array, or raises an "unexpected shape" error. */
export function asArray(client: ServiceClient, body: unknown, request: string): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	throw client.error({
		message: 'AudioBookRequest returned a list in an unexpected shape',
		hint: 'The server version may not be supported (this node follows AudioBookRequest 1.10). Please report it with the server version.',
		request,
	});
}
