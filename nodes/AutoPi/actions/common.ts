import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ListPage } from '../../shared/paginate';
import { assertDateRange, requireId, toIsoUtc } from '../../shared/validate';
import { vehicleLocator } from '../locators';

/** The largest page AutoPi is known to serve (500 succeeded for clients; the real ceiling is unverified). */
export const AUTOPI_PAGE_SIZE = 500;

/** DRF `page` + `page_size`; when AutoPi answers with `next` links, those are followed instead. */
export const DRF_PAGING = {
	style: 'page',
	pageParam: 'page',
	sizeParam: 'page_size',
	firstPage: 1,
} as const;

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Query parameters of a DRF `next` link; the link's host is ignored (behind proxies it is often http://…). */
export function queryOfLink(link: unknown): IDataObject | undefined {
	if (typeof link !== 'string' || link === '') return undefined;
	let url: URL;
	try {
		url = new URL(link, 'http://placeholder.invalid');
	} catch {
		return undefined;
	}
	const query: IDataObject = {};
	url.searchParams.forEach((value, key) => {
		query[key] = value;
	});
	return query;
}

/**
 * AutoPi list bodies: a plain array (one page, everything) or a DRF envelope `{count, next, previous, results}`.
 * Logbook envelopes `{count, results}` have no `next`: the count tells when to stop.
 */
export function readAutoPiList(body: unknown): ListPage | undefined {
	if (Array.isArray(body)) return { items: body.filter(isRecord), hasNext: false };
	if (!isRecord(body) || !Array.isArray(body.results)) return undefined;
	const items = (body.results as unknown[]).filter(isRecord);
	const total = typeof body.count === 'number' ? body.count : undefined;
	const page: ListPage = { items, total };
	if ('next' in body) {
		page.hasNext = body.next !== null && body.next !== undefined && body.next !== '';
		if (page.hasNext) page.nextQuery = queryOfLink(body.next);
	}
	return page;
}

/** One record from an endpoint that may answer an object, a one-element array or an envelope. */
export function firstRecord(body: unknown): IDataObject | undefined {
	if (Array.isArray(body)) return body.find(isRecord);
	if (isRecord(body) && Array.isArray(body.results))
		return (body.results as unknown[]).find(isRecord);
	return isRecord(body) ? body : undefined;
}

/** An optional vehicle filter given as a plain field: empty means "all vehicles". */
export function readOptionalVehicleId(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
): string | undefined {
	if (raw === undefined || raw === null || String(raw).trim() === '') return undefined;
	return requireId(context.getNode(), raw, vehicleLocator.spec.rule, itemIndex);
}

/** A date range as ISO-8601 UTC `…Z`; an end before the start is refused here, before any request. */
export function readDateRange(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: { from: unknown; to: unknown },
	labels: { from: string; to: string },
): { from?: string; to?: string } {
	const node = context.getNode();
	const from = toIsoUtc(node, raw.from, labels.from, itemIndex);
	const to = toIsoUtc(node, raw.to, labels.to, itemIndex);
	assertDateRange(node, from, to, itemIndex);
	return { from, to };
}

/** Whether a record's time lies in the range (records without a readable time are kept). */
export function inRange(value: unknown, range: { from?: string; to?: string }): boolean {
	if (!range.from && !range.to) return true;
	const ms =
		typeof value === 'string' || typeof value === 'number' ? new Date(value).getTime() : Number.NaN;
	if (Number.isNaN(ms)) return true;
	if (range.from && ms < new Date(range.from).getTime()) return false;
	if (range.to && ms > new Date(range.to).getTime()) return false;
	return true;
}

const SECRET_KEY = /token|password|secret|psk|api_?key/i;

/** Removes secrets (device tokens, Wi-Fi passwords and the like) from AutoPi output, at any depth. */
export function withoutSecrets<T>(value: T): T {
	if (Array.isArray(value)) return value.map((entry) => withoutSecrets(entry)) as T;
	if (!isRecord(value)) return value;
	const clean: IDataObject = {};
	for (const [key, entry] of Object.entries(value)) {
		if (SECRET_KEY.test(key)) continue;
		clean[key] = withoutSecrets(entry);
	}
	return clean as T;
}

export function pick(record: IDataObject, fields: readonly string[]): IDataObject {
	const simple: IDataObject = {};
	for (const field of fields) if (field in record) simple[field] = record[field];
	return simple;
}

export const simplifyProperty = (what: string): INodeProperties => ({
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: `Whether to return only the main fields of each ${what} instead of all of them`,
});
