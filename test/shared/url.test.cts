/** Which paths and redirects the transport accepts: no ID may change the endpoint, no redirect leaves the Base URL. */
import { followableRedirect, refusedPathSegment } from '../../nodes/shared/url';

describe('refusedPathSegment', () => {
	test.each([
		['/users/alice', undefined],
		['/logbook/v2/trips/', undefined],
		['/items/li_8a7b/cover', undefined],
		['/users/a.b', undefined],
		['/users/' + encodeURIComponent('a b'), undefined],
		['/users/.', '.'],
		['/users/..', '..'],
		['/users/%2e%2E', '%2e%2E'],
		['/users/%2E', '%2E'],
		['/users/../admin', '..'],
		['/users/a%2Fb', 'a%2Fb'],
		['/users/a%5Cb', 'a%5Cb'],
		['/users/a?x=1', undefined],
		['/recommendations/user?seed_asins=B1&seed_asins=B2', undefined],
		['/users/..?x=1', '..'],
		['/users/a%3Fx', undefined],
		['/users/a#x', 'a#x'],
		['/users//delete', ''],
	])('%s', (path, refused) => {
		expect(refusedPathSegment(path)).toBe(refused);
	});
});

describe('followableRedirect', () => {
	const base = 'https://apps.example.com/speakr';
	const from = `${base}/api/v1/recordings`;
	test.each([
		['a relative move below the base', '/speakr/api/v1/recordings/', true],
		['the base itself', '/speakr', true],
		['another app on the same host', '/other-app/api', false],
		['a sibling path that only starts with the same letters', '/speakr-admin/x', false],
		['dot segments climbing out', '/speakr/../other/x', false],
		['encoded dot segments climbing out', '/speakr/%2e%2e/other/x', false],
		['another origin', 'https://evil.example.com/speakr/api', false],
		['http instead of https', 'http://apps.example.com/speakr/api', false],
		['another port', 'https://apps.example.com:8443/speakr/api', false],
		['nonsense', 'http://[', false],
	])('%s', (_label, location, within) => {
		expect(followableRedirect(location, from, base).within).toBe(within);
	});

	test('with a root Base URL, any same-origin path is below it', () => {
		expect(followableRedirect('/anything', 'http://h:1/api/x', 'http://h:1').within).toBe(true);
	});

	test('the shown target never carries the query (it may hold a token)', () => {
		expect(followableRedirect('/speakr/x?token=abc', from, base).shown).toBe(
			'https://apps.example.com/speakr/x',
		);
	});
});
