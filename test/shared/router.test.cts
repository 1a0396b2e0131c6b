/**
 * The router is the one place that names the item in an error ("… [item N]"): operations, validation and the
 * transport raise errors without it, so it can neither be missing nor appear twice.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { run } from '../AudioBookRequest/helpers.cjs';
import { startFakeAudioBookRequest } from '../fakes/audiobookrequest.cjs';
import { jsonOf } from '../harness/engine.cjs';

const root = path.resolve(__dirname, '../..');

describe('router: [item N] in error messages', () => {
	test('no source file but the router writes "[item"', () => {
		const sources = execFileSync('git', ['ls-files', 'nodes', 'credentials'], { cwd: root })
			.toString()
			.trim()
			.split('\n')
			.filter((file) => file.endsWith('.ts') && file !== 'nodes/shared/router.ts');
		const writers = sources.filter((file) =>
			readFileSync(path.join(root, file), 'utf8').includes('[item '),
		);
		expect(writers).toEqual([]);
	});

	test('each failing item is named once, with Continue On Fail and without', async () => {
		const abr = await startFakeAudioBookRequest();
		try {
			const parameters = { resource: 'book', operation: 'search', query: '={{ $json.q }}' };
			const blank = { json: { q: '  ' } };
			const kept = await run(abr, parameters, { continueOnFail: true, input: [blank, blank] });
			expect(jsonOf(kept.items).map((item) => item.error)).toEqual([
				'Query is empty [item 0]',
				'Query is empty [item 1]',
			]);
			const failed = await run(abr, parameters, { input: [{ json: { q: 'dune' } }, blank] });
			expect(failed.error?.message).toBe('Query is empty [item 1]');
			expect(abr.stats.requests).toBe(1);
		} finally {
			await abr.close();
		}
	});
});
