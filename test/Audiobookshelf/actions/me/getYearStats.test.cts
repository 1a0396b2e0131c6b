import {
	ABS_READER_TOKEN,
	ROOT_USER_ID,
	startFakeAudiobookshelf,
	type FakeAudiobookshelf,
} from '../../../fakes/audiobookshelf.cjs';
import { requests, run } from '../../common.cjs';

let abs: FakeAudiobookshelf;
beforeAll(async () => {
	abs = await startFakeAudiobookshelf({ books: 3 });
	abs.state.yearStats.set(`${ROOT_USER_ID} 2025`, {
		totalListeningSessions: 12,
		totalListeningTime: 40_000,
		totalBookListeningTime: 40_000,
		totalPodcastListeningTime: 0,
		topAuthors: [{ name: 'John Roe', time: 30_000 }],
		topGenres: [{ genre: 'Fiction', time: 30_000 }],
		mostListenedNarrator: { time: 20_000, name: 'Nora Reader' },
		mostListenedMonth: { month: 2, time: 15_000 },
		numBooksFinished: 2,
		numBooksListened: 3,
		longestAudiobookFinished: { id: 'x', title: 'Second Story', duration: 36_000, finishedAt: 1 },
		booksWithCovers: [],
		finishedBooksWithCovers: [],
	});
});
afterAll(async () => await abs.close());
beforeEach(() => {
	abs.resetStats();
	abs.state.serverVersion = '2.36.0';
});

const yearStats = (parameters: Record<string, unknown>, options = {}) =>
	run(abs, { resource: 'me', operation: 'getYearStats', ...parameters }, options);

describe('Audiobookshelf → Me → Get Year in Review', () => {
	test("the key user's year", async () => {
		const result = await yearStats({ year: 2025 });
		expect(result.error).toBeUndefined();
		expect(requests(abs)).toEqual(['GET /api/me/stats/year/2025']);
		expect(result.items[0].json).toMatchObject({
			year: 2025,
			scope: 'me',
			numBooksFinished: 2,
			topAuthors: [{ name: 'John Roe', time: 30_000 }],
		});
	});

	test('the whole server (admin); a non-admin key gets 403', async () => {
		const result = await yearStats({ year: 2026, scope: 'server' });
		expect(requests(abs)).toEqual(['GET /api/stats/year/2026']);
		expect(result.items[0].json).toMatchObject({ year: 2026, scope: 'server', numBooks: 3 });
		const reader = await yearStats(
			{ year: 2026, scope: 'server' },
			{ credentials: { apiToken: ABS_READER_TOKEN } },
		);
		expect(reader.error?.message).toBe('Audiobookshelf answered 403 Forbidden [item 0]');
	});

	test('before 2.7.0 the route does not exist: the error names the version to update to', async () => {
		abs.state.serverVersion = '2.6.0';
		const result = await yearStats({ year: 2025 });
		expect(result.error?.message).toBe(
			'Audiobookshelf does not know GET /api/me/stats/year/2025: this needs Audiobookshelf 2.7.0 or later [item 0]',
		);
		expect(result.error?.description).toMatch(/Update Audiobookshelf to 2.7.0 or later/);
	});

	test('a year outside 2000–9999 is refused before any request', async () => {
		const result = await yearStats({ year: 1999.5 });
		expect(result.error?.message).toMatch(/Year 1999.5 is not valid/);
		expect(abs.stats.requests).toBe(0);
	});
});
