import type { IExecuteFunctions } from 'n8n-workflow';

import { bodyExcerpt } from '../../../shared/errors';
import type { Operation } from '../../../shared/operation';
import type { ServiceClient } from '../../../shared/transport';
import { bookOrManualRequestLocator } from '../../locators';

export const requestStartAutoDownload: Operation = {
	option: {
		name: 'Start Auto-Download',
		value: 'startAutoDownload',
		action: 'Start the auto-download of a requested book',
		description:
			'Ask AudioBookRequest to search its indexers (Prowlarr) and download the best source for a book (trusted or admin key). Use it after Create, since API-created requests do not start it themselves.',
	},
	properties: [bookOrManualRequestLocator.property()],
	async execute(this: IExecuteFunctions, client: ServiceClient, itemIndex: number) {
		const asin = bookOrManualRequestLocator.read(this, itemIndex);
		const label = `POST /api/requests/${asin}/auto-download`;
		const response = await client.send<string>({
			method: 'POST',
			path: `/requests/${asin}/auto-download`,
			expect: 'text',
		});
		// Failures come back as HTTP 200 with an HTML toast fragment instead of an error status; a missing Prowlarr
		// setup as a redirect, which the profile's redirect rules explain.
		const contentType = String(response.headers['content-type'] ?? '');
		const text = typeof response.body === 'string' ? response.body.trim() : '';
		if (response.status !== 204 && (/html/i.test(contentType) || /^\s*</.test(text))) {
			throw client.error({
				status: response.status,
				message: `AudioBookRequest could not start the auto-download of ${asin}`,
				serviceMessage: bodyExcerpt(text, 300) || undefined,
				hint: 'Check that AudioBookRequest knows this book (it was requested or found by a search) and that its indexers return sources for it (Request → Get Sources).',
				request: label,
			});
		}
		return { asin, autoDownloadStarted: true };
	},
};
