/**
 * Secrets must never reach an error message, an output item or a log line.
 * Everything the transport shows a user passes through here first.
 */

const REDACTED = '[redacted]';

/** Header names whose values are secret whatever they contain. */
const SECRET_HEADERS = new Set([
	'authorization',
	'proxy-authorization',
	'x-api-key',
	'x-ghl-signature',
	'x-wh-signature',
	'x-webhook-secret',
	'cookie',
	'set-cookie',
]);

/** Patterns that look like credentials even when we were not told the value. */
const SECRET_PATTERNS: RegExp[] = [
	/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
	/\bpit-[A-Za-z0-9-]{8,}/g,
];

/** `Basic <base64>` is redacted only when it decodes to `user:password` ("Basic information" stays). */
const BASIC_AUTH = /\b(Basic\s+)([A-Za-z0-9+/]{6,}={0,2})/g;

function isBasicCredentials(value: string): boolean {
	const bytes = Buffer.from(value, 'base64');
	if (bytes.toString('base64').replace(/=+$/, '') !== value.replace(/=+$/, '')) return false;
	const decoded = bytes.toString('latin1');
	return decoded.includes(':') && /^[\x20-\x7e]+$/.test(decoded);
}

/** Shorter values (e.g. an empty or placeholder field) would redact harmless text. */
const MIN_SECRET_LENGTH = 6;
/** A base64 fragment shorter than this could match by chance. */
const MIN_BASE64_FRAGMENT = 8;

export function isSecretHeader(name: string): boolean {
	return SECRET_HEADERS.has(name.toLowerCase());
}

/**
 * The part of `base64(prefix + secret + suffix)` that depends on the secret
 * alone, for a secret starting `offset` bytes into a 3-byte group: Basic auth
 * (`base64(user:secret)`) puts the secret at any offset.
 */
function base64Fragment(secret: string, offset: number): string {
	const bytes = Buffer.concat([Buffer.alloc(offset), Buffer.from(secret, 'utf8')]);
	const firstGroup = offset > 0 ? 1 : 0;
	const lastGroup = Math.floor(bytes.length / 3);
	return bytes.toString('base64').slice(firstGroup * 4, lastGroup * 4);
}

/** How a secret can appear in text an API sends back: as is, URL-encoded (once or twice), inside base64 or base64url. */
export function secretForms(secret: string): string[] {
	if (secret.length < MIN_SECRET_LENGTH) return [];
	const forms = [secret, encodeURIComponent(secret), encodeURIComponent(encodeURIComponent(secret))];
	for (const offset of [0, 1, 2]) {
		const fragment = base64Fragment(secret, offset);
		if (fragment.length >= MIN_BASE64_FRAGMENT) forms.push(fragment, fragment.replace(/\+/g, '-').replace(/\//g, '_'));
	}
	return [...new Set(forms)];
}

/** One case-insensitive pattern for every form of every secret, longest first so a form never leaves part of a longer one. */
function secretsPattern(secrets: readonly string[]): RegExp | undefined {
	const forms = [...new Set(secrets.flatMap(secretForms))].sort((a, b) => b.length - a.length);
	if (forms.length === 0) return undefined;
	return new RegExp(forms.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
}

function redactWith(text: string, pattern: RegExp | undefined): string {
	let out = pattern ? text.replace(pattern, REDACTED) : text;
	out = out.replace(BASIC_AUTH, (match, prefix: string, value: string) => (isBasicCredentials(value) ? `${prefix}${REDACTED}` : match));
	for (const secretLike of SECRET_PATTERNS) {
		out = out.replace(secretLike, (match, prefix?: string) =>
			typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}${REDACTED}` : REDACTED,
		);
	}
	return out;
}

/** Replaces every form of every known secret, and every secret-looking token, in a text. */
export function redactText(text: string, secrets: readonly string[] = []): string {
	return redactWith(text, secretsPattern(secrets));
}

/** Deep copy of a JSON-like value with secrets removed from strings and secret headers blanked; errors become plain objects. */
export function redactValue<T>(value: T, secrets: readonly string[] = []): T {
	return redactInner(value, secretsPattern(secrets), 0) as T;
}

function redactInner(value: unknown, pattern: RegExp | undefined, depth: number): unknown {
	if (depth > 20) return '[truncated]';
	if (typeof value === 'string') return redactWith(value, pattern);
	if (Array.isArray(value)) return value.map((v) => redactInner(v, pattern, depth + 1));
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		// An Error's message and cause are not enumerable; keep them.
		if (value instanceof Error) {
			out.name = value.name;
			out.message = redactWith(value.message, pattern);
			if (value.cause !== undefined) out.cause = redactInner(value.cause, pattern, depth + 1);
		}
		for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
			out[key] = isSecretHeader(key) && v !== undefined ? REDACTED : redactInner(v, pattern, depth + 1);
		}
		return out;
	}
	return value;
}

/** Collects the string values of a credential that must be hidden (tokens, keys, secrets). */
export function credentialSecrets(credentials: Record<string, unknown>): string[] {
	const secrets: string[] = [];
	const visit = (value: unknown, key: string) => {
		if (typeof value === 'string' && /token|key|secret|password/i.test(key)) secrets.push(value);
		else if (value && typeof value === 'object' && !Array.isArray(value)) {
			for (const [k, v] of Object.entries(value as Record<string, unknown>)) visit(v, k);
		}
	};
	for (const [key, value] of Object.entries(credentials)) visit(value, key);
	return secrets.filter((s) => s.length > 0);
}
