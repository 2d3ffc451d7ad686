/**
 * In-memory log of requests a fake server received, so tests can assert what a
 * node actually sent. Secrets are redacted before they are stored.
 */

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
