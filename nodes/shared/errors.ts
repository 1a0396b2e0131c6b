import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { cut, redact } from './redact';
import type { ServiceProfile } from './service';

/** Longest service message kept in an error's description; the rest of a huge answer is dropped. */
const MAX_SERVICE_MESSAGE_CHARS = 1000;

const GENERIC_HINTS: Record<number, string> = {
	400: 'Check the values sent for this operation.',
	401: 'Check the API token in the credential: it may be wrong, expired or revoked.',
	403: 'The token is valid but its user lacks the permission for this operation.',
	404: 'Check the ID and that the Base URL points at the right server.',
	409: 'The resource is in a conflicting state (for example it already exists).',
	413: 'The upload is larger than the server accepts.',
	422: 'The server rejected the values sent; see the details.',
	429: 'The server is rate limiting requests. Wait, or lower the concurrency in Request Options.',
	500: 'The server failed while handling the request. Check its logs.',
	502: 'A proxy in front of the server could not reach it. Check that the server is running.',
	503: 'The server is unavailable or overloaded. Try again later.',
	504: 'A proxy in front of the server timed out. Try again, or raise the timeout.',
};

/** Short, single-line text excerpt of a body for error details; HTML tags stripped. */
export function bodyExcerpt(body: unknown, max = 300): string {
	let text: string;
	if (body === undefined || body === null) return '';
	if (Buffer.isBuffer(body)) text = body.toString('utf8');
	else if (typeof body === 'string') text = body;
	else {
		try {
			text = JSON.stringify(body);
		} catch {
			text = String(body);
		}
	}
	const plain = text
		.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return cut(plain, max);
}

export interface ApiFailure {
	status?: number;
	/** What happened, in one sentence (without the item suffix). */
	message: string;
	/** The service's own words, if any. */
	serviceMessage?: string;
	/** How to fix it. */
	hint?: string;
	/** Request shown to the user: method and path, never the query (it may carry a token). */
	request?: string;
}

/** Builds the NodeApiError users see. Everything is redacted first, then cut. */
export function apiError(
	node: INode,
	profile: ServiceProfile,
	failure: ApiFailure,
	secrets: Iterable<string>,
	itemIndex?: number,
): NodeApiError {
	const hint = failure.hint ?? (failure.status ? hintFor(profile, failure.status) : undefined);
	const said = failure.serviceMessage
		? cut(redact(failure.serviceMessage, secrets), MAX_SERVICE_MESSAGE_CHARS)
		: undefined;
	const parts = [
		said ? `${profile.displayName} said: ${said}` : undefined,
		hint,
		failure.request ? `Request: ${failure.request}` : undefined,
	].filter(Boolean);
	// The router names the item in the message when the error reaches it.
	const message = redact(failure.message, secrets);
	const description = redact(parts.join(' — '), secrets);
	const cause: JsonObject = {
		message,
		description,
		...(failure.status ? { httpCode: String(failure.status) } : {}),
	};
	return new NodeApiError(node, cause, {
		message,
		description,
		httpCode: failure.status ? String(failure.status) : undefined,
		itemIndex,
	});
}

export function hintFor(profile: ServiceProfile, status: number): string | undefined {
	return (
		profile.hints[status] ??
		GENERIC_HINTS[status] ??
		(status >= 400 && status < 500 ? profile.hints.default : undefined)
	);
}

/** Reads `detail` / `error` / `message` fields, FastAPI's validation list, or a plain-text body. */
export function commonErrorMessage(body: unknown): string | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	if (typeof body === 'string' || Buffer.isBuffer(body)) {
		const text = bodyExcerpt(body, 300);
		return text || undefined;
	}
	if (typeof body !== 'object') return String(body);
	const record = body as Record<string, unknown>;
	for (const key of ['detail', 'error', 'message', 'non_field_errors']) {
		const value = record[key];
		if (typeof value === 'string' && value) return value;
		if (Array.isArray(value) && value.length) {
			return value
				.map((entry) => {
					if (typeof entry === 'string') return entry;
					if (entry && typeof entry === 'object') {
						const e = entry as Record<string, unknown>;
						const loc = Array.isArray(e.loc) ? e.loc.filter((p) => p !== 'body').join('.') : '';
						return loc ? `${loc}: ${String(e.msg ?? '')}` : String(e.msg ?? JSON.stringify(e));
					}
					return String(entry);
				})
				.join('; ');
		}
		if (value && typeof value === 'object') {
			const nested = commonErrorMessage(value);
			if (nested) return nested;
		}
	}
	// DRF field errors: {"field": ["message"]}
	const fieldErrors = Object.entries(record)
		.filter(([, v]) => Array.isArray(v) && v.every((x) => typeof x === 'string'))
		.map(([k, v]) => `${k}: ${(v as string[]).join(' ')}`);
	if (fieldErrors.length) return fieldErrors.join('; ');
	return undefined;
}
