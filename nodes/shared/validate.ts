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

/** Parses a date parameter (ISO string or n8n DateTime) into ISO-8601 UTC with milliseconds and "Z". */
export function toIsoUtc(
	node: INode,
	raw: unknown,
	label: string,
	itemIndex?: number,
): string | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	const date = raw instanceof Date ? raw : new Date(String(raw));
	if (Number.isNaN(date.getTime())) {
		fail(
			node,
			`${label} "${String(raw)}" is not a valid date`,
			itemIndex,
			'Use an ISO date such as 2026-01-31T08:00:00Z.',
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
