import { LoadOptionsContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type ILoadOptionsFunctions,
	type INode,
	type INodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { Audiobookshelf } from '../../../nodes/Audiobookshelf/Audiobookshelf.node';
import {
	BOOK_LIBRARY_ID,
	FIXTURE_BOOK_ID,
	PODCAST_ITEM_ID,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../../fakes/audiobookshelf.cjs';
import { PACKAGE, RealCredentialsHelper } from '../../harness/engine.cjs';
import { credentialsFor } from '../common.cjs';

let abs: FakeAudiobookshelf;
beforeAll(async () => {
	abs = await startFakeAudiobookshelf({ books: 30 });
});
afterAll(async () => await abs.close());
beforeEach(() => abs.resetStats());

/** The editor's resource-locator search, in n8n-core's real LoadOptionsContext with the real credential. */
function loadOptionsContext(): ILoadOptionsFunctions {
	const nodeType: INodeType = new Audiobookshelf();
	const node: INode = {
		id: 'ls',
		name: 'Audiobookshelf',
		type: `${PACKAGE}.audiobookshelf`,
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'libraryItem', operation: 'get' },
		credentials: { audiobookshelfApi: { id: 'audiobookshelfApi-id', name: 'audiobookshelfApi' } },
	};
	const workflow = new Workflow({
		id: 'ls',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		} as never,
	});
	const additionalData = {
		credentialsHelper: new RealCredentialsHelper(
			credentialsFor(abs) as Record<string, ICredentialDataDecryptedObject>,
		),
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(
		workflow,
		node,
		additionalData,
		'parameters.libraryItemId',
	) as unknown as ILoadOptionsFunctions;
}

const search = async (
	method: 'searchLibraries' | 'searchLibraryItems' | 'searchPodcasts',
	filter?: string,
) => await new Audiobookshelf().methods.listSearch[method].call(loadOptionsContext(), filter);

describe('Audiobookshelf resource locator searches', () => {
	test('libraries by name, with media type and web URL', async () => {
		const { results } = await search('searchLibraries', 'boo');
		expect(results).toEqual([
			{
				name: 'Books (books)',
				value: BOOK_LIBRARY_ID,
				url: `${abs.url}/library/${BOOK_LIBRARY_ID}`,
			},
		]);
	});

	test('items: newest first without a filter, the library search with one', async () => {
		const recent = await search('searchLibraryItems');
		expect(recent.results.length).toBe(31);
		expect(
			abs.stats.log.some(
				(entry) => entry.query.includes('sort=addedAt') && entry.query.includes('desc=1'),
			),
		).toBe(true);
		const found = await search('searchLibraryItems', 'Second');
		expect(found.results.map((result) => result.value)).toEqual([FIXTURE_BOOK_ID]);
		expect(found.results[0].name).toBe('Second Story — John Roe (Books)');
	});

	test('podcasts only look in podcast libraries', async () => {
		const { results } = await search('searchPodcasts');
		expect(results.map((result) => result.value)).toEqual([PODCAST_ITEM_ID]);
		expect(abs.stats.log.some((entry) => entry.path.includes(BOOK_LIBRARY_ID))).toBe(false);
	});
});
