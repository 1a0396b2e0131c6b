import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { ServiceClient } from '../shared/transport';
import { listLibraries } from './endpoints';
import { simplifyItem } from './helpers';
import { libraryLocator } from './locators';
import { searchLibraries } from './methods/listSearch';
import { credentialTest } from './credentialTest';
import { audiobookshelfProfile } from './profile';
import { createdCursor, type Cursor } from './trigger/cursor';
import { latestFinished, pollFinished, startFinishedCursor } from './trigger/itemFinished';
import { newestEpisode, pollNewEpisodes, startEpisodeCursor } from './trigger/newEpisode';
import { newestItem, pollNewItems, startItemCursor } from './trigger/newItem';
import { deadlineOf, type PollRun } from './trigger/run';

interface TriggerState extends IDataObject {
	/** Event + scope the cursors belong to; a change starts over from "now". */
	scope?: string;
	cursors?: IDataObject;
	/** Podcast item id → updatedAt when its episodes were last read (New Podcast Episode). */
	podcasts?: IDataObject;
}

export class AudiobookshelfTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Audiobookshelf Trigger',
		name: 'audiobookshelfTrigger',
		icon: {
			light: 'file:../../icons/audiobookshelf.svg',
			dark: 'file:../../icons/audiobookshelf.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow when a book or podcast is added, an item is finished, or a podcast episode arrives (polling)',
		defaults: { name: 'Audiobookshelf Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'audiobookshelfApi', required: true, testedBy: 'audiobookshelfApiTest' }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				default: 'newItem',
				options: [
					{
						name: 'Item Finished',
						value: 'itemFinished',
						description: "The API key's user finished a book or podcast episode",
					},
					{
						name: 'New Item Added',
						value: 'newItem',
						description: 'A book or podcast was added to a library',
					},
					{
						name: 'New Podcast Episode',
						value: 'newEpisode',
						description: 'An episode was downloaded or added to a podcast',
					},
				],
			},
			{
				displayName: 'Libraries',
				name: 'libraryScope',
				type: 'options',
				default: 'all',
				options: [
					{
						name: 'All Libraries',
						value: 'all',
						description:
							"Every library the API key's user can access, including ones created later",
					},
					{ name: 'One Library', value: 'one' },
				],
				displayOptions: { show: { event: ['newItem', 'newEpisode'] } },
			},
			{
				...libraryLocator.property({ description: 'The library to watch' }),
				displayOptions: { show: { event: ['newItem', 'newEpisode'], libraryScope: ['one'] } },
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					'Whether to return only the main fields of each item instead of the full media object',
				displayOptions: { show: { event: ['newItem', 'itemFinished'] } },
			},
		],
	};

	methods = { listSearch: { searchLibraries }, credentialTest };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event', 'newItem') as string;
		const scope =
			event === 'itemFinished' ? 'all' : (this.getNodeParameter('libraryScope', 'all') as string);
		const simplify = this.getNodeParameter('simplify', true) as boolean;
		const libraryId = scope === 'one' ? libraryLocator.read(this) : undefined;
		const client = new ServiceClient(this, audiobookshelfProfile);
		const budget = typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : undefined;
		const run: PollRun = { client, simplify, deadline: deadlineOf(budget) };
		const manual = this.getMode() === 'manual';
		const output = (records: IDataObject[]) =>
			records.length ? [this.helpers.returnJsonArray(records)] : null;
		const state = this.getWorkflowStaticData('node') as TriggerState;

		if (event === 'itemFinished') {
			if (manual) {
				const latest = await latestFinished(run);
				return latest ? output([latest]) : null;
			}
			const scopeKey = 'itemFinished';
			const stored =
				state.scope === scopeKey
					? ((state.cursors ?? {}).finished as Cursor | undefined)
					: undefined;
			if (!stored) {
				const cursor = await startFinishedCursor(run);
				state.scope = scopeKey;
				state.cursors = { finished: cursor as unknown as IDataObject };
				return null;
			}
			const result = await pollFinished(run, stored);
			state.cursors = { finished: result.cursor as unknown as IDataObject };
			return output(result.records);
		}

		const libraries = (await listLibraries(client)).filter(
			(library) =>
				(libraryId ? library.id === libraryId : true) &&
				(event === 'newEpisode' ? library.mediaType === 'podcast' : true),
		);
		if (libraryId && libraries.length === 0) {
			throw client.error({
				status: 404,
				message: `Library ${libraryId} was not found among the libraries the API key's user can access${event === 'newEpisode' ? ', or it is not a podcast library' : ''}`,
				hint: "Pick the library from the list, or check the user's library access in Audiobookshelf.",
				request: 'GET /api/libraries',
			});
		}
		const libraryIds = libraries.map((library) => String(library.id));

		if (manual) {
			if (event === 'newItem') {
				const item = await newestItem(run, libraryIds);
				return item ? output([simplify ? simplifyItem(item) : item]) : null;
			}
			const episode = await newestEpisode(run, libraryIds);
			return episode ? output([episode]) : null;
		}

		const scopeKey = `${event}:${libraryId ?? 'all'}`;
		const starting = state.scope !== scopeKey;
		const cursors = (starting ? {} : { ...(state.cursors ?? {}) }) as Record<string, Cursor>;
		const podcastsSeen = (starting ? {} : { ...(state.podcasts ?? {}) }) as IDataObject;
		const nextCursors: Record<string, Cursor> = {};
		const nextPodcasts: IDataObject = {};
		const records: IDataObject[] = [];

		// Each library gets at least one read per poll, so none starves when the budget is short.
		for (const library of libraries) {
			const id = String(library.id);
			const cursor = cursors[id] ?? createdCursor(Number(library.createdAt ?? 0));
			if (event === 'newItem') {
				if (starting) {
					nextCursors[id] = await startItemCursor(run, id);
					continue;
				}
				const result = await pollNewItems(run, id, cursor);
				nextCursors[id] = result.cursor;
				records.push(...result.items.map((item) => (simplify ? simplifyItem(item) : item)));
			} else {
				if (starting) {
					const start = await startEpisodeCursor(run, id);
					nextCursors[id] = start.cursor;
					nextPodcasts[id] = start.seen;
					continue;
				}
				const seen = (podcastsSeen[id] ?? {}) as IDataObject;
				const result = await pollNewEpisodes(run, id, cursor, seen);
				nextCursors[id] = result.cursor;
				nextPodcasts[id] = result.seen;
				records.push(...result.episodes);
			}
		}

		// Every request succeeded: only now does the cursor move.
		state.scope = scopeKey;
		state.cursors = nextCursors as unknown as IDataObject;
		if (event === 'newEpisode') state.podcasts = nextPodcasts;
		else delete state.podcasts;
		return starting ? null : output(records);
	}
}
