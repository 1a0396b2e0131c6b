import type { INode } from 'n8n-workflow';

import { inputError } from './inputError';

/** Bad input is refused here, before any request leaves n8n (`fail` throws inputError; the router names the item). */

export function fail(
	node: INode,
	message: string,
	itemIndex: number | undefined,
	description?: string,
): never {
	throw inputError(node, message, { itemIndex, description });
}

/** Trims the base URL, drops trailing slashes, keeps a sub-path, and refuses anything but http(s). */
export function normalizeBaseUrl(node: INode, raw: unknown, itemIndex?: number): string {
	const value = typeof raw === 'string' ? raw.trim() : '';
	if (!value) {
		fail(
			node,
			'The credential has no Base URL',
			itemIndex,
			'Open the credential and enter the server address, e.g. https://app.example.com',
		);
	}
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		fail(
			node,
			`The credential's Base URL "${value}" is not a valid URL`,
			itemIndex,
			'Use the full address including http:// or https://',
		);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		fail(
			node,
			`The credential's Base URL must start with http:// or https:// (got "${url.protocol}")`,
			itemIndex,
		);
	}
	if (url.search || url.hash) {
		fail(node, "The credential's Base URL must not contain a query string or fragment", itemIndex);
	}
	return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export interface IdRule {
	/** Human name used in the message, e.g. "Recording ID". */
	label: string;
	pattern?: RegExp;
	/** Shown when the pattern does not match, e.g. "a whole number such as 42". */
	expected?: string;
	/** How a valid ID is sent, e.g. lower-case UUIDs, upper-case ASINs. */
	canonical?: (value: string) => string;
}

export const INTEGER_ID: Pick<IdRule, 'pattern' | 'expected'> = {
	pattern: /^[1-9]\d*$/,
	expected: 'a positive whole number such as 42',
};
// Patterns carry no regex flags: resource locators hand them to the editor, which applies none.
export const UUID_ID: Pick<IdRule, 'pattern' | 'expected' | 'canonical'> = {
	pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
	expected: 'a UUID such as 3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f',
	canonical: (value) => value.toLowerCase(),
};
/** Path-safe identifier: no slashes, spaces or characters that would change the URL. */
export const SAFE_ID: Pick<IdRule, 'pattern' | 'expected'> = {
	pattern: /^[A-Za-z0-9._~:@-]+$/,
	expected: 'letters, digits, dots, dashes or underscores',
};

/** Returns the trimmed ID or throws a NodeOperationError naming the field and what was expected. */
export function requireId(node: INode, raw: unknown, rule: IdRule, itemIndex?: number): string {
	const value = raw === undefined || raw === null ? '' : String(raw).trim();
	if (!value) {
		fail(
			node,
			`${rule.label} is empty`,
			itemIndex,
			`Enter the ${rule.label}, pick it from the list, or map it from an earlier node.`,
		);
	}
	const pattern = rule.pattern ?? SAFE_ID.pattern;
	if (pattern && !pattern.test(value)) {
		fail(
			node,
			`${rule.label} "${value.slice(0, 80)}" is not valid`,
			itemIndex,
			`Expected ${rule.expected ?? SAFE_ID.expected}.`,
		);
	}
	return rule.canonical ? rule.canonical(value) : value;
}

const ISO_DATE =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/i;

/** Whether an ISO text names a real calendar day and time (JavaScript would roll 2026-02-30 over to March 2). */
function isRealDate(match: RegExpExecArray): boolean {
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return false;
	const [hour, minute, second] = [
		Number(match[4] ?? 0),
		Number(match[5] ?? 0),
		Number(match[6] ?? 0),
	];
	return hour <= 23 && minute <= 59 && second <= 59;
}

/** Date values n8n hands over: a Date, a Luxon DateTime (expressions), or text. */
function dateText(raw: unknown): string | Date | undefined {
	if (raw instanceof Date) return raw;
	if (typeof raw === 'string') return raw.trim();
	const luxon = raw as { toISO?: () => string | null; isValid?: boolean };
	if (raw && typeof raw === 'object' && typeof luxon.toISO === 'function')
		return luxon.isValid === false ? undefined : (luxon.toISO() ?? undefined);
	return undefined;
}

/**
 * Parses a date parameter (ISO text, Date or n8n DateTime) into ISO-8601 UTC with milliseconds and "Z". Only real
 * ISO dates pass: an impossible day (2026-02-30) or a bare number ("1", which JavaScript reads as 2001) is refused.
 * Without an offset a date means UTC midnight and a date-time the server's local time (as JavaScript reads them).
 */
export function toIsoUtc(
	node: INode,
	raw: unknown,
	label: string,
	itemIndex?: number,
): string | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	const value = dateText(raw);
	let date: Date | undefined;
	if (value instanceof Date) date = value;
	else if (value !== undefined) {
		const match = ISO_DATE.exec(value);
		if (match && isRealDate(match)) date = new Date(value.replace(' ', 'T'));
	}
	if (!date || Number.isNaN(date.getTime())) {
		const shown = typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
		fail(
			node,
			`${label} "${shown.slice(0, 80)}" is not a valid date`,
			itemIndex,
			'Use an ISO date such as 2026-01-31 or 2026-01-31T08:00:00Z (a real calendar day; numbers are not dates).',
		);
	}
	return date.toISOString();
}

/** Refuses a date range whose end is before its start. */
export function assertDateRange(
	node: INode,
	from: string | undefined,
	to: string | undefined,
	itemIndex?: number,
): void {
	if (from && to && new Date(to).getTime() < new Date(from).getTime()) {
		fail(
			node,
			`The date range ends (${to}) before it starts (${from})`,
			itemIndex,
			'Swap the two dates or correct one of them.',
		);
	}
}

/** A date range as ISO-8601 UTC `…Z`, each end optional; an end before the start is refused. */
export function toIsoRange(
	node: INode,
	raw: { from: unknown; to: unknown },
	labels: { from: string; to: string },
	itemIndex?: number,
): { from?: string; to?: string } {
	const from = toIsoUtc(node, raw.from, labels.from, itemIndex);
	const to = toIsoUtc(node, raw.to, labels.to, itemIndex);
	assertDateRange(node, from, to, itemIndex);
	return { from, to };
}

/** Whether a record's time lies in the range (records without a readable time are kept). */
export function inDateRange(value: unknown, range: { from?: string; to?: string }): boolean {
	if (!range.from && !range.to) return true;
	const ms =
		typeof value === 'string' || typeof value === 'number' ? new Date(value).getTime() : Number.NaN;
	if (Number.isNaN(ms)) return true;
	if (range.from && ms < new Date(range.from).getTime()) return false;
	if (range.to && ms > new Date(range.to).getTime()) return false;
	return true;
}

/**
 * A whole number within bounds, from a number field or an expression (`"25"` is read as 25). NaN, text, fractions
 * and values out of bounds are refused: an expression can bypass the field's own min/max.
 */
export function toWholeNumber(
	node: INode,
	raw: unknown,
	label: string,
	bounds: { min: number; max?: number },
	itemIndex?: number,
): number {
	const value =
		typeof raw === 'number'
			? raw
			: typeof raw === 'string' && raw.trim() !== ''
				? Number(raw)
				: NaN;
	const max = bounds.max ?? Number.MAX_SAFE_INTEGER;
	if (!Number.isInteger(value) || value < bounds.min || value > max) {
		const shown = typeof raw === 'string' ? `"${raw.slice(0, 40)}"` : String(raw).slice(0, 40);
		fail(
			node,
			`${label} ${shown} is not valid`,
			itemIndex,
			bounds.max === undefined
				? `Use a whole number of at least ${bounds.min}.`
				: `Use a whole number from ${bounds.min} to ${bounds.max}.`,
		);
	}
	return value;
}

export function requireText(node: INode, raw: unknown, label: string, itemIndex?: number): string {
	const value =
		typeof raw === 'string'
			? raw.trim()
			: raw === undefined || raw === null
				? ''
				: String(raw).trim();
	if (!value) fail(node, `${label} is empty`, itemIndex, `Enter the ${label}.`);
	return value;
}
