import { Speakr } from '../../../nodes/Speakr/Speakr.node';
import { NodeHost } from '../../harness/contexts.cjs';
import { startFakeSpeakr, type FakeSpeakr } from '../../fakes/speakr.cjs';
import { requestLines, speakrCredentials } from '../helpers.cjs';

let speakr: FakeSpeakr;
beforeAll(async () => {
	speakr = await startFakeSpeakr({ recordings: 130 });
});
afterAll(async () => await speakr.close());
beforeEach(() => {
	speakr.resetStats();
	speakr.state.foldersEnabled = true;
});

describe('Speakr resource locator searches', () => {
	const host = () =>
		new NodeHost({
			node: new Speakr(),
			parameters: { resource: 'recording', operation: 'get' },
			credentials: speakrCredentials(speakr),
		});

	test('recordings: Speakr searches (q), 50 per page, newest first, with a page token', async () => {
		const node = new Speakr();
		const context = host().loadOptionsContext();
		const first = await node.methods.listSearch.searchRecordings.call(context);
		expect(first.results).toHaveLength(50);
		expect(first.results[0]).toEqual({
			name: expect.stringMatching(
				/^Meeting 130 \(2026-01-01, (completed|failed|pending|processing|summarizing)\)$/,
			),
			value: '130',
		});
		expect(first.paginationToken).toBe('2');
		const third = await node.methods.listSearch.searchRecordings.call(context, undefined, '3');
		expect(third.results).toHaveLength(30);
		expect(third.paginationToken).toBeUndefined();
		const found = await node.methods.listSearch.searchRecordings.call(context, ' Meeting 12 ');
		expect(found.results.map((r) => r.value)).toEqual([
			'129',
			'128',
			'127',
			'126',
			'125',
			'124',
			'123',
			'122',
			'121',
			'120',
			'12',
		]);
		expect(requestLines(speakr)).toEqual([
			'GET /api/v1/recordings?page=1&per_page=50&sort_by=created_at&sort_order=desc',
			'GET /api/v1/recordings?page=3&per_page=50&sort_by=created_at&sort_order=desc',
			'GET /api/v1/recordings?page=1&per_page=50&sort_by=created_at&sort_order=desc&q=Meeting%2012',
		]);
	});

	test('tags and folders are filtered by name', async () => {
		const node = new Speakr();
		const context = host().loadOptionsContext();
		expect((await node.methods.listSearch.searchTags.call(context, 'VIA')).results).toEqual([
			{ name: 'viaheader', value: '2' },
		]);
		expect((await node.methods.listSearch.searchFolders.call(context)).results).toEqual([
			{ name: 'Customers', value: '2' },
			{ name: 'Work', value: '1' },
		]);
	});

	test('a bad token in a list search is a clear error', async () => {
		const node = new Speakr();
		const bad = new NodeHost({
			node,
			parameters: {},
			credentials: speakrCredentials(speakr, { apiToken: 'nope-nope-nope' }),
		});
		await expect(node.methods.listSearch.searchTags.call(bad.loadOptionsContext())).rejects.toThrow(
			'Speakr rejected the API token',
		);
	});
});
