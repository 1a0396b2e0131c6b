/**
 * Fake Audiobookshelf 2.36 `/api`, written from docs/api/audiobookshelf.md and the responses recorded
 * from a real server (test/fixtures/audiobookshelf). What it encodes:
 * - auth: `Authorization: Bearer <key>` or `?token=<key>`; a bad, inactive or missing key gets **401 `Unauthorized`
 *   with no Content-Type**; keys act as their user (an admin "root" and a non-admin "reader" limited to the book library);
 * - errors are plain text: `res.status(n).send(sentence)` → text/html, `res.sendStatus(n)` → text/plain status text,
 *   unknown routes → Express HTML `Cannot GET …`; status-only endpoints answer `OK` (text/plain);
 * - LibraryController.middleware: 403 if the user cannot access the library (checked first), `404 Library not found`,
 *   `limit`/`page` coerced (non-numeric → 0) and negative/non-integer → 400 `Invalid request. limit must be a positive integer`;
 * - paging: 0-based `page`, `limit` 0/absent = everything; `/series` without limit → `results: []` with the real total;
 *   `/authors` paginates only with both `limit` and `page`, else `{authors}`;
 * - filters `group.` + base64 (decoded like the server: decodeURIComponent, then base64, after the query was parsed);
 * - the `/api/libraries*` response cache (ApiCacheManager): when `staleCache` is on, GET answers are cached per user+URL
 *   and cleared by writes, **except** progress writes — so progress filters go stale unless the URL changes;
 * - `POST /libraries/:id/scan` answers `OK` at once and sets `lastScan` after `scanDurationMs`;
 * - `recent-episodes` → 404 for book libraries; `checknew` → 500 for books, 403 for non-admins, 400 without a feed URL;
 * - progress writes follow MediaProgress.applyProgressUpdate: "not finished" resets position and progress to 0, less
 *   than 10 s left marks finished (existing records only); `version` < 2.36.0 has no `GET /api/me/progress`;
 * - knobs: addBook()/addEpisode() between polls, setProgress(), staleCache, perItemDelayMs (server time per returned
 *   item, asynchronous so concurrent requests overlap like the server's SQLite thread pool), latency and faults (base).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import {
	Router,
	startFakeServer,
	type FakeRequest,
	type FakeResponse,
	type FakeServer,
} from './base.cjs';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'audiobookshelf');
export function absFixture<T = Record<string, unknown>>(name: string): T {
	return JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as T;
}

type Json = Record<string, unknown>;

export const ABS_TOKEN = 'abs-api-key.eyJrZXlJZCI6InJvb3QifQ.good';
export const ABS_READER_TOKEN = 'abs-api-key.eyJrZXlJZCI6InJlYWRlciJ9.reader';
/** A key created without `"isActive": true`: stored, but always refused. */
export const ABS_INACTIVE_TOKEN = 'abs-api-key.eyJrZXlJZCI6ImluYWN0aXZlIn0.inactive';

export const ROOT_USER_ID = '26970481-cf21-4025-8991-01ff7961dd75';
export const READER_USER_ID = '7d0c1b2a-3e4f-4a5b-8c6d-9e0f1a2b3c4d';
const LIBRARIES = absFixture<{ libraries: Json[] }>('libraries').libraries;
export const BOOK_LIBRARY_ID = String(LIBRARIES[0].id);
export const PODCAST_LIBRARY_ID = String(LIBRARIES[1].id);
export const PODCAST_ITEM_ID = String(absFixture('pod-item').id);
/** The real book of the fixtures ("Second Story" by John Roe, Sample Series #2). */
export const FIXTURE_BOOK_ID = String(absFixture('item').id);
export const FIXTURE_AUTHOR_ID = '25fab5b5-e1cd-4354-86a9-30ab7f4082c3';
export const FIXTURE_SERIES_ID = 'e321b48b-92ff-46aa-8838-b9c8bd781310';
export const BASE_TIME = 1795343210000;

export function fakeUuid(prefix: number, index: number): string {
	return `${prefix.toString(16).padStart(8, '0')}-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

export interface AbsBook {
	id: string;
	libraryId: string;
	title: string;
	authorId: string;
	authorName: string;
	seriesId: string | null;
	seriesName: string | null;
	sequence: string | null;
	genres: string[];
	tags: string[];
	narrators: string[];
	language: string | null;
	publishedYear: string | null;
	duration: number;
	size: number;
	addedAt: number;
	updatedAt: number;
	/** `media.chapters`: `{ id, start, end, title }` (seconds); the fixture's empty list when absent. */
	chapters?: Json[];
	/** Audible ASIN from the book's metadata (null for most fixtures books). */
	asin?: string | null;
}

export interface AbsPodcast {
	item: Json;
	updatedAt: number;
}

export interface AbsProgress extends Json {
	id: string;
	libraryItemId: string;
	episodeId: string | null;
	isFinished: boolean;
	finishedAt: number | null;
	lastUpdate: number;
	currentTime: number;
	duration?: number;
	progress?: number;
}

interface User {
	id: string;
	username: string;
	type: 'root' | 'admin' | 'user';
	librariesAccessible: string[];
}

export interface AbsState {
	keys: Map<string, { userId: string; isActive: boolean }>;
	users: Map<string, User>;
	libraries: Json[];
	books: AbsBook[];
	podcasts: AbsPodcast[];
	collections: Json[];
	playlists: Json[];
	progress: Map<string, AbsProgress[]>;
	sessions: Json[];
	/** Emulates ApiCacheManager on `/api/libraries*` GETs. */
	staleCache: boolean;
	cache: Map<string, FakeResponse>;
	scanDurationMs: number;
	scansStarted: number;
	perItemDelayMs: number;
	/** Episodes `checknew` will "find" in the feed. */
	feedEpisodes: Json[];
	/** The version this fake plays: routes added later answer Express's `Cannot GET …` page (see ROUTE_VERSIONS). */
	serverVersion: string;
	/** Bookmarks per user id, as `user.bookmarks` stores them. */
	bookmarks: Map<string, Json[]>;
	/** Finished listening per user id and year, for the year-in-review stats. */
	yearStats: Map<string, Json>;
}

/**
 * When each route this fake serves appeared (first release tag containing it in advplyr/audiobookshelf's
 * server/routers/ApiRouter.js). Routes not listed are older than every version the nodes support.
 */
export const ROUTE_VERSIONS: Array<{
	method: string;
	pattern: RegExp;
	since: string;
	/** Before `since`, an older route matches the path instead (GET /me/progress/:id/:episodeId → 404 Not Found). */
	caughtBy?: 'progressGet';
}> = [
	{ method: 'GET', pattern: /^\/api\/me\/bookmarks(\/[^/]+)?$/, since: '2.36.0' },
	// `GET /me/progress` (all records) is 2.36.0; older servers fall through to Express's 404 page.
	{ method: 'GET', pattern: /^\/api\/me\/progress$/, since: '2.36.0' },
	{ method: 'GET', pattern: /^\/api\/me\/stats\/year\/[^/]+$/, since: '2.7.0' },
	{ method: 'GET', pattern: /^\/api\/stats\/year\/[^/]+$/, since: '2.7.0' },
	{ method: 'POST', pattern: /^\/api\/playlists\/[^/]+\/batch\/remove$/, since: '2.2.6' },
	{
		method: 'GET',
		pattern: /^\/api\/me\/progress\/[^/]+\/remove-from-continue-listening$/,
		since: '2.2.0',
		caughtBy: 'progressGet',
	},
];

export function versionAtLeast(version: string, floor: string): boolean {
	const a = version.split('.').map(Number);
	const b = floor.split('.').map(Number);
	for (let index = 0; index < 3; index++) {
		if ((a[index] ?? 0) !== (b[index] ?? 0)) return (a[index] ?? 0) > (b[index] ?? 0);
	}
	return true;
}

export interface FakeAudiobookshelf extends FakeServer {
	state: AbsState;
	/** Adds a book as the folder watcher would (a database write: clears the response cache). */
	addBook(overrides?: Partial<AbsBook>): AbsBook;
	/** Adds a downloaded episode to the fixture podcast (bumps the podcast's updatedAt). */
	addEpisode(overrides?: Json): Json;
	/** Writes a progress record directly (e.g. several items finished in the same millisecond). */
	setProgress(
		userId: string,
		record: Partial<AbsProgress> & { libraryItemId: string },
	): AbsProgress;
	clearCache(): void;
}

const AUTHORS = [
	{ id: FIXTURE_AUTHOR_ID, name: 'John Roe', lastFirst: 'Roe, John' },
	{ id: '17c01cc0-8c26-4649-abef-6543dff07b7d', name: 'Jane Doe', lastFirst: 'Doe, Jane' },
	{
		id: '35c9927d-f510-480d-a28d-ae45158c66b8',
		name: 'Alice Example',
		lastFirst: 'Example, Alice',
	},
];
const GENRES = ['Fiction', 'Science Fiction', 'History', 'Biographie & Mémoires'];

export function makeBook(index: number, overrides: Partial<AbsBook> = {}): AbsBook {
	const author = AUTHORS[index % AUTHORS.length];
	const inSeries = index % 4 === 0;
	return {
		id: fakeUuid(0xb00c, index),
		libraryId: BOOK_LIBRARY_ID,
		title: `Book ${String(index).padStart(5, '0')}`,
		authorId: author.id,
		authorName: author.name,
		seriesId: inSeries ? FIXTURE_SERIES_ID : null,
		seriesName: inSeries ? 'Sample Series' : null,
		sequence: inSeries ? String(index / 4) : null,
		genres: [GENRES[index % GENRES.length]],
		tags: index % 5 === 0 ? ['favourite'] : [],
		narrators: index % 2 === 0 ? ['Nora Reader'] : [],
		language: index % 3 === 0 ? 'English' : null,
		publishedYear: String(1990 + (index % 30)),
		duration: 3600 + index,
		size: 24513 + index,
		addedAt: BASE_TIME + index * 1000,
		updatedAt: BASE_TIME + index * 1000,
		...overrides,
	};
}

const ITEM_TEMPLATE = absFixture<{ results: Json[] }>('items-page').results[0];
const EXPANDED_TEMPLATE = absFixture('item-expanded');

function authorLF(name: string): string {
	const parts = name.split(' ');
	return parts.length > 1 ? `${parts.slice(1).join(' ')}, ${parts[0]}` : name;
}

/** Minified item (the shape of `results[]`), from the recorded fixture. */
export function minified(book: AbsBook): Json {
	const media = ITEM_TEMPLATE.media as Json;
	return {
		...ITEM_TEMPLATE,
		id: book.id,
		libraryId: book.libraryId,
		path: `/audiobooks/books/${book.authorName}/${book.title}`,
		relPath: `${book.authorName}/${book.title}`,
		addedAt: book.addedAt,
		updatedAt: book.updatedAt,
		media: {
			...media,
			id: `${book.id.slice(0, 8)}-media`,
			metadata: {
				...(media.metadata as Json),
				title: book.title,
				titleIgnorePrefix: book.title,
				authorName: book.authorName,
				authorNameLF: authorLF(book.authorName),
				narratorName: book.narrators.join(', '),
				seriesName: book.seriesName ? `${book.seriesName} #${book.sequence}` : '',
				genres: book.genres,
				publishedYear: book.publishedYear,
				language: book.language,
				...(book.asin !== undefined ? { asin: book.asin } : {}),
			},
			tags: book.tags,
			duration: book.duration,
			size: book.size,
		},
		size: book.size,
	};
}

function expanded(book: AbsBook): Json {
	const media = EXPANDED_TEMPLATE.media as Json;
	const metadata = media.metadata as Json;
	return {
		...EXPANDED_TEMPLATE,
		id: book.id,
		libraryId: book.libraryId,
		addedAt: book.addedAt,
		updatedAt: book.updatedAt,
		media: {
			...media,
			libraryItemId: book.id,
			metadata: {
				...metadata,
				title: book.title,
				titleIgnorePrefix: book.title,
				authors: [{ id: book.authorId, name: book.authorName }],
				narrators: book.narrators,
				series: book.seriesId
					? [{ id: book.seriesId, name: book.seriesName, sequence: book.sequence }]
					: [],
				genres: book.genres,
				authorName: book.authorName,
				authorNameLF: authorLF(book.authorName),
				narratorName: book.narrators.join(', '),
				seriesName: book.seriesName ? `${book.seriesName} #${book.sequence}` : '',
				language: book.language,
				publishedYear: book.publishedYear,
				...(book.asin !== undefined ? { asin: book.asin } : {}),
			},
			tags: book.tags,
			duration: book.duration,
			size: book.size,
			chapters: book.chapters ?? media.chapters,
			numChapters: (book.chapters ?? (media.chapters as Json[])).length,
		},
		size: book.size,
	};
}

/** Default (not expanded) item: `item.json`'s shape, with this book's metadata. */
function plain(book: AbsBook): Json {
	const template = absFixture('item');
	const full = expanded(book);
	const media = { ...(full.media as Json) };
	const metadata = { ...(media.metadata as Json) };
	for (const key of [
		'titleIgnorePrefix',
		'authorName',
		'authorNameLF',
		'narratorName',
		'seriesName',
		'descriptionPlain',
	])
		delete metadata[key];
	for (const key of ['numTracks', 'numAudioFiles', 'numChapters', 'duration', 'size', 'tracks'])
		delete media[key];
	return {
		...template,
		id: book.id,
		libraryId: book.libraryId,
		addedAt: book.addedAt,
		updatedAt: book.updatedAt,
		media: { ...media, metadata },
	};
}

function podcastMinified(podcast: AbsPodcast): Json {
	const item = podcast.item;
	const media = { ...(item.media as Json) };
	const episodes = (media.episodes as Json[]) ?? [];
	delete media.episodes;
	delete media.libraryItemId;
	return {
		...item,
		updatedAt: podcast.updatedAt,
		libraryFiles: undefined,
		lastScan: undefined,
		scanVersion: undefined,
		media: { ...media, numEpisodes: episodes.length },
	};
}

function podcastExpanded(podcast: AbsPodcast): Json {
	return { ...podcast.item, updatedAt: podcast.updatedAt };
}

// ----- responses, as Express would send them -----
const text = (status: number, body: string): FakeResponse => ({
	status,
	headers: { 'Content-Type': 'text/html; charset=utf-8' },
	body,
});
const STATUS_TEXT: Record<number, string> = {
	200: 'OK',
	400: 'Bad Request',
	403: 'Forbidden',
	404: 'Not Found',
	500: 'Internal Server Error',
};
const sendStatus = (status: number): FakeResponse => ({
	status,
	headers: { 'Content-Type': 'text/plain; charset=utf-8' },
	body: STATUS_TEXT[status] ?? String(status),
});
const json = (body: unknown): FakeResponse => ({
	status: 200,
	headers: { 'Content-Type': 'application/json; charset=utf-8' },
	body,
});
const unauthorized = (): FakeResponse => ({ status: 401, body: 'Unauthorized' });
const cannotGet = (request: FakeRequest): FakeResponse => ({
	status: 404,
	headers: { 'Content-Type': 'text/html; charset=utf-8' },
	body: `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot ${request.method} ${request.path}</pre>\n</body>\n</html>\n`,
});

function presentedKey(request: FakeRequest): string | undefined {
	const authorization = request.headers.authorization;
	if (typeof authorization === 'string' && authorization.startsWith('Bearer '))
		return authorization.slice(7);
	return request.query.get('token') ?? undefined;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `limit`/`page` as LibraryController.middleware coerces them; a string is a 400 answer. */
function pagingOf(query: URLSearchParams): { limit?: number; page?: number } | string {
	const result: { limit?: number; page?: number } = {};
	for (const key of ['limit', 'page'] as const) {
		const raw = query.get(key);
		if (raw === null) continue;
		const value = raw.trim() !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : 0;
		if (!Number.isInteger(value) || value < 0)
			return `Invalid request. ${key} must be a positive integer`;
		result[key] = value;
	}
	return result;
}

function slice<T>(list: T[], limit: number | undefined, page: number | undefined): T[] {
	if (!limit) return list;
	const offset = (page ?? 0) * limit;
	return list.slice(offset, offset + limit);
}

function decodeFilter(raw: string): { group: string; value: string | null } {
	const groups = [
		'genres',
		'tags',
		'series',
		'authors',
		'progress',
		'narrators',
		'publishers',
		'publishedDecades',
		'missing',
		'languages',
		'tracks',
		'ebooks',
	];
	const group = groups.find((candidate) => raw.startsWith(`${candidate}.`));
	if (!group) return { group: raw, value: null };
	return {
		group,
		value: Buffer.from(decodeURIComponent(raw.slice(group.length + 1)), 'base64').toString(),
	};
}

export async function startFakeAudiobookshelf(
	options: {
		books?: number;
		latencyMs?: number;
		staleCache?: boolean;
		perItemDelayMs?: number;
		/** Server version; before 2.36.0 there is no `GET /api/me/progress` (Express 404 page). */
		version?: string;
	} = {},
): Promise<FakeAudiobookshelf> {
	const bookCount = options.books ?? 3;
	const fixturePodcast = absFixture('pod-item');
	const state: AbsState = {
		keys: new Map([
			[ABS_TOKEN, { userId: ROOT_USER_ID, isActive: true }],
			[ABS_READER_TOKEN, { userId: READER_USER_ID, isActive: true }],
			[ABS_INACTIVE_TOKEN, { userId: ROOT_USER_ID, isActive: false }],
		]),
		users: new Map([
			[ROOT_USER_ID, { id: ROOT_USER_ID, username: 'root', type: 'root', librariesAccessible: [] }],
			[
				READER_USER_ID,
				{
					id: READER_USER_ID,
					username: 'reader',
					type: 'user',
					librariesAccessible: [BOOK_LIBRARY_ID],
				},
			],
		]),
		libraries: LIBRARIES.map((library) => ({ ...library })),
		books: Array.from({ length: bookCount }, (_unused, index) =>
			index === 0
				? makeBook(0, {
						id: FIXTURE_BOOK_ID,
						title: 'Second Story',
						authorId: FIXTURE_AUTHOR_ID,
						authorName: 'John Roe',
						seriesId: FIXTURE_SERIES_ID,
						seriesName: 'Sample Series',
						sequence: '2',
					})
				: makeBook(index),
		),
		podcasts: [{ item: fixturePodcast, updatedAt: Number(fixturePodcast.updatedAt) }],
		collections: [],
		playlists: [],
		progress: new Map([
			[ROOT_USER_ID, []],
			[READER_USER_ID, []],
		]),
		sessions: [],
		staleCache: options.staleCache ?? false,
		cache: new Map(),
		scanDurationMs: 300,
		scansStarted: 0,
		perItemDelayMs: options.perItemDelayMs ?? 0,
		feedEpisodes: [],
		serverVersion: options.version ?? '2.36.0',
		bookmarks: new Map([
			[ROOT_USER_ID, []],
			[READER_USER_ID, []],
		]),
		yearStats: new Map(),
	};
	const userOf = (request: FakeRequest): User =>
		state.users.get(state.keys.get(presentedKey(request) ?? '')!.userId)!;
	const isAdmin = (user: User) => user.type === 'root' || user.type === 'admin';
	const canAccess = (user: User, libraryId: string) =>
		user.librariesAccessible.length === 0 || user.librariesAccessible.includes(libraryId);
	const progressOf = (user: User) => state.progress.get(user.id) ?? [];
	const libraryById = (id: string) => state.libraries.find((library) => library.id === id);
	const findBook = (id: string) => state.books.find((book) => book.id === id);
	const findPodcast = (id: string) => state.podcasts.find((podcast) => podcast.item.id === id);

	const router = new Router();
	/** The user object `GET /api/me` answers (also the answer of remove-from-continue-listening). */
	let userJson: (user: User) => Json = () => ({});

	/** LibraryController.middleware + the handler. */
	const library = (
		method: string,
		suffix: string,
		handler: (
			request: FakeRequest,
			user: User,
			lib: Json,
			paging: { limit?: number; page?: number },
		) => FakeResponse | Promise<FakeResponse>,
	) =>
		router.on(method, `/api/libraries/:id${suffix}`, async (request) => {
			const user = userOf(request);
			if (!canAccess(user, request.params.id)) return sendStatus(403);
			const lib = libraryById(request.params.id);
			if (!lib) return text(404, 'Library not found');
			const paging = pagingOf(request.query);
			if (typeof paging === 'string') return text(400, paging);
			return await handler(request, user, lib, paging);
		});

	const progressFor = (user: User, itemId: string, episodeId: string | null = null) =>
		progressOf(user).find(
			(record) => record.libraryItemId === itemId && (record.episodeId ?? null) === episodeId,
		);

	const filterBooks = (books: AbsBook[], user: User, filter: string | null): AbsBook[] => {
		if (!filter) return books;
		const { group, value } = decodeFilter(filter);
		switch (group) {
			case 'genres':
				return books.filter((book) => book.genres.includes(value!));
			case 'tags':
				return books.filter((book) => book.tags.includes(value!));
			case 'narrators':
				return books.filter((book) => book.narrators.includes(value!));
			case 'languages':
				return books.filter((book) => book.language === value);
			case 'authors':
				return books.filter((book) => book.authorId === value);
			case 'series':
				return value === 'no-series'
					? books.filter((book) => !book.seriesId)
					: books.filter((book) => book.seriesId === value);
			case 'progress': {
				const finished = (book: AbsBook) => progressFor(user, book.id)?.isFinished === true;
				const started = (book: AbsBook) =>
					(progressFor(user, book.id)?.currentTime ?? 0) > 0 || finished(book);
				if (value === 'finished') return books.filter(finished);
				if (value === 'not-finished') return books.filter((book) => !finished(book));
				if (value === 'not-started') return books.filter((book) => !started(book));
				if (value === 'in-progress')
					return books.filter((book) => started(book) && !finished(book));
				return books;
			}
			case 'missing':
				if (value === 'language') return books.filter((book) => !book.language);
				if (value === 'series') return books.filter((book) => !book.seriesId);
				return books;
			case 'recent':
				return books.filter((book) => book.addedAt > Date.now() - 60 * 86_400_000);
			default:
				return books;
		}
	};

	const sortBooks = (books: AbsBook[], sort: string | null, desc: boolean): AbsBook[] => {
		if (!sort) return books;
		const key = (book: AbsBook): string | number => {
			switch (sort) {
				case 'addedAt':
					return book.addedAt;
				case 'media.metadata.title':
					return book.title.toLowerCase();
				case 'media.metadata.authorName':
					return book.authorName;
				case 'media.duration':
					return book.duration;
				case 'size':
					return book.size;
				default:
					return 0;
			}
		};
		const direction = desc ? -1 : 1;
		// Stable: ties keep insertion order, like SQLite's rowid order for one query plan.
		return [...books].sort((a, b) =>
			key(a) === key(b) ? 0 : key(a) < key(b) ? -direction : direction,
		);
	};

	router.on('GET', '/api/me', (request) => json(userJson(userOf(request))));
	userJson = (user: User): Json => ({
		id: user.id,
		username: user.username,
		email: null,
		type: user.type,
		token: 'legacy-user-jwt-never-expires',
		mediaProgress: progressOf(user),
		seriesHideFromContinueListening: [],
		bookmarks: state.bookmarks.get(user.id) ?? [],
		isActive: true,
		isLocked: false,
		lastSeen: BASE_TIME,
		createdAt: BASE_TIME - 1000,
		permissions: {
			download: true,
			update: true,
			delete: isAdmin(user),
			upload: isAdmin(user),
			createEreader: false,
			accessAllLibraries: user.librariesAccessible.length === 0,
			accessAllTags: true,
			accessExplicitContent: true,
			selectedTagsNotAccessible: false,
		},
		librariesAccessible: user.librariesAccessible,
		itemTagsSelected: [],
		hasOpenIDLink: false,
	});

	router.on('GET', '/api/libraries', (request) => {
		const user = userOf(request);
		const libraries = state.libraries.filter((lib) => canAccess(user, String(lib.id)));
		const withStats = request.query.get('include') === 'stats';
		return json({
			libraries: libraries.map((lib) => {
				if (!withStats) return lib;
				const books = state.books.filter((book) => book.libraryId === lib.id);
				const pods = lib.mediaType === 'podcast' ? state.podcasts : [];
				return {
					...lib,
					stats: {
						totalSize: books.reduce((sum, book) => sum + book.size, 0),
						totalDuration: books.reduce((sum, book) => sum + book.duration, 0),
						numAudioFiles: books.length + pods.length,
						totalItems: books.length + pods.length,
					},
				};
			}),
		});
	});

	library('GET', '', (request, _user, lib) => {
		if (request.query.get('include') === 'filterdata')
			return json({ filterdata: {}, issues: 0, numUserPlaylists: 0, library: lib });
		return json(lib);
	});

	library('GET', '/items', async (request, user, lib, paging) => {
		const sort = request.query.get('sort');
		const desc = request.query.get('desc') === '1';
		const collapse = request.query.get('collapseseries') === '1';
		let results: Json[];
		let total: number;
		if (lib.mediaType === 'podcast') {
			const all = state.podcasts.filter((podcast) => podcast.item.libraryId === lib.id);
			const sorted =
				sort === 'addedAt'
					? [...all].sort(
							(a, b) => (Number(a.item.addedAt) - Number(b.item.addedAt)) * (desc ? -1 : 1),
						)
					: all;
			total = sorted.length;
			results = slice(sorted, paging.limit, paging.page).map(podcastMinified);
		} else {
			let books = sortBooks(
				filterBooks(
					state.books.filter((book) => book.libraryId === lib.id),
					user,
					request.query.get('filter'),
				),
				sort,
				desc,
			);
			let entries: Json[] = [];
			if (!collapse) {
				total = books.length;
				results = slice(books, paging.limit, paging.page).map(minified);
			} else {
				const seenSeries = new Set<string>();
				entries = [];
				for (const book of books) {
					if (!book.seriesId) entries.push(minified(book));
					else if (!seenSeries.has(book.seriesId)) {
						seenSeries.add(book.seriesId);
						const numBooks = books.filter((other) => other.seriesId === book.seriesId).length;
						entries.push({
							...minified(book),
							collapsedSeries: {
								id: book.seriesId,
								name: book.seriesName,
								nameIgnorePrefix: book.seriesName,
								numBooks,
								libraryItemIds: books
									.filter((other) => other.seriesId === book.seriesId)
									.map((other) => other.id),
							},
						});
					}
				}
				books = [];
				total = entries.length;
				results = slice(entries, paging.limit, paging.page);
			}
		}
		if (state.perItemDelayMs > 0) await delay(results.length * state.perItemDelayMs);
		const body: Json = { results, total, limit: paging.limit ?? 0, page: paging.page ?? 0 };
		if (sort) body.sortBy = sort;
		body.sortDesc = desc;
		if (request.query.get('filter')) body.filterBy = request.query.get('filter');
		Object.assign(body, {
			mediaType: lib.mediaType,
			minified: false,
			collapseseries: collapse,
			include: '',
			offset: (paging.page ?? 0) * (paging.limit ?? 0),
		});
		return json(body);
	});

	library('GET', '/search', (request, _user, lib) => {
		const q = request.query.get('q');
		if (!q) return text(400, 'Invalid request. Query param "q" is required');
		const limit = Number(request.query.get('limit') ?? 12) || 12;
		const needle = q.toLowerCase();
		if (lib.mediaType === 'podcast') {
			const podcast = state.podcasts
				.filter((pod) =>
					String(((pod.item.media as Json).metadata as Json).title)
						.toLowerCase()
						.includes(needle),
				)
				.slice(0, limit);
			return json({
				// 2.x search answers `{libraryItem}` per match (the old matchKey/matchText are gone).
				podcast: podcast.map((pod) => ({ libraryItem: podcastExpanded(pod) })),
				tags: [],
				genres: [],
				episodes: [],
			});
		}
		const books = state.books
			.filter(
				(book) =>
					book.libraryId === lib.id &&
					(book.title.toLowerCase().includes(needle) ||
						(book.asin ?? '').toLowerCase().includes(needle)),
			)
			.slice(0, limit);
		const authors = AUTHORS.filter((author) => author.name.toLowerCase().includes(needle)).map(
			(author) => ({
				id: author.id,
				name: author.name,
				numBooks: state.books.filter((book) => book.authorId === author.id).length,
			}),
		);
		return json({
			// Audiobookshelf also matches a book's ASIN and ISBN (its search looks at title, subtitle, asin, isbn).
			book: books.map((book) => {
				// 2.x answers `{libraryItem}` per match (the old matchKey/matchText are gone).
				return { libraryItem: expanded(book) };
			}),
			narrators: [],
			tags: [],
			genres: GENRES.filter((genre) => genre.toLowerCase().includes(needle)).map((genre) => ({
				name: genre,
				numItems: 1,
			})),
			series: [],
			authors,
		});
	});

	const seriesOf = (libraryId: string): Json[] => {
		const ids = [
			...new Set(
				state.books
					.filter((book) => book.libraryId === libraryId && book.seriesId)
					.map((book) => book.seriesId!),
			),
		];
		const template = absFixture<{ results: Json[] }>('series-limit10').results[0];
		return ids.map((id) => {
			const books = state.books.filter((book) => book.seriesId === id);
			return {
				...template,
				id,
				name: books[0].seriesName,
				nameIgnorePrefix: books[0].seriesName,
				libraryId,
				books: books.map(minified),
			};
		});
	};

	library('GET', '/series', (_request, _user, lib, paging) => {
		const all = seriesOf(String(lib.id));
		// SQL `LIMIT 0`: no limit → an empty page, with the real total.
		const results = paging.limit ? slice(all, paging.limit, paging.page) : [];
		return json({
			results,
			total: all.length,
			limit: paging.limit ?? 0,
			page: paging.page ?? 0,
			sortDesc: false,
			minified: false,
			include: '',
		});
	});

	library('GET', '/authors', (request, _user, lib, paging) => {
		const authors = AUTHORS.map((author) => ({
			id: author.id,
			asin: null,
			name: author.name,
			description: null,
			imagePath: null,
			libraryId: lib.id,
			addedAt: BASE_TIME,
			updatedAt: BASE_TIME,
			numBooks: state.books.filter(
				(book) => book.libraryId === lib.id && book.authorId === author.id,
			).length,
			lastFirst: author.lastFirst,
		})).filter((author) => author.numBooks > 0);
		const bothNumeric =
			request.query.get('limit') !== null &&
			request.query.get('page') !== null &&
			!Number.isNaN(Number(request.query.get('limit'))) &&
			!Number.isNaN(Number(request.query.get('page')));
		if (!bothNumeric) return json({ authors });
		return json({
			results: slice(authors, paging.limit, paging.page),
			total: authors.length,
			limit: paging.limit,
			page: paging.page,
			sortBy: request.query.get('sort') ?? 'name',
			sortDesc: request.query.get('desc') === '1',
			minified: false,
		});
	});

	library('GET', '/collections', (_request, _user, lib, paging) => {
		const all = state.collections.filter((collection) => collection.libraryId === lib.id);
		return json({
			results: slice(all, paging.limit, paging.page),
			total: all.length,
			limit: paging.limit ?? 0,
			page: paging.page ?? 0,
			sortDesc: false,
			minified: false,
			include: '',
		});
	});

	library('GET', '/playlists', (_request, user, lib, paging) => {
		const all = state.playlists.filter(
			(playlist) => playlist.libraryId === lib.id && playlist.userId === user.id,
		);
		return json({
			results: slice(all, paging.limit, paging.page),
			total: all.length,
			limit: paging.limit ?? 0,
			page: paging.page ?? 0,
		});
	});

	library('GET', '/filterdata', (_request, _user, lib) => {
		const books = state.books.filter((book) => book.libraryId === lib.id);
		return json({
			authors: AUTHORS.map((author) => ({ id: author.id, name: author.name })),
			genres: [...new Set(books.flatMap((book) => book.genres))],
			tags: [...new Set(books.flatMap((book) => book.tags))],
			series: seriesOf(String(lib.id)).map((series) => ({ id: series.id, name: series.name })),
			narrators: [...new Set(books.flatMap((book) => book.narrators))],
			languages: [...new Set(books.map((book) => book.language).filter(Boolean))],
			publishers: [],
			publishedDecades: [],
			bookCount: books.length,
			authorCount: AUTHORS.length,
			seriesCount: seriesOf(String(lib.id)).length,
			podcastCount: 0,
			numIssues: 0,
			loadedAt: Date.now(),
		});
	});

	library('GET', '/stats', (_request, _user, lib) => {
		const books = state.books.filter((book) => book.libraryId === lib.id);
		return json({
			largestItems: [],
			totalAuthors: AUTHORS.length,
			authorsWithCount: [],
			totalGenres: GENRES.length,
			genresWithCount: [],
			totalItems: books.length,
			longestItems: [],
			totalSize: books.reduce((sum, book) => sum + book.size, 0),
			totalDuration: books.reduce((sum, book) => sum + book.duration, 0),
			numAudioTracks: books.length,
		});
	});

	library('GET', '/recent-episodes', (_request, user, lib, paging) => {
		if (lib.mediaType !== 'podcast') return sendStatus(404);
		const episodes = state.podcasts
			.filter((podcast) => podcast.item.libraryId === lib.id)
			.flatMap((podcast) =>
				(((podcast.item.media as Json).episodes as Json[]) ?? []).map(
					(episode): Json => ({
						...episode,
						podcast: podcastMinified(podcast).media,
						libraryId: lib.id,
					}),
				),
			)
			.filter(
				(episode) =>
					progressFor(user, String(episode.libraryItemId), String(episode.id))?.isFinished !== true,
			)
			.sort((a, b) => Number(b.publishedAt ?? 0) - Number(a.publishedAt ?? 0));
		return json({
			episodes: slice(episodes, paging.limit, paging.page),
			limit: paging.limit ?? 0,
			page: paging.page ?? 0,
		});
	});

	library('POST', '/scan', (_request, user, lib) => {
		if (!isAdmin(user)) return sendStatus(403);
		state.scansStarted++;
		setTimeout(() => {
			lib.lastScan = Date.now();
			lib.lastUpdate = Date.now();
			state.cache.clear();
		}, state.scanDurationMs).unref();
		return sendStatus(200);
	});

	router.on('GET', '/api/items/:id', (request) => {
		const user = userOf(request);
		const book = findBook(request.params.id);
		const podcast = findPodcast(request.params.id);
		if (!book && !podcast) return sendStatus(404);
		const libraryId = String(book ? book.libraryId : podcast!.item.libraryId);
		if (!canAccess(user, libraryId)) return sendStatus(403);
		const isExpanded = request.query.get('expanded') === '1';
		let body: Json;
		if (book) body = isExpanded ? expanded(book) : plain(book);
		else body = podcastExpanded(podcast!);
		if (isExpanded) {
			const include = (request.query.get('include') ?? '').split(',');
			if (include.includes('progress'))
				body.userMediaProgress = progressFor(user, request.params.id) ?? null;
			if (include.includes('rssfeed')) body.rssFeed = null;
		}
		return json(body);
	});

	router.on('GET', '/api/series/:id', (request) => {
		const user = userOf(request);
		const books = state.books.filter(
			(book) => book.seriesId === request.params.id && canAccess(user, book.libraryId),
		);
		if (books.length === 0) return sendStatus(404);
		const body: Json = {
			id: request.params.id,
			name: books[0].seriesName,
			nameIgnorePrefix: books[0].seriesName,
			description: null,
			addedAt: BASE_TIME,
			updatedAt: BASE_TIME,
			libraryId: books[0].libraryId,
		};
		if ((request.query.get('include') ?? '').split(',').includes('progress')) {
			const finished = books
				.filter((book) => progressFor(user, book.id)?.isFinished)
				.map((book) => book.id);
			body.progress = {
				libraryItemIds: books.filter((book) => progressFor(user, book.id)).map((book) => book.id),
				libraryItemIdsFinished: finished,
				isFinished: finished.length === books.length,
			};
		}
		return json(body);
	});

	router.on('GET', '/api/authors/:id', (request) => {
		const author = AUTHORS.find((candidate) => candidate.id === request.params.id);
		if (!author) return sendStatus(404);
		const include = (request.query.get('include') ?? '').split(',');
		const body: Json = {
			...absFixture<{ authors: Json[] }>('authors').authors.find((entry) => entry.id === author.id),
			id: author.id,
			name: author.name,
		};
		delete body.numBooks;
		delete body.lastFirst;
		if (include.includes('items'))
			body.libraryItems = state.books.filter((book) => book.authorId === author.id).map(minified);
		if (include.includes('series')) body.series = [];
		return json(body);
	});

	const collectionBody = (collection: Json): Json => ({
		...collection,
		books: (collection.bookIds as string[]).map((id) => expanded(findBook(id)!)),
		bookIds: undefined,
	});

	router.on('POST', '/api/collections', (request) => {
		const user = userOf(request);
		const body = (request.json ?? {}) as Json;
		if (!body.name || !body.libraryId) return text(400, 'Invalid collection data');
		if (!canAccess(user, String(body.libraryId))) return sendStatus(403);
		const ids = ((body.books as unknown[]) ?? []).filter(
			(id) => typeof id === 'string' && id,
		) as string[];
		if (!ids.length) return text(400, 'Invalid collection data. No books');
		if (ids.some((id) => findBook(id)?.libraryId !== body.libraryId))
			return text(400, 'Invalid collection data. Invalid books');
		const collection: Json = {
			id: fakeUuid(0xc011, state.collections.length + 1),
			libraryId: body.libraryId,
			name: body.name,
			description: body.description ?? null,
			bookIds: ids,
			lastUpdate: Date.now(),
			createdAt: Date.now(),
		};
		state.collections.push(collection);
		return json(collectionBody(collection));
	});
	router.on('GET', '/api/collections', () =>
		json({ collections: state.collections.map(collectionBody) }),
	);
	const collectionRoute = (
		method: string,
		suffix: string,
		handler: (request: FakeRequest, collection: Json) => FakeResponse,
	) =>
		router.on(method, `/api/collections/:id${suffix}`, (request) => {
			const collection = state.collections.find((candidate) => candidate.id === request.params.id);
			if (!collection || !canAccess(userOf(request), String(collection.libraryId)))
				return text(404, 'Collection not found');
			return handler(request, collection);
		});
	collectionRoute('GET', '', (_request, collection) => json(collectionBody(collection)));
	collectionRoute('POST', '/batch/add', (request, collection) => {
		const ids = ((((request.json ?? {}) as Json).books as unknown[]) ?? []).filter(
			(id) => typeof id === 'string' && id,
		) as string[];
		if (!ids.length) return text(400, 'Invalid request body');
		const valid = ids.filter((id) => findBook(id)?.libraryId === collection.libraryId);
		if (!valid.length) return text(400, 'Invalid request body. No valid books');
		const existing = collection.bookIds as string[];
		collection.bookIds = [...existing, ...valid.filter((id) => !existing.includes(id))];
		return json(collectionBody(collection));
	});

	const playlistBody = (playlist: Json): Json => ({
		...playlist,
		items: (playlist.items as Json[]).map((entry) => ({
			...entry,
			libraryItem: findBook(String(entry.libraryItemId))
				? expanded(findBook(String(entry.libraryItemId))!)
				: podcastExpanded(findPodcast(String(entry.libraryItemId))!),
		})),
	});
	const validPlaylistItems = (items: unknown): items is Json[] =>
		Array.isArray(items) &&
		items.every(
			(entry) =>
				entry &&
				typeof (entry as Json).libraryItemId === 'string' &&
				(findBook(String((entry as Json).libraryItemId)) ||
					findPodcast(String((entry as Json).libraryItemId))),
		);

	router.on('POST', '/api/playlists', (request) => {
		const user = userOf(request);
		const body = (request.json ?? {}) as Json;
		if (!body.name || !body.libraryId) return text(400, 'Invalid playlist data');
		if (!canAccess(user, String(body.libraryId))) return sendStatus(403);
		const items = (body.items as Json[]) ?? [];
		if (items.some((entry) => !entry?.libraryItemId || typeof entry.libraryItemId !== 'string'))
			return text(400, 'Invalid playlist item');
		if (!validPlaylistItems(items)) return text(400, 'Invalid playlist data. Invalid items');
		const template = absFixture('playlists');
		const playlist: Json = {
			id: fakeUuid(0x9a71, state.playlists.length + 1),
			name: body.name,
			libraryId: body.libraryId,
			userId: user.id,
			description: body.description ?? template.description,
			lastUpdate: Date.now(),
			createdAt: Date.now(),
			items: items.map((entry) => ({
				libraryItemId: entry.libraryItemId,
				...(entry.episodeId ? { episodeId: entry.episodeId } : {}),
			})),
		};
		state.playlists.push(playlist);
		return json(playlistBody(playlist));
	});
	const playlistRoute = (
		method: string,
		suffix: string,
		handler: (request: FakeRequest, playlist: Json) => FakeResponse,
	) =>
		router.on(method, `/api/playlists/:id${suffix}`, (request) => {
			const playlist = state.playlists.find((candidate) => candidate.id === request.params.id);
			if (!playlist) return text(404, 'Playlist not found');
			if (playlist.userId !== userOf(request).id) return sendStatus(403);
			return handler(request, playlist);
		});
	playlistRoute('GET', '', (_request, playlist) => json(playlistBody(playlist)));
	playlistRoute('POST', '/batch/add', (request, playlist) => {
		const items = ((request.json ?? {}) as Json).items;
		if (!Array.isArray(items) || !items.length || !validPlaylistItems(items))
			return text(400, 'Invalid request body items');
		playlist.items = [
			...(playlist.items as Json[]),
			...items.map((entry) => ({
				libraryItemId: (entry as Json).libraryItemId,
				...((entry as Json).episodeId ? { episodeId: (entry as Json).episodeId } : {}),
			})),
		];
		return json(playlistBody(playlist));
	});

	router.on('GET', '/api/podcasts/:id/checknew', (request) => {
		const user = userOf(request);
		const book = findBook(request.params.id);
		const podcast = findPodcast(request.params.id);
		if (!book && !podcast) return sendStatus(404);
		if (book) return sendStatus(500);
		if (!isAdmin(user)) return sendStatus(403);
		const metadata = (podcast!.item.media as Json).metadata as Json;
		if (!metadata.feedUrl) return text(400, 'Podcast has no rss feed url');
		const limit =
			request.query.get('limit') !== null && !Number.isNaN(Number(request.query.get('limit')))
				? Number(request.query.get('limit'))
				: 3;
		const found = limit > 0 ? state.feedEpisodes.slice(0, limit) : state.feedEpisodes;
		for (const episode of found) fake.addEpisode(episode);
		state.feedEpisodes = state.feedEpisodes.slice(found.length);
		return json({ episodes: found });
	});

	router.on('GET', '/api/me/progress', (request) =>
		json({ mediaProgress: progressOf(userOf(request)) }),
	);
	const progressGet = (request: FakeRequest) => {
		const record = progressFor(
			userOf(request),
			request.params.id,
			request.params.episodeId ?? null,
		);
		return record ? json(record) : sendStatus(404);
	};
	router.on('GET', '/api/me/progress/:id', progressGet);
	router.on('GET', '/api/me/progress/:id/:episodeId', progressGet);
	const progressPatch = (request: FakeRequest) => {
		const user = userOf(request);
		const itemId = request.params.id;
		if (!findBook(itemId) && !findPodcast(itemId)) return text(404, 'Library item not found');
		const body = (request.json ?? {}) as Json;
		const now = Date.now();
		const numberOr = (value: unknown, fallback: number) =>
			typeof value === 'number' && !Number.isNaN(value) ? value : fallback;
		let record = progressFor(user, itemId, request.params.episodeId ?? null);
		if (!record) {
			// User.createUpdateMediaProgress, new record: the payload as sent; no "time left" rule.
			const isFinished = body.isFinished === true;
			record = {
				id: fakeUuid(0x9e0, progressOf(user).length + 1),
				userId: user.id,
				libraryItemId: itemId,
				episodeId: request.params.episodeId ?? null,
				mediaItemId: `${itemId.slice(0, 8)}-media`,
				mediaItemType: request.params.episodeId ? 'podcastEpisode' : 'book',
				duration: numberOr(body.duration, 0),
				progress: isFinished ? 1 : numberOr(body.progress, 0),
				currentTime: numberOr(body.currentTime, 0),
				isFinished,
				hideFromContinueListening: body.hideFromContinueListening === true,
				ebookLocation: null,
				ebookProgress: 0,
				lastUpdate: now,
				startedAt: now,
				finishedAt: isFinished ? now : null,
			};
			progressOf(user).push(record);
			return sendStatus(200);
		}
		// MediaProgress.applyProgressUpdate (2.36): not finished resets position and progress; < 10 s left finishes.
		const payload = { ...body };
		if (payload.isFinished !== undefined) {
			if (payload.isFinished && !record.isFinished) {
				record.finishedAt = now;
				record.progress = 1;
			} else if (!payload.isFinished && record.isFinished) {
				record.finishedAt = null;
				record.progress = 0;
				record.currentTime = 0;
				delete payload.currentTime;
			}
			record.isFinished = payload.isFinished === true;
		} else if (typeof payload.progress === 'number') {
			record.progress = Math.min(1, Math.max(0, payload.progress));
		}
		const before = record.currentTime;
		if (typeof payload.currentTime === 'number') record.currentTime = payload.currentTime;
		if (typeof payload.duration === 'number') record.duration = payload.duration;
		const duration = record.duration ?? 0;
		const shouldFinish = duration > 0 && duration - record.currentTime < 10;
		if (!record.isFinished && shouldFinish) {
			record.isFinished = true;
			record.finishedAt = record.finishedAt ?? now;
			record.progress = 1;
		} else if (record.isFinished && record.currentTime !== before && !shouldFinish) {
			record.isFinished = false;
			record.finishedAt = null;
		}
		record.lastUpdate = now;
		return sendStatus(200);
	};
	router.on('PATCH', '/api/me/progress/:id', progressPatch);
	router.on('PATCH', '/api/me/progress/:id/:episodeId', progressPatch);

	router.on('GET', '/api/me/items-in-progress', (request) => {
		const user = userOf(request);
		const limit =
			!Number.isNaN(Number(request.query.get('limit'))) && request.query.get('limit') !== null
				? Number(request.query.get('limit')) || 25
				: 25;
		const items = progressOf(user)
			.filter(
				(record) => !record.isFinished && record.currentTime > 0 && findBook(record.libraryItemId),
			)
			.map((record) => ({
				...minified(findBook(record.libraryItemId)!),
				progressLastUpdate: record.lastUpdate,
			}))
			.sort((a, b) => b.progressLastUpdate - a.progressLastUpdate)
			.slice(0, limit);
		return json({ libraryItems: items });
	});

	router.on('GET', '/api/me/listening-stats', (request) => {
		const user = userOf(request);
		const sessions = state.sessions.filter((session) => session.userId === user.id);
		return json({
			totalTime: sessions.reduce((sum, session) => sum + Number(session.timeListening ?? 0), 0),
			items: {},
			days: {},
			dayOfWeek: {},
			today: 0,
			recentSessions: sessions.slice(0, 10),
		});
	});

	router.on('GET', '/api/me/listening-sessions', (request) => {
		const user = userOf(request);
		const sessions = state.sessions.filter((session) => session.userId === user.id);
		const rawPerPage = Number(request.query.get('itemsPerPage'));
		const itemsPerPage = Number.isFinite(rawPerPage) && rawPerPage > 0 ? rawPerPage : 10;
		const rawPage = Number(request.query.get('page'));
		const page = Number.isFinite(rawPage) ? rawPage : 0;
		return json({
			total: sessions.length,
			numPages: Math.ceil(sessions.length / itemsPerPage),
			page,
			itemsPerPage,
			sessions: sessions.slice(page * itemsPerPage, page * itemsPerPage + itemsPerPage),
		});
	});

	addPersonalRoutes();

	/** Writes that do not clear ApiCacheManager (progress, sessions). */
	const keepsCache = (request: FakeRequest) => /^\/api\/(me\/progress|session)/.test(request.path);

	/**
	 * Bookmarks, personalised shelves, year stats, removing from collections/playlists, deleting progress and hiding
	 * from Continue Listening, from MeController, LibraryController, LibraryItem.getPersonalizedShelves,
	 * CollectionController, PlaylistController and StatsController (v2.36.0).
	 */
	function addPersonalRoutes(): void {
		const bookmarksOf = (user: User) => state.bookmarks.get(user.id) ?? [];
		/** Bookmark routes check the item exists (404) and that the user may see it (403) first. */
		const bookmarkItem = (request: FakeRequest, user: User): FakeResponse | undefined => {
			const book = findBook(request.params.id);
			const podcast = findPodcast(request.params.id);
			if (!book && !podcast) return sendStatus(404);
			if (!canAccess(user, String(book ? book.libraryId : podcast!.item.libraryId)))
				return sendStatus(403);
			return undefined;
		};
		// `isNullOrNaN(time)`: JavaScript's isNaN, so "12" and "" pass (and are stored as sent). Bookmarks are
		// found with == (findBookmark), so "30" matches 30.
		const invalidTime = (time: unknown) => time === null || Number.isNaN(Number(time));

		router.on('GET', '/api/me/bookmarks', (request) =>
			json({ bookmarks: bookmarksOf(userOf(request)).map((bookmark) => ({ ...bookmark })) }),
		);
		router.on('GET', '/api/me/bookmarks/:id', (request) => {
			const user = userOf(request);
			const refused = bookmarkItem(request, user);
			if (refused) return refused;
			return json({
				bookmarks: bookmarksOf(user).filter(
					(bookmark) => bookmark.libraryItemId === request.params.id,
				),
			});
		});
		const titleAndTime = (
			request: FakeRequest,
		): { time: unknown; title: unknown } | FakeResponse => {
			const body = (request.json ?? {}) as Json;
			if (invalidTime(body.time)) return text(400, 'Invalid time');
			if (!body.title || typeof body.title !== 'string') return text(400, 'Invalid title');
			return { time: body.time, title: body.title };
		};
		const isAnswer = (value: unknown): value is FakeResponse =>
			typeof value === 'object' && value !== null && 'status' in value;
		router.on('POST', '/api/me/item/:id/bookmark', (request) => {
			const user = userOf(request);
			const refused = bookmarkItem(request, user);
			if (refused) return refused;
			const input = titleAndTime(request);
			if (isAnswer(input)) return input;
			const list = bookmarksOf(user);
			const existing = list.find(
				(b) => b.libraryItemId === request.params.id && b.time == input.time,
			);
			if (existing) {
				existing.title = input.title;
				return json(existing);
			}
			const bookmark: Json = {
				libraryItemId: request.params.id,
				time: input.time,
				title: input.title,
				createdAt: Date.now(),
			};
			list.push(bookmark);
			state.bookmarks.set(user.id, list);
			return json(bookmark);
		});
		router.on('PATCH', '/api/me/item/:id/bookmark', (request) => {
			const user = userOf(request);
			const refused = bookmarkItem(request, user);
			if (refused) return refused;
			const input = titleAndTime(request);
			if (isAnswer(input)) return input;
			const bookmark = bookmarksOf(user).find(
				(b) => b.libraryItemId === request.params.id && b.time == input.time,
			);
			if (!bookmark) return sendStatus(404);
			bookmark.title = input.title;
			return json(bookmark);
		});
		router.on('DELETE', '/api/me/item/:id/bookmark/:time', (request) => {
			const user = userOf(request);
			const refused = bookmarkItem(request, user);
			if (refused) return refused;
			const time = Number(request.params.time);
			if (Number.isNaN(time)) return text(400, 'Invalid time');
			const list = bookmarksOf(user);
			if (!list.some((b) => b.libraryItemId === request.params.id && b.time == time))
				return sendStatus(404);
			// removeBookmark filters with !==: a time stored as text ("30") is found but stays (still answers OK).
			state.bookmarks.set(
				user.id,
				list.filter((b) => b.libraryItemId !== request.params.id || b.time !== time),
			);
			return sendStatus(200);
		});

		library('GET', '/personalized', (request, user, lib, paging) => {
			const limit = paging.limit || 10;
			const shelves: Json[] = [];
			const shelf = (id: string, label: string, type: string, all: Json[]) => {
				if (all.length)
					shelves.push({
						id,
						label,
						labelStringKey: `Label${label.replace(/ /g, '')}`,
						type,
						entities: all.slice(0, limit),
						total: all.length,
					});
			};
			if (lib.mediaType === 'podcast') {
				const podcasts = state.podcasts.filter((podcast) => podcast.item.libraryId === lib.id);
				const episodes = podcasts.flatMap((podcast) =>
					(((podcast.item.media as Json).episodes as Json[]) ?? []).map((episode) => ({
						...podcastMinified(podcast),
						recentEpisode: episode,
					})),
				);
				shelf('newest-episodes', 'Newest Episodes', 'episode', episodes);
				shelf('recently-added', 'Recently Added', 'podcast', podcasts.map(podcastMinified));
				return json(shelves);
			}
			const books = state.books.filter((book) => book.libraryId === lib.id);
			const progressOfBook = (book: AbsBook) => progressFor(user, book.id);
			shelf(
				'continue-listening',
				'Continue Listening',
				'book',
				books
					.filter((book) => {
						const record = progressOfBook(book);
						return (
							record &&
							!record.isFinished &&
							!record.hideFromContinueListening &&
							record.currentTime > 0
						);
					})
					.sort((a, b) => progressOfBook(b)!.lastUpdate - progressOfBook(a)!.lastUpdate)
					.map((book) => ({
						...minified(book),
						progressLastUpdate: progressOfBook(book)!.lastUpdate,
					})),
			);
			shelf(
				'recently-added',
				'Recently Added',
				'book',
				[...books].sort((a, b) => b.addedAt - a.addedAt).map(minified),
			);
			shelf(
				'discover',
				'Discover',
				'book',
				books.filter((book) => !progressOfBook(book)).map(minified),
			);
			shelf(
				'listen-again',
				'Listen Again',
				'book',
				books.filter((book) => progressOfBook(book)?.isFinished).map(minified),
			);
			const authors = AUTHORS.filter((author) => books.some((book) => book.authorId === author.id));
			shelf(
				'newest-authors',
				'Newest Authors',
				'authors',
				authors.map((author) => ({
					id: author.id,
					name: author.name,
					numBooks: books.filter((book) => book.authorId === author.id).length,
				})),
			);
			return json(shelves);
		});

		const yearOf = (raw: string): number | FakeResponse => {
			const year = Number(raw);
			return Number.isNaN(year) || year < 2000 || year > 9999 ? text(400, 'Invalid year') : year;
		};
		router.on('GET', '/api/me/stats/year/:year', (request) => {
			const year = yearOf(request.params.year);
			if (typeof year !== 'number') return year;
			const user = userOf(request);
			return json(
				state.yearStats.get(`${user.id} ${year}`) ?? {
					totalListeningSessions: 0,
					totalListeningTime: 0,
					totalBookListeningTime: 0,
					totalPodcastListeningTime: 0,
					topAuthors: [],
					topGenres: [],
					mostListenedNarrator: null,
					mostListenedMonth: null,
					numBooksFinished: 0,
					numBooksListened: 0,
					longestAudiobookFinished: null,
					booksWithCovers: [],
					finishedBooksWithCovers: [],
				},
			);
		});
		router.on('GET', '/api/stats/year/:year', (request) => {
			if (!isAdmin(userOf(request))) return sendStatus(403);
			const year = yearOf(request.params.year);
			if (typeof year !== 'number') return year;
			const added = state.books.filter((book) => new Date(book.addedAt).getUTCFullYear() === year);
			return json({
				numListeningSessions: 0,
				numBooksAdded: added.length,
				numAuthorsAdded: new Set(added.map((book) => book.authorId)).size,
				totalBooksAddedSize: added.reduce((sum, book) => sum + book.size, 0),
				totalBooksAddedDuration: added.reduce((sum, book) => sum + book.duration, 0),
				booksAddedWithCovers: [],
				totalBooksSize: state.books.reduce((sum, book) => sum + book.size, 0),
				totalBooksDuration: state.books.reduce((sum, book) => sum + book.duration, 0),
				totalListeningTime: 0,
				numBooks: state.books.length,
				topAuthors: [],
				topNarrators: [],
				topGenres: [],
			});
		});

		collectionRoute('POST', '/batch/remove', (request, collection) => {
			const ids = ((((request.json ?? {}) as Json).books as unknown[]) ?? []).filter(
				(id) => typeof id === 'string' && id,
			) as string[];
			// Upstream answers an empty list with 500, not 400.
			if (!ids.length)
				return {
					status: 500,
					headers: { 'Content-Type': 'text/html; charset=utf-8' },
					body: 'Invalid request body',
				};
			collection.bookIds = (collection.bookIds as string[]).filter((id) => !ids.includes(id));
			return json(collectionBody(collection));
		});
		playlistRoute('POST', '/batch/remove', (request, playlist) => {
			const items = ((request.json ?? {}) as Json).items;
			if (
				!Array.isArray(items) ||
				!items.length ||
				items.some(
					(entry) =>
						!entry ||
						typeof (entry as Json).libraryItemId !== 'string' ||
						!(entry as Json).libraryItemId ||
						((entry as Json).episodeId && typeof (entry as Json).episodeId !== 'string'),
				)
			)
				return text(400, 'Invalid request body items');
			let remaining = playlist.items as Json[];
			let removed = false;
			for (const entry of items as Json[]) {
				const match = remaining.find((candidate) =>
					entry.episodeId
						? candidate.episodeId === entry.episodeId
						: candidate.libraryItemId === entry.libraryItemId,
				);
				if (!match) continue;
				remaining = remaining.filter((candidate) => candidate !== match);
				removed = true;
			}
			playlist.items = remaining;
			const answer = json(playlistBody(playlist));
			// A playlist left without items is deleted (the answer still shows it, empty).
			if (removed && remaining.length === 0)
				state.playlists = state.playlists.filter((candidate) => candidate !== playlist);
			return answer;
		});

		router.on('DELETE', '/api/me/progress/:id', (request) => {
			const user = userOf(request);
			const list = progressOf(user);
			if (!list.some((record) => record.id === request.params.id)) return sendStatus(404);
			state.progress.set(
				user.id,
				list.filter((record) => record.id !== request.params.id),
			);
			return sendStatus(200);
		});
		router.on('GET', '/api/me/progress/:id/remove-from-continue-listening', (request) => {
			const user = userOf(request);
			const record = progressOf(user).find((candidate) => candidate.id === request.params.id);
			if (!record) return sendStatus(404);
			record.hideFromContinueListening = true;
			return json(userJson(user));
		});
		// Express tries routes in order: this one is declared before GET /me/progress/:id/:episodeId? upstream.
		router.routes.unshift(router.routes.pop()!);
	}

	const server = await startFakeServer({
		router,
		latencyMs: options.latencyMs,
		guard: (request) => {
			if (!request.path.startsWith('/api/')) return undefined;
			const key = state.keys.get(presentedKey(request) ?? '');
			if (!key || !key.isActive) return unauthorized();
			const newer = ROUTE_VERSIONS.find(
				(route) =>
					route.method === request.method &&
					route.pattern.test(request.path) &&
					!versionAtLeast(state.serverVersion, route.since),
			);
			// An older server has no such route: Express's own page, or the answer of the older route that catches it.
			if (newer) return newer.caughtBy === 'progressGet' ? sendStatus(404) : cannotGet(request);
			if (request.method !== 'GET' && !keepsCache(request)) state.cache.clear();
			// Progress writes (remove-from-continue-listening is a GET that writes one) clear only these cached lists.
			const progressWrite =
				keepsCache(request) &&
				(request.method !== 'GET' || request.path.endsWith('/remove-from-continue-listening'));
			if (progressWrite)
				for (const cacheKey of [...state.cache.keys()])
					if (/\/(personalized|recent-episodes)\?/.test(cacheKey)) state.cache.delete(cacheKey);
			return undefined;
		},
		notFound: cannotGet,
	});

	// ApiCacheManager: wrap the library GET routes with a per user+URL cache when staleCache is on.
	for (const route of router.routes) {
		if (!route.name.startsWith('GET /api/libraries')) continue;
		const handler = route.handler;
		route.handler = async (request) => {
			const url = `${request.path}?${request.query.toString()}`;
			const cacheKey = `${userOf(request).id} ${url}`;
			if (state.staleCache && request.query.get('sort') !== 'random') {
				const hit = state.cache.get(cacheKey);
				if (hit) return hit;
				const response = await handler(request);
				if (response.status === 200) state.cache.set(cacheKey, response);
				return response;
			}
			return await handler(request);
		};
	}

	const fake: FakeAudiobookshelf = Object.assign(server, {
		state,
		addBook(overrides: Partial<AbsBook> = {}) {
			const book = makeBook(state.books.length + 1000, {
				addedAt: Date.now(),
				updatedAt: Date.now(),
				...overrides,
			});
			state.books.push(book);
			state.cache.clear();
			return book;
		},
		addEpisode(overrides: Json = {}) {
			const podcast = state.podcasts[0];
			const media = podcast.item.media as Json;
			const episodes = (media.episodes as Json[]) ?? [];
			const now = Date.now();
			const episode: Json = {
				...episodes[0],
				id: fakeUuid(0xe915, episodes.length + 100),
				title: `Episode ${episodes.length + 1}`,
				publishedAt: now,
				addedAt: now,
				updatedAt: now,
				...overrides,
			};
			podcast.item = {
				...podcast.item,
				media: { ...media, episodes: [...episodes, episode], numEpisodes: episodes.length + 1 },
			};
			podcast.updatedAt = Math.max(now, Number(episode.addedAt ?? now)) + 1;
			state.cache.clear();
			return episode;
		},
		setProgress(userId: string, record: Partial<AbsProgress> & { libraryItemId: string }) {
			const list = state.progress.get(userId) ?? [];
			const now = Date.now();
			const full: AbsProgress = {
				id: fakeUuid(0x9e0, list.length + 1),
				userId,
				episodeId: null,
				mediaItemId: `${record.libraryItemId.slice(0, 8)}-media`,
				mediaItemType: 'book',
				duration: 100,
				progress: record.isFinished ? 1 : 0,
				currentTime: 0,
				isFinished: false,
				hideFromContinueListening: false,
				ebookLocation: null,
				ebookProgress: 0,
				lastUpdate: now,
				startedAt: now,
				finishedAt: null,
				...record,
			};
			const index = list.findIndex(
				(entry) =>
					entry.libraryItemId === full.libraryItemId &&
					(entry.episodeId ?? null) === (full.episodeId ?? null),
			);
			if (index >= 0) list[index] = { ...full, id: list[index].id };
			else list.push(full);
			state.progress.set(userId, list);
			return index >= 0 ? list[index] : full;
		},
		clearCache() {
			state.cache.clear();
		},
	});
	return fake;
}
