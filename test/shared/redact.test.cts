/** Redaction as a table: every spelling of a secret a message can carry is removed, before anything is cut. */
import { cut, redact, REDACTED, SecretSet, secretForms } from '../../nodes/shared/redact';

const TOKEN = 'tok\'en!(x)*~ y/+="q\\z-é';

describe('redact', () => {
	const encodings: Array<[string, string]> = [
		['as typed', TOKEN],
		['encodeURIComponent', encodeURIComponent(TOKEN)],
		[
			"URLSearchParams (form style: + for space, ! ' ( ) ~ encoded)",
			new URLSearchParams([['t', TOKEN]]).toString().slice(2),
		],
		[
			"RFC 3986 strict (! ' ( ) * encoded)",
			encodeURIComponent(TOKEN).replace(
				/[!'()*]/g,
				(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
			),
		],
		[
			'lower-case percent escapes',
			encodeURIComponent(TOKEN).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
		],
		['JSON-escaped (" and \\)', JSON.stringify(TOKEN).slice(1, -1)],
		[
			'JSON with \\u escapes for non-ASCII (Python json.dumps)',
			JSON.stringify(TOKEN).slice(1, -1).replace('é', '\\u00e9'),
		],
		['HTML-escaped', TOKEN.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')],
		['base64', Buffer.from(TOKEN).toString('base64')],
	];
	test.each(encodings)('%s', (_label, written) => {
		const text = `before ${written} after`;
		expect(redact(text, [TOKEN])).toBe(`before ${REDACTED} after`);
	});

	test('every form secretForms lists is removed, in a message holding all of them', () => {
		const text = secretForms(TOKEN).join(' | ');
		const result = redact(text, [TOKEN]);
		expect(result.replace(/\[redacted\]/g, '').replace(/[ |]/g, '')).toBe('');
	});

	test.each([
		['too short to redact safely', 'abc', 'abc def', 'abc def'],
		['several secrets', 'secret-one', 'secret-one and secret-two', `${REDACTED} and ${REDACTED}`],
		['a secret that contains another: the longer wins', 'abcd', 'abcdefgh', REDACTED],
	])('%s', (_label, _first, text, expected) => {
		expect(redact(text, ['abcd', 'abcdefgh', 'secret-one', 'secret-two', 'abc'])).toBe(
			expected.replace('abcdefgh', REDACTED),
		);
	});

	test('redacting first, then cutting, never leaves the start of a secret that crossed the cut', () => {
		const secret = 'crossing-secret-0123456789';
		const text = `${'x'.repeat(150)}${secret}${'y'.repeat(100)}`;
		for (let max = 140; max < 190; max++) {
			const shown = cut(redact(text, [secret]), max);
			expect(shown).not.toMatch(/cro|crossing/);
		}
	});
});

describe('SecretSet', () => {
	test('grows during a run: a value added later (a new session token) is redacted from then on', () => {
		const set = new SecretSet();
		set.add(['first-token', undefined, '', 'ab']);
		expect(set.redact('first-token second-token')).toBe(`${REDACTED} second-token`);
		set.add(['second-token']);
		expect(set.redact('first-token second-token')).toBe(`${REDACTED} ${REDACTED}`);
		expect(set.list()).toEqual(['first-token', 'second-token']);
	});

	test('redactBody keeps the shape of a parsed body', () => {
		const set = new SecretSet();
		set.add(['pa"ss\\word']);
		expect(set.redactBody({ detail: 'bad password pa"ss\\word', n: 1 })).toEqual({
			detail: `bad password ${REDACTED}`,
			n: 1,
		});
		expect(set.redactBody('text pa"ss\\word')).toBe(`text ${REDACTED}`);
		expect(set.redactBody(undefined)).toBeUndefined();
	});
});
