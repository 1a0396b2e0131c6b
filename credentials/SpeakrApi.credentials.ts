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
		{
			displayName: 'Send Token As',
			name: 'authScheme',
			type: 'options',
			default: 'bearer',
			options: [
				{
					name: 'API-Token Header',
					value: 'apiTokenHeader',
					description: 'Sends API-Token: <token>',
				},
				{
					name: 'Authorization: Bearer Header',
					value: 'bearer',
					description: 'Sends Authorization: Bearer <token> (recommended)',
				},
				{
					name: 'Query Parameter ?token=',
					value: 'query',
					description:
						'Appends ?token=<token>; Speakr accepts it on reads only, so writes may fail',
				},
				{
					name: 'X-API-Token Header',
					value: 'xApiToken',
					description: 'Sends X-API-Token: <token>, for proxies that strip Authorization',
				},
			],
			description: 'How the token is sent. Speakr accepts all four; a header is recommended.',
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
