import { readFileSync } from 'node:fs';
import path from 'node:path';

import { Speakr } from '../../nodes/Speakr/Speakr.node';
import { NodeHost } from '../harness/contexts.cjs';
import { jsonOf } from '../harness/engine.cjs';
import { startFakeSpeakr, type FakeSpeakr } from '../fakes/speakr.cjs';
import {
	byId,
	expectNoTokenLeak,
	fromList,
	requestLines,
	runSpeakr,
	speakrCredentials,
} from './helpers.cjs';

const tagsFixture = JSON.parse(
	readFileSync(path.join(__dirname, '..', 'fixtures', 'speakr', 'tags.json'), 'utf8'),
) as { tags: unknown[] };

let speakr: FakeSpeakr;
beforeAll(async () => {
	speakr = await startFakeSpeakr({ recordings: 130 });
});
afterAll(async () => await speakr.close());
beforeEach(() => {
	speakr.resetStats();
	speakr.state.foldersEnabled = true;
});

describe('Speakr → Tag', () => {
	test('Get Many returns the tags exactly as the recorded fixture, Limit applied', async () => {
		const all = await runSpeakr(speakr, { resource: 'tag', operation: 'getAll', returnAll: true });
		expect(jsonOf(all.items)).toEqual(tagsFixture.tags);
		const limited = await runSpeakr(speakr, { resource: 'tag', operation: 'getAll', limit: 1 });
		expect(jsonOf(limited.items)).toEqual([tagsFixture.tags[0]]);
		expect(requestLines(speakr)).toEqual(['GET /api/v1/tags', 'GET /api/v1/tags']);
	});

	test('Add to Recording sends tag_ids (picked + extra, deduplicated) and returns what was added', async () => {
		const result = await runSpeakr(speakr, {
			resource: 'tag',
			operation: 'addToRecording',
			recordingId: byId(1),
			tagId: fromList(2),
			moreTagIds: '1, 2',
		});
		expect(result.error).toBeUndefined();
		expect(requestLines(speakr)).toEqual(['POST /api/v1/recordings/1/tags']);
		expect(result.items[0].json).toEqual({
			recording_id: 1,
			added_tags: [
				{ id: 2, name: 'viaheader' },
				{ id: 1, name: 'meetings' },
			],
			errors: [],
		});
		expect(
			speakr.state.recordings
				.find((r) => r.id === 1)!
				.tags.map((t) => t.id)
				.sort(),
		).toEqual([1, 2]);
	});

	test('Speakr answers 200 for unknown tags: partly unknown keeps errors[], all unknown fails the item', async () => {
		const partly = await runSpeakr(speakr, {
			resource: 'tag',
			operation: 'addToRecording',
			recordingId: byId(2),
			tagId: byId(1),
			moreTagIds: '99',
		});
		expect(partly.items[0].json).toEqual({
			recording_id: 2,
			added_tags: [{ id: 1, name: 'meetings' }],
			errors: ['Tag 99 not found'],
		});
		const none = await runSpeakr(
			speakr,
			{ resource: 'tag', operation: 'addToRecording', recordingId: byId(2), tagId: byId(98) },
			{ continueOnFail: true },
		);
		expect(none.items[0].json.error).toContain('Speakr added none of the tags: Tag 98 not found');
		expect(none.items[0].pairedItem).toEqual({ item: 0 });
	});

	test("Remove from Recording; a tag not on the recording gives Speakr's 404 message", async () => {
		const removed = await runSpeakr(speakr, {
			resource: 'tag',
			operation: 'removeFromRecording',
			recordingId: byId(3),
			tagId: byId(1),
		});
		expect(removed.error).toBeUndefined();
		expect(requestLines(speakr)).toEqual(['DELETE /api/v1/recordings/3/tags/1']);
		expect(removed.items[0].json).toEqual({ recording_id: 3, tag_id: 1, removed: true });
		const again = await runSpeakr(speakr, {
			resource: 'tag',
			operation: 'removeFromRecording',
			recordingId: byId(3),
			tagId: byId(1),
		});
		expect(again.error?.message).toContain('Tag not on this recording');
		expectNoTokenLeak(again);
	});

	test('bad tag ids are refused before any request', async () => {
		const result = await runSpeakr(speakr, {
			resource: 'tag',
			operation: 'addToRecording',
			recordingId: byId(3),
			tagId: byId('={{ "meetings" }}'),
		});
		expect(result.error?.message).toContain('Tag ID "meetings" is not valid');
		const extra = await runSpeakr(speakr, {
			resource: 'tag',
			operation: 'addToRecording',
			recordingId: byId(3),
			tagId: byId(1),
			moreTagIds: '2; 3',
		});
		expect(extra.error?.message).toContain('Tag ID "2; 3" is not valid');
		expect(speakr.stats.requests).toBe(0);
	});
});

describe('Speakr → Speaker', () => {
	test('Get Many lists saved speakers', async () => {
		const result = await runSpeakr(speakr, {
			resource: 'speaker',
			operation: 'getAll',
			returnAll: true,
		});
		expect(requestLines(speakr)).toEqual(['GET /api/v1/speakers']);
		expect(jsonOf(result.items).map((s) => s.name)).toEqual(['Alice', 'Bob']);
	});

	test('Get Many for Recording gives one item per label with its suggestions', async () => {
		const result = await runSpeakr(speakr, {
			resource: 'speaker',
			operation: 'getForRecording',
			recordingId: byId(2),
		});
		expect(requestLines(speakr)).toEqual(['GET /api/v1/recordings/2/speakers']);
		expect(jsonOf(result.items)).toEqual([
			{
				recording_id: 2,
				label: 'SPEAKER_00',
				identified_name: null,
				speaker_id: null,
				segment_count: 1,
				suggestions: [{ speaker_id: 1, name: 'Alice', similarity: 0.91 }],
			},
			{
				recording_id: 2,
				label: 'SPEAKER_01',
				identified_name: null,
				speaker_id: null,
				segment_count: 1,
				suggestions: [],
			},
		]);
	});
});

describe('Speakr → Folder', () => {
	test('Get Many reads the bare array; Get reads one folder', async () => {
		const many = await runSpeakr(speakr, {
			resource: 'folder',
			operation: 'getAll',
			returnAll: true,
		});
		expect(jsonOf(many.items).map((f) => f.name)).toEqual(['Work', 'Customers']);
		const one = await runSpeakr(speakr, {
			resource: 'folder',
			operation: 'get',
			folderId: fromList(2),
		});
		expect(one.items[0].json).toMatchObject({ id: 2, name: 'Customers', retention_days: 90 });
		expect(requestLines(speakr)).toEqual(['GET /api/v1/folders', 'GET /api/v1/folders/2']);
	});

	test('folders disabled by the admin: 403 explains it', async () => {
		speakr.state.foldersEnabled = false;
		const result = await runSpeakr(speakr, {
			resource: 'folder',
			operation: 'getAll',
			returnAll: true,
		});
		expect(result.error?.message).toContain(
			'Speakr answered 403 Forbidden: Folders feature is not enabled',
		);
		expect(result.error?.description).toContain('Folders feature is disabled by the admin');
	});
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
