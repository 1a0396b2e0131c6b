/** nodes/shared/ is the one floor every service stands on: no file in it may name a service. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SHARED = path.join(__dirname, '../../nodes/shared');
const SERVICE_NAMES = /speakr|audiobookshelf|audio ?book ?request|autopi|\babs\b|\babr\b/i;

test.each(readdirSync(SHARED).filter((name) => name.endsWith('.ts')))(
	'%s names no service',
	(file) => {
		const lines = readFileSync(path.join(SHARED, file), 'utf8').split('\n');
		const naming = lines
			.map((line, index) => `${index + 1}: ${line.trim()}`)
			.filter((line) => SERVICE_NAMES.test(line));
		expect(naming).toEqual([]);
	},
);

test('the folder has files (the test reads the right place)', () => {
	expect(readdirSync(SHARED).filter((name) => name.endsWith('.ts')).length).toBeGreaterThan(5);
});
