import type {
	IAuthenticateRuleResponseSuccessBody,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
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

const SCHEME_NAMES: Record<TokenScheme, string> = {
	apiTokenHeader: 'API-Token Header',
	bearer: 'Authorization: Bearer Header',
	query: 'Query Parameter ?token=',
	xApiToken: 'X-API-Token Header',
	apiTokenAuthorization: 'Authorization: APIToken Header',
};

/** "Send Token As": the schemes a service accepts, each with what it sends (in the order given). */
export function sendTokenAsProperty(
	description: string,
	schemes: Array<[TokenScheme, string]>,
): INodeProperties {
	return {
		displayName: 'Send Token As',
		name: 'authScheme',
		type: 'options',
		default: 'bearer',
		options: schemes.map(([value, sends]) => ({
			name: SCHEME_NAMES[value],
			value,
			description: sends,
		})),
		description,
	};
}

/** Sends the token as chosen under "Send Token As" (Bearer when the credential has no choice). */
export async function authenticateWithToken(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	scheme = (credentials.authScheme as TokenScheme | undefined) ?? 'bearer',
): Promise<IHttpRequestOptions> {
	return applyToken(requestOptions, scheme, tokenOf(credentials));
}

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

/**
 * Why a value cannot be sent as typed in a header or a URL, or undefined when it can. Leading and trailing
 * whitespace is trimmed before (a copied token often ends in a line break); anything else that is not printable
 * ASCII is refused rather than stripped or re-encoded, which would send a different token.
 */
export function verbatimProblem(value: string): string | undefined {
	if (value === '') return 'is empty';
	if (/\s/.test(value)) return 'contains whitespace or a line break';
	const isControl = (char: string) => {
		const code = char.charCodeAt(0);
		return code < 0x20 || (code >= 0x7f && code <= 0x9f);
	};
	if ([...value].some(isControl)) return 'contains a control character';
	if (/[\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/.test(value)) {
		return 'contains an invisible character (zero-width space or direction mark)';
	}
	if (/[^\x21-\x7e]/.test(value)) {
		return 'contains a character outside plain ASCII (an accented letter, a typographic quote or dash)';
	}
	return undefined;
}

/** The sentence shown when a credential value cannot be sent as typed; runs and the credential Test say the same. */
export function verbatimProblemMessage(label: string, problem: string): string {
	return `The credential's ${label} ${problem}. Paste the ${label} again exactly as the service shows it (copying from some pages adds spaces, line breaks or invisible characters).`;
}

/** The API token as it is sent: trimmed, and refused if it still cannot be sent as typed. */
export function tokenOf(credentials: ICredentialDataDecryptedObject, label = 'API token'): string {
	const token = String(credentials.apiToken ?? '').trim();
	const problem = verbatimProblem(token);
	if (problem) throw new Error(verbatimProblemMessage(label, problem));
	return token;
}

/**
 * Credential Test rules that fail when a 200 answer is not the service's own (another app at the Base URL answering
 * its HTML page, or any JSON): each listed field of the service's "current user" answer must be present.
 */
export function answerIsTheService(
	displayName: string,
	fields: string[],
): IAuthenticateRuleResponseSuccessBody[] {
	return fields.map((key) => ({
		type: 'responseSuccessBody',
		properties: {
			key,
			value: undefined,
			message: `The server at the Base URL answered, but not as ${displayName} does (its answer has no "${key}"): the Base URL points at another app, a proxy page or a wrong path. Check it in the credential (without /api).`,
		},
	}));
}

/**
 * The credential Test: GET `path` below the Base URL without following redirects (a sign-in redirect is a refusal).
 * Each refusal status gets its own message, and a 200 must be the service's own answer (`fields` present).
 */
export function credentialTest(
	displayName: string,
	path: string,
	refusals: Record<number, string>,
	fields: string[],
): ICredentialTestRequest {
	const refused = Object.entries(refusals).map(([status, message]) => ({
		type: 'responseCode',
		properties: { value: Number(status), message },
	}));
	return {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "")}}',
			url: path,
			disableFollowRedirect: true,
			skipSslCertificateValidation: '={{$credentials.allowUnauthorizedCerts}}',
		},
		// n8n's tester reads both kinds of rule from one list; the type allows one kind per list.
		rules: [
			...refused,
			...answerIsTheService(displayName, fields),
		] as unknown as ICredentialTestRequest['rules'],
	};
}
