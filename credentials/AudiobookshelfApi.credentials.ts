import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	allowUnauthorizedCertsProperty,
	apiTokenProperty,
	applyToken,
	baseUrlProperty,
	tokenOf,
	type TokenScheme,
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
		{
			displayName: 'Send Token As',
			name: 'authScheme',
			type: 'options',
			default: 'bearer',
			options: [
				{
					name: 'Authorization: Bearer Header',
					value: 'bearer',
					description: 'Sends Authorization: Bearer <key> (recommended)',
				},
				{
					name: 'Query Parameter ?token=',
					value: 'query',
					description: 'Appends ?token=<key>, for proxies that strip Authorization',
				},
			],
			description: 'How the key is sent. Audiobookshelf accepts both.',
		},
		allowUnauthorizedCertsProperty,
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return applyToken(
			requestOptions,
			(credentials.authScheme as TokenScheme) ?? 'bearer',
			tokenOf(credentials),
		);
	}
}
