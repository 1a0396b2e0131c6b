import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { asArray, currentUser, readRegion, regionProperty } from '../common';
import { bookLocator } from '../../locators';

export const CONFIRMED_NOTE =
	'AudioBookRequest answered 500 (an upstream bug in 1.10: its response fails validation after the request is saved). The node confirmed with the request list that the request exists. As with every request made through the API, no onNewRequest notification was sent and no auto-download was started.';

export const requestCreate: Operation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a book request',
		description:
			"Request an audiobook by its ASIN for the API key's user (find the ASIN with Book → Search). Requests made through the API send no onNewRequest notification and start no auto-download; use Start Auto-Download for that.",
	},
	properties: [
		bookLocator.property({
			searchListMethod: 'searchCatalog',
			description: 'The audiobook to request, by its Audible ASIN',
		}),
		regionProperty(
			'Audible store used to look the book up when AudioBookRequest has not cached it yet; Server Default uses the configured region',
		),
		{
			displayName: 'Treat Already Requested as Success',
			name: 'treatConflictAsSuccess',
			type: 'boolean',
			default: false,
			description:
				'Whether a book this user already requested (AudioBookRequest answers 409) is returned as a success with alreadyRequested = true instead of failing the item',
		},
	],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const asin = bookLocator.read(this, itemIndex);
		const region = readRegion(this, itemIndex);
		const treatConflictAsSuccess = this.getNodeParameter(
			'treatConflictAsSuccess',
			itemIndex,
			false,
		) as boolean;
		const label = `POST /api/requests/${asin}`;

		// Not idempotent: the transport never retries it once the server may have acted.
		const response = await client.send<unknown>({
			method: 'POST',
			path: `/requests/${asin}`,
			qs: region ? { region } : undefined,
			passStatuses: [409, 500],
		});

		if (response.status === 409) {
			if (treatConflictAsSuccess) return { asin, created: false, alreadyRequested: true };
			throw client.error({
				status: 409,
				message: `You already requested the book ${asin} (AudioBookRequest answered 409 Conflict: Book already requested)`,
				hint: 'Turn on "Treat Already Requested as Success" to let the workflow continue, or list your requests with Request → Get Many.',
				request: label,
			});
		}

		if (response.status === 500) {
			// Upstream bug: the request row is committed before the response fails validation. Confirm before calling it a success.
			const list = asArray(
				client,
				await client.request<unknown>({ method: 'GET', path: '/requests', qs: { filter: 'all' } }),
				'GET /api/requests',
			);
			const entry = list.find(
				(candidate) => (candidate.book as IDataObject | undefined)?.asin === asin,
			);
			const requesters = ((entry?.requests as IDataObject[] | undefined) ?? []).map(
				(request) => request.user_username,
			);
			let confirmed = false;
			if (entry) {
				const me = await currentUser(this, client);
				confirmed = requesters.includes(me.username);
			}
			if (!entry || !confirmed) {
				const text =
					typeof response.body === 'string'
						? response.body
						: client.profile.errorMessage(response.body);
				throw client.error({
					status: 500,
					message: `AudioBookRequest answered 500 Internal Server Error${text ? `: ${String(text).slice(0, 160)}` : ''}, and the request for ${asin} was not saved`,
					hint: 'The request list does not show it for this user. Check the AudioBookRequest logs (Audible lookup, database).',
					request: label,
				});
			}
			return {
				asin,
				created: true,
				alreadyRequested: false,
				confirmedAfterServerError: true,
				note: CONFIRMED_NOTE,
				...entry,
			};
		}

		// A fixed server answers 2xx with the book (declared Audiobook; really AudiobookWithRequests).
		const body = (response.body ?? {}) as IDataObject;
		return {
			asin,
			created: true,
			alreadyRequested: false,
			confirmedAfterServerError: false,
			...body,
		};
	},
};
