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

export class AudiobookshelfApi implements ICredentialType {
	name = 'audiobookshelfApi';

	displayName = 'Audiobookshelf API';

	icon: Icon = {
		light: 'file:../icons/audiobookshelf.svg',
		dark: 'file:../icons/audiobookshelf.dark.svg',
	};

	documentationUrl = 'https://github.com/selfhosted-apps/n8n-nodes-selfhosted-apps#audiobookshelf';

	properties: INodeProperties[] = [
		baseUrlProperty(
			'e.g. https://abs.example.com',
			'Address of your Audiobookshelf server, without /api (a sub-path such as /audiobookshelf is kept)',
		),
		apiTokenProperty(
			'API Key',
			'An admin creates it under Settings → API Keys (Audiobookshelf 2.26+). It acts as the user it is assigned to and must be active: a key created inactive is always refused.',
		),
		sendTokenAsProperty('How the key is sent. Audiobookshelf accepts both.', [
			['bearer', 'Sends Authorization: Bearer <key> (recommended)'],
			['query', 'Appends ?token=<key>, for proxies that strip Authorization'],
		]),
		allowUnauthorizedCertsProperty,
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return await authenticateWithToken(credentials, requestOptions);
	}

	test: ICredentialTestRequest = credentialTest(
		'Audiobookshelf',
		'/api/me',
		{
			401: 'Audiobookshelf refused the API key: it is wrong, expired or inactive (a key created inactive is always refused). Check it under Settings → API Keys.',
		},
		['username', 'type'],
	);
}
