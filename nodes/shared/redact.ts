/**
 * Secrets never leave the node: every text a failure can carry is redacted before it is cut, parsed or shown,
 * in every way a server or a library may have written the secret.
 */

export const REDACTED = '[redacted]';

/** Shorter values are too likely to occur by chance in ordinary text to be replaced. */
const MIN_SECRET_LENGTH = 4;

/**
 * The spellings of a secret a message may carry: as typed; URL-encoded by encodeURIComponent, by RFC 3986 strict
 * encoders (`!'()*` too) and by form encoders (URLSearchParams: space as `+`, `~` encoded); JSON-escaped (`"`, `\`,
 * and `\uXXXX` for non-ASCII as Python writes it); HTML-escaped; and base64 (Basic-style headers echoed back).
 */
export function secretForms(secret: string): string[] {
	const component = encodeURIComponent(secret);
	const strict = component.replace(
		/[!'()*]/g,
		(char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
	);
	const form = new URLSearchParams([['', secret]]).toString().slice(1);
	const json = JSON.stringify(secret).slice(1, -1);
	const asciiJson = json.replace(
		/[\u007f-\uffff]/g,
		(char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
	const html = secret
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
	const base64 = Buffer.from(secret, 'utf8').toString('base64');
	return [
		...new Set([
			secret,
			component,
			strict,
			form,
			form.replace(/\+/g, '%20'),
			json,
			asciiJson,
			html,
			html.replace(/&#39;/g, '&#x27;'),
			base64,
			base64.replace(/=+$/, ''),
		]),
	];
}

function escapeForPattern(form: string): string {
	// Percent escapes match in either case (%2f and %2F), as servers differ.
	return form
		.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
		.replace(/%([0-9A-Fa-f])([0-9A-Fa-f])/g, (_all, high: string, low: string) => {
			const either = (digit: string) =>
				/[a-f]/i.test(digit) ? `[${digit.toLowerCase()}${digit.toUpperCase()}]` : digit;
			return `%${either(high)}${either(low)}`;
		});
}

/** One pattern matching every form of every secret, longest first so no form is left half-replaced. */
function patternFor(secrets: Iterable<string>): RegExp | undefined {
	const forms = new Set<string>();
	for (const secret of secrets) {
		if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
		for (const form of secretForms(secret)) forms.add(form);
	}
	if (forms.size === 0) return undefined;
	const sorted = [...forms].sort((a, b) => b.length - a.length);
	return new RegExp(sorted.map(escapeForPattern).join('|'), 'g');
}

/** Removes every secret, in every form `secretForms` knows, from a text. */
export function redact(text: string, secrets: Iterable<string>): string {
	const pattern = patternFor(secrets);
	return pattern ? text.replace(pattern, REDACTED) : text;
}

/** Shortens a text to `max` characters with an ellipsis. Only ever applied to text already redacted. */
export function cut(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * The secrets one run has seen. It grows: a session token obtained by a sign-in (and each new one after a
 * re-login) is added the moment the transport sees it, and an old one stays redacted.
 */
export class SecretSet {
	private readonly values = new Set<string>();

	private pattern?: RegExp;

	private dirty = false;

	add(values: Iterable<unknown>): void {
		for (const value of values) {
			if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) continue;
			if (this.values.has(value)) continue;
			this.values.add(value);
			this.dirty = true;
		}
	}

	list(): string[] {
		return [...this.values];
	}

	redact(text: string): string {
		if (this.dirty) {
			this.pattern = patternFor(this.values);
			this.dirty = false;
		}
		return this.pattern ? text.replace(this.pattern, REDACTED) : text;
	}

	/** Redacts a parsed body (its JSON text) and hands back the same shape. */
	redactBody(body: unknown): unknown {
		if (body === undefined || body === null) return body;
		if (typeof body === 'string') return this.redact(body);
		if (Buffer.isBuffer(body)) return this.redact(body.toString('utf8'));
		let text: string;
		try {
			text = JSON.stringify(body);
		} catch {
			return this.redact(String(body));
		}
		const redacted = this.redact(text);
		if (redacted === text) return body;
		try {
			return JSON.parse(redacted);
		} catch {
			return redacted;
		}
	}
}
