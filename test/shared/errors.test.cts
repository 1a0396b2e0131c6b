/** Error-message extraction as a table: the sentence each kind of service body yields. */
import { bodyExcerpt, commonErrorMessage } from '../../nodes/shared/errors';

describe('commonErrorMessage', () => {
	test.each([
		['nothing', undefined, undefined],
		['an empty string', '', undefined],
		['plain text', 'Library not found', 'Library not found'],
		[
			'an HTML page: tags and scripts dropped',
			'<html><script>x()</script><h1>502</h1> Bad gateway</html>',
			'502 Bad gateway',
		],
		['a buffer', Buffer.from('Forbidden'), 'Forbidden'],
		['{"detail": …} (FastAPI, DRF)', { detail: 'Not found.' }, 'Not found.'],
		['{"error": …}', { error: 'Invalid token' }, 'Invalid token'],
		['{"message": …}', { message: 'Too many requests' }, 'Too many requests'],
		['DRF non_field_errors', { non_field_errors: ['Unable to log in.'] }, 'Unable to log in.'],
		[
			"FastAPI's 422 list, with the field's location",
			{
				detail: [
					{ loc: ['body', 'asin'], msg: 'field required' },
					{ loc: ['query', 'limit'], msg: 'too big' },
				],
			},
			'asin: field required; query.limit: too big',
		],
		['a nested error object', { error: { message: 'quota exceeded' } }, 'quota exceeded'],
		[
			'DRF field errors',
			{ email: ['Enter a valid email.'], name: ['Too long.', 'Required.'] },
			'email: Enter a valid email.; name: Too long. Required.',
		],
		['a number', 42, '42'],
		['an object with nothing known', { ok: false }, undefined],
	])('%s', (_label, body, expected) => {
		expect(commonErrorMessage(body)).toBe(expected);
	});

	test('a long plain-text body is cut to 300 characters', () => {
		expect(commonErrorMessage('a'.repeat(1000))).toBe(`${'a'.repeat(300)}…`);
	});
});

describe('bodyExcerpt', () => {
	test.each([
		['whitespace collapsed', 'a \n\n b\t c', 10, 'a b c'],
		['cut with an ellipsis', 'abcdefghij', 4, 'abcd…'],
		['JSON of an object', { a: 1 }, 20, '{"a":1}'],
	])('%s', (_label, body, max, expected) => {
		expect(bodyExcerpt(body, max)).toBe(expected);
	});
});
