import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { ServiceClient } from '../../shared/transport';
import { inputError } from '../../shared/inputError';
import { requireText } from '../../shared/validate';

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
		throw inputError(context.getNode(), `Region "${value}" is not one AudioBookRequest knows`, {
			itemIndex,
			description: `Use one of: ${REGIONS.join(', ')}, or leave it empty for the server's default region.`,
		});
	}
	return value;
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

/** The search text of Search and Get Suggestions. */
export function queryProperty(placeholder: string, description: string): INodeProperties {
	return {
		displayName: 'Query',
		name: 'query',
		type: 'string',
		default: '',
		required: true,
		placeholder,
		description,
	};
}

export function readQuery(context: IExecuteFunctions, itemIndex: number): string {
	const raw = context.getNodeParameter('query', itemIndex, '');
	return requireText(context.getNode(), raw, 'Query', itemIndex);
}
