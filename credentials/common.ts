import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/** Where the token travels. Each credential offers only the schemes its service accepts. */
export type TokenScheme =
	| 'bearer'
	| 'xApiToken'
	| 'apiTokenHeader'
	| 'apiTokenAuthorization'
	| 'query';

export function baseUrlProperty(
	placeholder: string,
	description: string,
	defaultValue = '',
): INodeProperties {
	return {
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: defaultValue,
		placeholder,
		required: true,
		description,
	};
}

export function apiTokenProperty(displayName: string, description: string): INodeProperties {
	return {
		displayName,
		name: 'apiToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description,
	};
}

export const allowUnauthorizedCertsProperty: INodeProperties = {
	displayName: 'Ignore SSL Issues (Insecure)',
	name: 'allowUnauthorizedCerts',
	type: 'boolean',
	default: false,
	description:
		'Whether to connect even if SSL certificate validation is not possible (self-signed certificates on home servers)',
};

/** Adds the token to a request, keeping the headers and query the node set. */
export function applyToken(
	requestOptions: IHttpRequestOptions,
	scheme: TokenScheme,
	token: string,
): IHttpRequestOptions {
	if (scheme === 'query') {
		return { ...requestOptions, qs: { ...(requestOptions.qs ?? {}), token } };
	}
	const headers: Record<string, string> = {
		bearer: { Authorization: `Bearer ${token}` },
		xApiToken: { 'X-API-Token': token },
		apiTokenHeader: { 'API-Token': token },
		apiTokenAuthorization: { Authorization: `APIToken ${token}` },
	}[scheme];
	return { ...requestOptions, headers: { ...(requestOptions.headers ?? {}), ...headers } };
}

export function tokenOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.apiToken ?? '');
}
