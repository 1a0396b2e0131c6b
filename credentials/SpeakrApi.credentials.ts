import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
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
	sendTokenAsProperty,
} from './common';

export class SpeakrApi implements ICredentialType {
	name = 'speakrApi';

	displayName = 'Speakr API';

	icon: Icon = { light: 'file:../icons/speakr.svg', dark: 'file:../icons/speakr.dark.svg' };

	documentationUrl = 'https://github.com/selfhosted-apps/n8n-nodes-selfhosted-apps#speakr';

	properties: INodeProperties[] = [
		baseUrlProperty(
			'e.g. https://speakr.example.com',
			'Address of your Speakr server, without /api/v1 (a sub-path such as /speakr is kept)',
		),
		apiTokenProperty(
			'API Token',
			'Create one in Speakr under Settings → API Tokens. It is shown only once.',
		),
		sendTokenAsProperty(
			'How the token is sent. Speakr accepts all four; a header is recommended.',
			[
				['apiTokenHeader', 'Sends API-Token: <token>'],
				['bearer', 'Sends Authorization: Bearer <token> (recommended)'],
				['query', 'Appends ?token=<token>; Speakr accepts it on reads only, so writes may fail'],
				['xApiToken', 'Sends X-API-Token: <token>, for proxies that strip Authorization'],
			],
		),
		allowUnauthorizedCertsProperty,
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return await authenticateWithToken(credentials, requestOptions);
	}

	// Speakr answers a bad token with 302 → /login: not following redirects makes that a failed test.
	test: ICredentialTestRequest = credentialTest(
		'Speakr',
		'/api/v1/users/me',
		{
			302: 'Speakr sent the request to its sign-in page: the API token is wrong, expired or revoked. Create a new one in Speakr under Settings → API Tokens.',
		},
		['username', 'preferences'],
	);
}
