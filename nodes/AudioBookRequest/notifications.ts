import type { IDataObject } from 'n8n-workflow';

/** AudioBookRequest's notification events (EventEnum). */
export const EVENTS = ['onNewRequest', 'onSuccessfulDownload', 'onFailedDownload'] as const;
export type AbrEvent = (typeof EVENTS)[number];

/** Header carrying the per-activation secret; AudioBookRequest sends a notification's static headers with every delivery. */
export const DELIVERY_HEADER = 'X-N8n-Abr-Secret';

const COMMON = [
	'eventType',
	'eventUser',
	'eventUserExtraData',
	'joinedUsers',
	'joinedUsersExtraData',
	'bookTitle',
	'bookAuthors',
	'bookNarrators',
	'bookCover',
] as const;

/** Placeholders each event fills (app/internal/notifications.py and its callers in AudioBookRequest 1.10). */
export const PLACEHOLDERS: Record<AbrEvent, readonly string[]> = {
	onNewRequest: COMMON,
	// The source fields are filled only when a Prowlarr grab succeeded, not for "Mark Downloaded".
	onSuccessfulDownload: [
		...COMMON,
		'bookASIN',
		'torrentInfoHash',
		'sourceSizeMB',
		'sourceTitle',
		'indexerName',
		'sourceProtocol',
	],
	onFailedDownload: [...COMMON, 'errorStatus', 'errorReason'],
};

const ALL_PLACEHOLDERS = [...new Set(Object.values(PLACEHOLDERS).flat())];

/**
 * The body template: JSON-shaped, one placeholder per line. It is registered as body_type "text": AudioBookRequest
 * does not escape placeholders, and with body_type "json" it would parse the filled template itself and drop the
 * delivery (and every later notification of the event) when a title contains a quote. As text it always arrives.
 */
export function bodyTemplate(event: AbrEvent): string {
	const lines = PLACEHOLDERS[event].map((key) => `  "${key}": "{${key}}"`);
	return `{\n${lines.join(',\n')}\n}`;
}

const MARKER = new RegExp(`(^|\\n)[ \\t]*"(${ALL_PLACEHOLDERS.join('|')})"[ \\t]*:[ \\t]*"`, 'g');

/**
 * Reads the fields of a delivery of `bodyTemplate`. Values were inserted raw, so a quote, backslash or line break
 * in a title leaves invalid or misleading JSON: the fields are cut out between the known keys instead of parsed.
 * Falls back to JSON for bodies that do not follow the template (e.g. a notification edited in the UI).
 */
export function parseDelivery(body: unknown): { fields: IDataObject; recovered: boolean } {
	if (body && typeof body === 'object' && !Buffer.isBuffer(body))
		return { fields: body as IDataObject, recovered: false };
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
	const markers: Array<{ key: string; start: number; valueStart: number }> = [];
	for (const match of text.matchAll(MARKER)) {
		const start = (match.index ?? 0) + match[1].length;
		markers.push({ key: match[2], start, valueStart: (match.index ?? 0) + match[0].length });
	}
	if (markers.length > 0) {
		const fields: IDataObject = {};
		markers.forEach((marker, index) => {
			const next = markers[index + 1];
			let value = text.slice(marker.valueStart, next ? next.start : text.length);
			value = next
				? value.replace(/"[ \t]*,?[ \t]*\r?\n?[ \t]*$/, '')
				: value.replace(/"[ \t]*\r?\n?[ \t]*}?[ \t\r\n]*$/, '');
			fields[marker.key] = value;
		});
		let valid = true;
		try {
			JSON.parse(text);
		} catch {
			valid = false;
		}
		return { fields, recovered: !valid };
	}
	try {
		const parsed = JSON.parse(text) as unknown;
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
			return { fields: parsed as IDataObject, recovered: false };
	} catch {
		// Not JSON either: hand the text over as it came.
	}
	return { fields: { body: text }, recovered: false };
}

/** Turns the raw fields into the trigger's output: unfilled placeholders become null, lists become arrays. */
export function eventOutput(fields: IDataObject, recovered: boolean): IDataObject {
	const output: IDataObject = {};
	for (const [key, raw] of Object.entries(fields)) {
		output[key] = typeof raw === 'string' && raw === `{${key}}` ? null : raw;
	}
	const list = (value: unknown, separator: string) =>
		typeof value === 'string' && value !== ''
			? value
					.split(separator)
					.map((entry) => entry.trim())
					.filter(Boolean)
			: [];
	const result: IDataObject = { event: output.eventType ?? null, ...output };
	if ('joinedUsers' in output) result.requesters = list(output.joinedUsers, ', ');
	if ('bookAuthors' in output) result.authors = list(output.bookAuthors, ',');
	if ('bookNarrators' in output) result.narrators = list(output.bookNarrators, ',');
	if (recovered) result.recoveredFromInvalidJson = true;
	return result;
}
