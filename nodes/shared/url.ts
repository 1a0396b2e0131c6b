import type { ApiFailure } from './errors';
import type { ServiceProfile } from './service';

/**
 * Where a request may go. An ID put into a path must never change which endpoint is called, and a redirect is
 * followed only when it stays below the credential's Base URL, so the credential never reaches another server or
 * another app on the same server.
 */

function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/**
 * The first path segment that would make the server resolve another endpoint (".", "..", one hiding "/" or "\",
 * a raw "#", or an empty one in the middle of the path), or undefined when the path is safe. A query the code
 * appends after "?" is not part of the path; a trailing "/" is part of some APIs' paths and allowed.
 */
export function refusedPathSegment(path: string): string | undefined {
	const pathOnly = path.split('?')[0];
	const segments = pathOnly.replace(/^\//, '').split('/');
	for (const [index, segment] of segments.entries()) {
		const decoded = decodeSegment(segment);
		const last = index === segments.length - 1;
		if (segment === '' && !last) return segment;
		if (decoded === '.' || decoded === '..') return segment;
		if (/[#\\]/.test(segment) || /[/\\]/.test(decoded)) return segment;
	}
	return undefined;
}

export interface RedirectVerdict {
	/** The target stays below the credential's Base URL (same origin, same path prefix). */
	within: boolean;
	sameOrigin: boolean;
	/** Absolute target URL, when `within`. */
	target: string;
	/** Target shown in messages: origin and path, never the query (it may carry a token). */
	shown: string;
}

/** Whether a redirect's Location stays below `baseUrl` (normalised: no trailing slash). */
export function followableRedirect(
	location: string,
	from: string,
	baseUrl: string,
): RedirectVerdict {
	let target: URL | undefined;
	try {
		target = location ? new URL(location, from) : undefined;
	} catch {
		target = undefined;
	}
	if (!target) return { within: false, sameOrigin: false, target: '', shown: 'another address' };
	const base = new URL(baseUrl);
	const sameOrigin = target.origin === base.origin;
	const prefix = base.pathname.replace(/\/+$/, '');
	const within =
		sameOrigin &&
		(prefix === '' || target.pathname === prefix || target.pathname.startsWith(`${prefix}/`));
	return {
		within,
		sameOrigin,
		target: target.toString(),
		shown: `${target.origin}${target.pathname}`,
	};
}

const MAX_REDIRECTS = 3;

/**
 * What to do with a 3xx: a redirect the profile knows is the service's way of saying something (its error); any
 * other is followed only when it is a GET that stays below the Base URL, a few times at most; else it is reported.
 */
export function redirectDecision(
	redirect: { status: number; location: string; from: string; redirectsSoFar: number },
	request: {
		method: string;
		followSameOriginRedirects?: boolean;
		crossOriginRedirects?: 'refuse' | 'followWithoutCredential';
		label: string;
	},
	profile: Pick<ServiceProfile, 'displayName' | 'redirects'>,
	baseUrl: string,
	alreadyWithoutCredential = false,
): { follow: string; withoutCredential?: true } | { failure: ApiFailure } {
	const { status, location } = redirect;
	const known =
		location && !alreadyWithoutCredential
			? profile.redirects?.find((rule) => rule.location.test(location))
			: undefined;
	if (known) {
		const { message, hint } = known;
		return { failure: { status: known.status ?? status, message, hint, request: request.label } };
	}
	const name = profile.displayName;
	const verdict = followableRedirect(location, redirect.from, baseUrl);
	const followable = request.method === 'GET' && request.followSameOriginRedirects !== false;
	// A download the server hands to another host (a presigned object-storage URL): followed, never with the credential.
	const handedOff =
		request.method === 'GET' &&
		(alreadyWithoutCredential || request.crossOriginRedirects === 'followWithoutCredential') &&
		/^https?:/.test(verdict.target);
	if ((verdict.within && followable && !alreadyWithoutCredential) || handedOff) {
		if (redirect.redirectsSoFar < MAX_REDIRECTS)
			return verdict.within && !alreadyWithoutCredential
				? { follow: verdict.target }
				: { follow: verdict.target, withoutCredential: true };
		return {
			failure: {
				status,
				message: `${name} answered with too many redirects`,
				request: request.label,
			},
		};
	}
	return {
		failure: {
			status,
			message: `${name} redirected the request to ${verdict.shown} instead of answering`,
			hint: !verdict.sameOrigin
				? 'The redirect leaves the server, so it was not followed (the credential is never sent to another origin). Check the Base URL: http vs https, host name, or a proxy login page.'
				: verdict.within
					? 'Check the Base URL (sub-path, trailing path) in the credential.'
					: "The redirect leaves the credential's Base URL (another app on the same server?), so it was not followed: the credential is only sent below its Base URL. Check the Base URL's sub-path.",
			request: request.label,
		},
	};
}

/** The sentence for a path an ID would redirect to another endpoint, or undefined when the path is safe. */
export function endpointChange(path: string): { message: string; description: string } | undefined {
	const refused = refusedPathSegment(path);
	if (refused === undefined) return undefined;
	const shown = refused.length > 40 ? `${refused.slice(0, 40)}…` : refused;
	return {
		message: `An ID in the request path is "${shown}", which would call another endpoint`,
		description: 'An ID may not be empty, "." or "..", or contain "/", "\\" or "#". Check the ID.',
	};
}
