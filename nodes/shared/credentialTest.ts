import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunction,
	ICredentialTestFunctions,
	ICredentialType,
	IAllExecuteFunctions,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { SecretSet } from './redact';
import { API_TOKEN_CREDENTIAL, type ServiceProfile } from './service';
import { DEFAULT_REQUEST_SETTINGS } from './settings';
import { ServiceClient } from './transport';

/**
 * The credential Test, run by our own transport so it says what a run would say for the same failure (refused
 * connection, unknown host, TLS on a plain port, a wrong path, a refused token), with every secret redacted, and then
 * checks that the answer is the service's own. n8n calls it through the nodes' `testedBy` (see docs/architecture.md).
 */
export function credentialTestFor(
	profile: ServiceProfile,
	credentialType: ICredentialType,
): ICredentialTestFunction {
	return async function (
		this: ICredentialTestFunctions,
		credential: ICredentialsDecrypted,
	): Promise<INodeCredentialTestResult> {
		return await testCredential(profile, credentialType, this.helpers, credential);
	};
}

/** The one HTTP helper n8n gives a credential test (n8n's request-promise style options, run by its outbound layer). */
type LegacyRequest = ICredentialTestFunctions['helpers']['request'];

export async function testCredential(
	profile: ServiceProfile,
	credentialType: ICredentialType,
	helpers: ICredentialTestFunctions['helpers'],
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const check = profile.credentialCheck;
	const data = { ...(credential.data ?? {}) } as ICredentialDataDecryptedObject;
	const node: INode = {
		id: 'credential-test',
		name: `${profile.displayName} credential test`,
		type: profile.credentialType,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [profile.credentialType]: { id: credential.id ?? null, name: credential.name } },
	};
	// n8n gives a credential test no httpRequest, only this helper (n8n-io/n8n#25190; see docs/architecture.md).
	const context = testContext(node, credentialType, data, (options) => helpers.request(options));
	// One attempt: a Test that waits through retries looks hung.
	const client = new ServiceClient(context, profile, undefined, {
		...DEFAULT_REQUEST_SETTINGS,
		maxRetries: 0,
	});
	try {
		const body = await client.request<unknown>({ method: 'GET', path: check.path });
		const missing = check.fields.find(
			(field) => !body || typeof body !== 'object' || !(field in (body as IDataObject)),
		);
		if (missing !== undefined) {
			const withoutApiPath = profile.apiPath ? ` (without ${profile.apiPath})` : '';
			return {
				status: 'Error',
				message: `The server at the Base URL answered, but not as ${profile.displayName} does (its answer has no "${missing}"): the Base URL points at another app, a proxy page or a wrong path. Check it in the credential${withoutApiPath}.`,
			};
		}
		return { status: 'OK', message: 'Connection successful!' };
	} catch (error) {
		return { status: 'Error', message: redactAll(testMessage(error), profile, client, data) };
	}
}

/** A run's error as one text: what happened, then the details a run shows under it (the service's words, the fix, the request). */
function testMessage(error: unknown): string {
	const { message, description } = error as { message?: unknown; description?: unknown };
	return [message, description]
		.filter((part): part is string => typeof part === 'string' && part.trim() !== '')
		.map((part) => `${part.trim().replace(/\.+$/, '')}.`)
		.join(' ');
}

function redactAll(
	text: string,
	profile: ServiceProfile,
	client: ServiceClient,
	data: IDataObject,
): string {
	const secrets = new SecretSet();
	secrets.add(client.secretsForRedaction());
	const fields = (profile.credential ?? API_TOKEN_CREDENTIAL).secretFields;
	secrets.add(fields.map((field) => data[field]));
	secrets.add(
		fields.map((field) =>
			typeof data[field] === 'string' ? String(data[field]).trim() : undefined,
		),
	);
	return secrets.redact(text);
}

/**
 * The part of n8n's execution context the transport uses, over the credential test's request helper: the credential
 * signs in (`preAuthentication`, when its expirable field is empty or the server answered 401, once) and
 * authenticates every request, as n8n's httpRequestWithAuthentication does in runs.
 */
function testContext(
	node: INode,
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
	request: LegacyRequest,
): IAllExecuteFunctions {
	interface Answer {
		statusCode: number;
		headers: IDataObject;
		body: unknown;
	}
	// Every status comes back as an answer (`simple: false`); `answered` decides what is an error, as n8n's does.
	const send = async (options: IHttpRequestOptions) =>
		(await request(legacyOptions(options))) as Answer;
	const answered = (options: IHttpRequestOptions, response: Answer): unknown => {
		const status = response.statusCode;
		if (status >= 300 && !ignored(options, status)) {
			// Shaped like the errors of n8n's httpRequest, which the transport reads.
			throw Object.assign(new Error(`Request failed with status code ${status}`), {
				httpCode: String(status),
				response: { status, headers: response.headers, data: response.body },
			});
		}
		return options.returnFullResponse ? response : response.body;
	};
	const httpRequest = async (options: IHttpRequestOptions) =>
		answered(options, await send(options));
	const expirable = (credentialType.properties ?? []).find(
		(property) => property.typeOptions?.expirable === true,
	)?.name;
	const signIn = async () => {
		if (!credentialType.preAuthentication) return;
		const helpers = { helpers: { httpRequest } } as never;
		Object.assign(data, await credentialType.preAuthentication.call(helpers, data));
	};
	const authenticated = async (options: IHttpRequestOptions) => {
		const authenticate = credentialType.authenticate;
		return typeof authenticate === 'function' ? await authenticate(data, options) : options;
	};
	const httpRequestWithAuthentication = async (
		_type: string,
		options: IHttpRequestOptions,
	): Promise<unknown> => {
		const signsIn = expirable !== undefined && credentialType.preAuthentication !== undefined;
		const signedIn = signsIn && !data[expirable];
		if (signedIn) await signIn();
		let response = await send(await authenticated(options));
		// A refused session token: sign in again once and retry, as n8n does.
		if (response.statusCode === 401 && signsIn && !signedIn) {
			await signIn();
			response = await send(await authenticated(options));
		}
		return answered(options, response);
	};
	return {
		getNode: () => node,
		getCredentials: async () => data,
		helpers: { httpRequest, httpRequestWithAuthentication },
	} as unknown as IAllExecuteFunctions;
}

function ignored(options: IHttpRequestOptions, status: number): boolean {
	const rule = options.ignoreHttpStatusErrors as
		| boolean
		| { ignore?: boolean; except?: number[] }
		| undefined;
	if (rule === true) return true;
	if (rule && typeof rule === 'object')
		return rule.ignore === true && !rule.except?.includes(status);
	return false;
}

/** n8n's httpRequest options in the request-promise form the credential test helper takes. */
function legacyOptions(options: IHttpRequestOptions): IDataObject {
	const json = options.json === true;
	return {
		method: options.method ?? 'GET',
		uri: options.url,
		...(options.qs && Object.keys(options.qs).length ? { qs: options.qs } : {}),
		headers: options.headers ?? {},
		...(options.body === undefined ? {} : { body: options.body }),
		json,
		...(options.encoding === 'arraybuffer' ? { encoding: null } : {}),
		resolveWithFullResponse: true,
		// Every status comes back as an answer; httpRequest above decides what is an error, as n8n's does.
		simple: false,
		followRedirect: options.disableFollowRedirect !== true,
		rejectUnauthorized: options.skipSslCertificateValidation !== true,
		timeout: options.timeout ?? DEFAULT_REQUEST_SETTINGS.timeoutMs,
	};
}
