import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { bodyExcerpt, type ApiFailure } from './errors';
import { STATUS_TEXT } from './failure';
import { RETRY_POLICY, type Repeatable } from './retry';

export type ResponseKind = 'json' | 'text' | 'binary';

export function isEmptyJsonObject(body: unknown): boolean {
	return (
		typeof body === 'object' &&
		body !== null &&
		Object.getPrototypeOf(body) === Object.prototype &&
		Object.keys(body).length === 0
	);
}

/**
 * The body options of a request. n8n's request helper drops an empty object body (no body, no Content-Type), but
 * servers that read the body with Flask's get_json() refuse a POST without one: an empty object is sent as `{}`.
 */
export function requestBodyOptions(body: unknown): Pick<IHttpRequestOptions, 'body' | 'headers'> {
	if (body === undefined) return {};
	if (isEmptyJsonObject(body))
		return { body: '{}', headers: { 'Content-Type': 'application/json' } };
	return { body: body as IHttpRequestOptions['body'] };
}

/** Longest part of a failed answer kept for reading its message; the rest cannot reach a user or an execution. */
export const MAX_ERROR_BODY_CHARS = 64 * 1024;

export function toText(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (body instanceof ArrayBuffer) return Buffer.from(body).toString('utf8');
	return JSON.stringify(body);
}

export function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	return Buffer.from(JSON.stringify(body ?? ''), 'utf8');
}

/** JSON when it parses, else the text; undefined for an empty body. */
export function parseLoose(text: string): unknown {
	if (!text) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

export type SuccessBody =
	| { body: unknown }
	| { failure: ApiFailure & { repeatable?: Repeatable }; bodyText?: string };

/**
 * Reads a 2xx answer as the request expects it. A JSON request accepts JSON, an empty answer where none is due
 * (204, a write), and the bare status text some servers send for "done" (`OK` on a 200); anything else is a failure:
 * an HTML page (the Base URL points at a website or a proxy login), or text that is not the service's JSON (a
 * 200 "Unauthorized" from a proxy must not become a successful empty item).
 * `redact` is applied to the text before any of it is kept in a failure.
 */
export function readSuccessBody(
	response: IN8nHttpFullResponse,
	request: { method: string; expect?: ResponseKind },
	context: { displayName: string; label: string; redact: (text: string) => string },
): SuccessBody {
	const expect = request.expect ?? 'json';
	if (expect === 'binary') return { body: toBuffer(response.body) };
	const text = toText(response.body);
	if (expect === 'text') return { body: text };
	const status = response.statusCode;
	const { displayName, label } = context;
	if (status === 204 || text.trim() === '') {
		if (status === 204 || request.method !== 'GET') return { body: undefined };
		return {
			failure: {
				status,
				message: `${displayName} returned an empty body where JSON was expected`,
				request: label,
				repeatable: RETRY_POLICY.garbledBody,
			},
		};
	}
	try {
		return { body: JSON.parse(text) };
	} catch {
		// Not JSON: fall through to decide which kind of wrong it is.
	}
	const trimmed = text.trim();
	if (trimmed === STATUS_TEXT[status]) return { body: { message: trimmed } };
	const excerpt = bodyExcerpt(context.redact(text.slice(0, MAX_ERROR_BODY_CHARS)), 120);
	const contentType = String(response.headers['content-type'] ?? '');
	if (/html/i.test(contentType) || /^\s*</.test(text)) {
		return {
			failure: {
				status,
				message: `${displayName} returned an HTML page where JSON was expected`,
				hint: 'The Base URL probably points at a web page or a proxy login instead of the API. Check it in the credential.',
				serviceMessage: excerpt,
				request: label,
			},
		};
	}
	if (/^\s*[[{"]/.test(text)) {
		return {
			failure: {
				status,
				message: `${displayName} returned malformed JSON`,
				serviceMessage: excerpt,
				request: label,
				repeatable: RETRY_POLICY.garbledBody,
			},
		};
	}
	return {
		failure: {
			status,
			message: `${displayName} answered ${status} with text that is not ${displayName}'s JSON`,
			hint: 'Something other than the service answered (a proxy, another app at this address, or a login page). Check the Base URL and any proxy in front of the server.',
			serviceMessage: excerpt,
			request: label,
		},
	};
}
