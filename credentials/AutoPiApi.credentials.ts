import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	allowUnauthorizedCertsProperty,
	apiTokenProperty,
	authenticateWithToken,
	baseUrlProperty,
	credentialTest,
} from './common';

export class AutoPiApi implements ICredentialType {
	name = 'autoPiApi';

	displayName = 'AutoPi API';

	icon: Icon = { light: 'file:../icons/autopi.svg', dark: 'file:../icons/autopi.dark.svg' };

	documentationUrl = 'https://github.com/selfhosted-apps/n8n-nodes-selfhosted-apps#autopi';

	properties: INodeProperties[] = [
		baseUrlProperty(
			'e.g. https://api.autopi.io',
			'AutoPi API address. Keep the default unless your business account has a dedicated environment with its own API host.',
			'https://api.autopi.io',
		),
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			default: 'apiToken',
			options: [
				{
					name: 'API Token',
					value: 'apiToken',
					description: 'Sends Authorization: APIToken <token> (recommended)',
				},
				{
					name: 'Email and Password',
					value: 'emailPassword',
					description:
						'Logs in at /auth/login/ and renews the session token when it expires; accounts with MFA may not work',
				},
			],
		},
		{
			...apiTokenProperty(
				'API Token',
				'Create it in the AutoPi Cloud under Account → API Tokens (it can have an expiry date)',
			),
			displayOptions: { show: { authType: ['apiToken'] } },
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			displayOptions: { show: { authType: ['emailPassword'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authType: ['emailPassword'] } },
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		allowUnauthorizedCertsProperty,
	];

	/** Email + password mode: n8n calls this when the session token is empty or was refused (401). */
	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		if (credentials.authType !== 'emailPassword') return {};
		const baseUrl = String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, '');
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${baseUrl}/auth/login/`,
			body: { email: credentials.email, password: credentials.password },
			json: true,
			disableFollowRedirect: true,
			skipSslCertificateValidation: credentials.allowUnauthorizedCerts === true,
			// The node's Timeout option does not reach the sign-in; a hung login must not hang the execution.
			timeout: 30_000,
		})) as IDataObject;
		return { sessionToken: String(response.token ?? '') };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		if (credentials.authType === 'emailPassword') {
			return {
				...requestOptions,
				headers: {
					...(requestOptions.headers ?? {}),
					Authorization: `Bearer ${String(credentials.sessionToken ?? '')}`,
				},
			};
		}
		return await authenticateWithToken(credentials, requestOptions, 'apiTokenAuthorization');
	}

	test: ICredentialTestRequest = credentialTest(
		'AutoPi',
		'/auth/user/',
		{
			400: 'AutoPi refused the email or password. Check them, or use an API token (accounts with two-factor sign-in cannot log in this way).',
			401: 'AutoPi refused the API token: it is wrong or expired. Create a new one in the AutoPi Cloud under Account → API Tokens.',
		},
		['email'],
	);
}
