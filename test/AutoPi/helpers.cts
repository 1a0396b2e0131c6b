import type { IDataObject } from 'n8n-workflow';

import { AUTOPI_EMAIL, AUTOPI_PASSWORD, AUTOPI_TOKEN, type FakeAutoPi } from '../fakes/autopi.cjs';

export function tokenCredentials(fake: FakeAutoPi, overrides: IDataObject = {}) {
	return {
		autoPiApi: {
			baseUrl: fake.url,
			authType: 'apiToken',
			apiToken: AUTOPI_TOKEN,
			email: '',
			password: '',
			sessionToken: '',
			allowUnauthorizedCerts: false,
			...overrides,
		},
	};
}

export function loginCredentials(fake: FakeAutoPi, overrides: IDataObject = {}) {
	return {
		autoPiApi: {
			baseUrl: fake.url,
			authType: 'emailPassword',
			apiToken: '',
			email: AUTOPI_EMAIL,
			password: AUTOPI_PASSWORD,
			sessionToken: '',
			allowUnauthorizedCerts: false,
			...overrides,
		},
	};
}

export const locator = (value: string, mode = 'id') => ({ __rl: true, mode, value });

/** Query of a logged request as an object. */
export function queryOf(entry: { query: string }): Record<string, string> {
	return Object.fromEntries(new URLSearchParams(entry.query));
}
