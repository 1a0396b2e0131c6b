import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { AudioBookRequest } from '../../../nodes/AudioBookRequest/AudioBookRequest.node';
import {
	ABR_BOOKS,
	createAbrState,
	startFakeAudioBookRequest,
	type FakeAudioBookRequest,
} from '../../fakes/audiobookrequest.cjs';
import { NodeHost } from '../../harness/contexts.cjs';
import { calls, credentials } from '../helpers.cjs';

let abr: FakeAudioBookRequest;
beforeAll(async () => {
	abr = await startFakeAudioBookRequest();
});
afterAll(async () => await abr.close());
beforeEach(() => {
	Object.assign(abr.state, createAbrState());
	abr.resetStats();
});

/** The node's listSearch methods in n8n-core's real LoadOptionsContext, with the real credential. */
function context(): ILoadOptionsFunctions {
	const host = new NodeHost({
		node: new AudioBookRequest(),
		parameters: { resource: 'request', operation: 'delete' },
		credentials: credentials(abr),
	});
	return host.loadOptionsContext('parameters.asin');
}

const search = new AudioBookRequest().methods.listSearch;

test('searchCatalog: no call for an empty filter; search results by ASIN', async () => {
	expect(await search.searchCatalog.call(context(), '')).toEqual({ results: [] });
	expect(abr.stats.requests).toBe(0);
	const found = await search.searchCatalog.call(context(), 'omens');
	expect(found.results).toEqual([
		{ name: 'Good Omens — Terry Pratchett, Neil Gaiman (B00B5HZGUG)', value: 'B00B5HZGUG' },
	]);
	expect(calls(abr)).toEqual(['GET /api/search?q=omens&num_results=20&page=0']);
});

test('searchRequestedBooks filters the one request list by title/author/ASIN', async () => {
	abr.state.requests.push(
		{ asin: ABR_BOOKS.dune.asin, user_username: 'guest', updated_at: 'x' },
		{ asin: ABR_BOOKS.goodOmens.asin, user_username: 'guest', updated_at: 'x' },
	);
	const found = await search.searchRequestedBooks.call(context(), 'herbert');
	expect(found.results.map((r) => r.value)).toEqual([ABR_BOOKS.dune.asin]);
});

test('searchUsers reads /api/users/ 100 at a time', async () => {
	const found = await search.searchUsers.call(context(), 'tru');
	expect(found.results).toEqual([{ name: 'trusty (trusted)', value: 'trusty' }]);
	expect(found.paginationToken).toBeUndefined();
	expect(calls(abr)).toEqual(['GET /api/users/?limit=100&offset=0']);
});

test('searchManualRequests', async () => {
	abr.state.manual.push({
		id: '3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f',
		user_username: 'guest',
		title: 'Obscure',
		subtitle: null,
		authors: ['A'],
		narrators: [],
		publish_date: null,
		additional_info: null,
		updated_at: 'x',
		downloaded: false,
	});
	const found = await search.searchManualRequests.call(context(), 'obsc');
	expect(found.results).toEqual([
		{ name: 'Obscure — A (by guest)', value: '3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f' },
	]);
});
