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

/**
 * The body template of one event: each placeholder on its own line after a marker line `--<boundary> <name>`, closed
 * by `--<boundary>--`. AudioBookRequest fills placeholders with plain str.replace and escapes nothing, so a value (a
 * title, an author, a username, an indexer's source title) may contain anything: quotes, line breaks, text that looks
 * like another field. The boundary is a random secret of this activation (only AudioBookRequest admins and n8n see
 * it), so no value can contain a marker and end its field early or start another one. Registered as body_type "text":
 * with "json" AudioBookRequest would parse the filled template itself and drop deliveries with a quote in a title.
 */
export function bodyTemplate(event: AbrEvent, boundary: string): string {
	const fields = PLACEHOLDERS[event].map((key) => `--${boundary} ${key}\n{${key}}\n`);
	return `${fields.join('')}--${boundary}--\n`;
}

/**
 * Reads a delivery of `bodyTemplate(event, boundary)` for one of `events`: the markers must come exactly in the
 * registered order, and each value is everything between its marker and the next one. Returns undefined for any other
 * body (e.g. a notification edited in AudioBookRequest), which is then not taken apart.
 */
export function parseDelivery(
	text: string,
	boundary: string,
	events: readonly AbrEvent[],
): { event: AbrEvent; fields: IDataObject } | undefined {
	if (!boundary) return undefined;
	for (const event of events) {
		const fields = readFields(text, boundary, PLACEHOLDERS[event]);
		if (fields && fields.eventType === event) return { event, fields };
	}
	return undefined;
}

function readFields(
	text: string,
	boundary: string,
	keys: readonly string[],
): IDataObject | undefined {
	const fields: IDataObject = {};
	const end = `--${boundary}--\n`;
	let position = 0;
	for (let index = 0; index < keys.length; index++) {
		const marker = `--${boundary} ${keys[index]}\n`;
		if (!text.startsWith(marker, position)) return undefined;
		const start = position + marker.length;
		const next = index + 1 < keys.length ? `\n--${boundary} ${keys[index + 1]}\n` : `\n${end}`;
		const stop = text.indexOf(next, start);
		if (stop < 0) return undefined;
		fields[keys[index]] = text.slice(start, stop);
		position = stop + 1;
	}
	return text.slice(position).trimEnd() === end.trimEnd() ? fields : undefined;
}

/**
 * AudioBookRequest joins names with "," and no space ("Frank Herbert,Brian Herbert"): a comma followed by a space
 * belongs to a name ("Bob, Jr."). A manual request's "A, B" is stored by AudioBookRequest as ["A", " B"] and so
 * reads as one name here; the joined text stays available as it came (bookAuthors / bookNarrators).
 */
export function splitNames(joined: string): string[] {
	return joined
		.split(/,(?! )/)
		.map((name) => name.trim())
		.filter(Boolean);
}

/** Turns the fields into the trigger's output: unfilled placeholders become null, lists become arrays. */
export function eventOutput(event: AbrEvent, fields: IDataObject): IDataObject {
	const output: IDataObject = {};
	for (const [key, raw] of Object.entries(fields)) {
		output[key] = typeof raw === 'string' && raw === `{${key}}` ? null : raw;
	}
	const text = (value: unknown) => (typeof value === 'string' ? value : '');
	const result: IDataObject = { event, ...output };
	result.requesters = text(output.joinedUsers)
		.split(', ')
		.map((name) => name.trim())
		.filter(Boolean);
	result.authors = splitNames(text(output.bookAuthors));
	result.narrators = splitNames(text(output.bookNarrators));
	return result;
}
