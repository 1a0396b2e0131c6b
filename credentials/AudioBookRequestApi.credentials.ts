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
} from './common';

export class AudioBookRequestApi implements ICredentialType {
	name = 'audioBookRequestApi';

	displayName = 'AudioBookRequest API';

	icon: Icon = {
		light: 'file:../icons/audiobookrequest.svg',
		dark: 'file:../icons/audiobookrequest.dark.svg',
	};

	documentationUrl =
		'https://github.com/selfhosted-apps/n8n-nodes-selfhosted-apps#audiobookrequest';

	properties: INodeProperties[] = [
		baseUrlProperty(
			'e.g. https://abr.example.com',
			'Address of your AudioBookRequest server, without /api (include the sub-path if it runs under one)',
		),
		apiTokenProperty(
			'API Key',
			'Create it in AudioBookRequest under Settings → Account → API Keys. It is shown once; to revoke it, delete it (disabling has no effect). Sent as Authorization: Bearer, the only scheme AudioBookRequest accepts.',
		),
		allowUnauthorizedCertsProperty,
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return await authenticateWithToken(credentials, requestOptions, 'bearer');
	}

	test: ICredentialTestRequest = credentialTest(
		'AudioBookRequest',
		'/api/users/me',
		{
			401: 'AudioBookRequest refused the API key: it is wrong or was deleted. Create a new one under Settings → Account → API Keys.',
		},
		['username', 'group'],
	);
}
