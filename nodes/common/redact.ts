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

export function isSecretHeader(name: string): boolean {
	return SECRET_HEADERS.has(name.toLowerCase());
}

/** Replaces every known secret value and every secret-looking token in a text. */
export function redactText(text: string, secrets: readonly string[] = []): string {
	let out = text;
	for (const secret of secrets) {
		// Short values (e.g. an empty field) would redact harmless text.
		if (secret && secret.length >= 6) out = out.split(secret).join(REDACTED);
	}
	for (const pattern of SECRET_PATTERNS) {
		out = out.replace(pattern, (match, prefix?: string) =>
			typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}${REDACTED}` : REDACTED,
		);
	}
	return out;
}

/** Deep copy of a JSON-like value with secrets removed from strings and secret headers blanked. */
export function redactValue<T>(value: T, secrets: readonly string[] = []): T {
	return redactInner(value, secrets, 0) as T;
}

function redactInner(value: unknown, secrets: readonly string[], depth: number): unknown {
	if (depth > 20) return '[truncated]';
	if (typeof value === 'string') return redactText(value, secrets);
	if (Array.isArray(value)) return value.map((v) => redactInner(v, secrets, depth + 1));
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
			out[key] = isSecretHeader(key) && v !== undefined ? REDACTED : redactInner(v, secrets, depth + 1);
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
