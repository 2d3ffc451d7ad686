/**
 * In-memory log of requests a fake server received, so tests can assert what a
 * node actually sent. Secrets are redacted before they are stored.
 */
import { createHash } from 'crypto';

export interface RequestLogEntry {
	at: string;
	server: string;
	method: string;
	path: string;
	query: Record<string, string>;
	/** Authorization and signature headers redacted. */
	headers: Record<string, string>;
	body: unknown;
	/** 0 when the connection was dropped by a fault. */
	status: number;
	/**
	 * Which credential sent the request, without revealing it: a short hash of
	 * the bearer token or API key (`credentialFingerprint`), when there was one.
	 */
	credential?: string;
}

/** A short, one-way fingerprint of a token or API key, as logged in `RequestLogEntry.credential`. */
export function credentialFingerprint(secret: string): string {
	return createHash('sha256').update(secret).digest('hex').slice(0, 12);
}

/** The fingerprint of the credential a request carries: `Authorization: Bearer …` or `X-API-Key`. */
export function requestCredential(headers: Record<string, string | string[] | undefined>): string | undefined {
	const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
	const bearer = /^Bearer\s+(\S+)\s*$/i.exec(first(headers.authorization) ?? '')?.[1];
	const key = first(headers['x-api-key']);
	const secret = bearer ?? (key && key.trim() !== '' ? key.trim() : undefined);
	return secret ? credentialFingerprint(secret) : undefined;
}

export interface RequestLogFilter {
	server?: string;
	method?: string;
	/** Exact path, or a RegExp tested against the path. */
	path?: string | RegExp;
	/** Only entries at or after this ISO time. */
	since?: string;
}

const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key)$|signature|token|secret/i;

export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(headers)) {
		if (v === undefined) continue;
		const value = Array.isArray(v) ? v.join(', ') : String(v);
		if (!SECRET_HEADER.test(k)) out[k] = value;
		else if (/^authorization$/i.test(k)) out[k] = value.replace(/^(\w+)\s+.*$/, '$1 [REDACTED]');
		else out[k] = '[REDACTED]';
	}
	return out;
}

export class RequestLog {
	private entries: RequestLogEntry[] = [];

	constructor(private readonly maxEntries = 2000) {}

	add(entry: RequestLogEntry): void {
		// Redact again here: callers outside startServer may pass raw headers.
		this.entries.push({ ...entry, headers: redactHeaders(entry.headers) });
		if (this.entries.length > this.maxEntries) this.entries.splice(0, this.entries.length - this.maxEntries);
	}

	list(filter: RequestLogFilter = {}): RequestLogEntry[] {
		return this.entries.filter(
			(e) =>
				(filter.server === undefined || e.server === filter.server) &&
				(filter.method === undefined || e.method === filter.method.toUpperCase()) &&
				(filter.path === undefined ||
					(typeof filter.path === 'string' ? e.path === filter.path : filter.path.test(e.path))) &&
				(filter.since === undefined || e.at >= filter.since),
		);
	}

	clear(): void {
		this.entries = [];
	}
}
