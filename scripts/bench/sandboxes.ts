/**
 * The benchmark's view of a fake server: its request log and its rate-limit
 * settings, through the /__admin endpoints a test or script would use.
 */
import type { WindowKind } from '../../sandbox/common/rateLimit';

export interface LoggedRequest {
	at: string;
	status: number;
	path: string;
	method: string;
}

/** What the server received (admin calls left out); `clear` empties the log afterwards. */
export async function serverRequests(origin: string, clear = false): Promise<LoggedRequest[]> {
	const res = await fetch(`${origin}/__admin/requests${clear ? '?clear=1' : ''}`);
	const { requests } = (await res.json()) as { requests: LoggedRequest[] };
	return requests.filter((r) => !r.path.startsWith('/__admin'));
}

export interface ServerLimit {
	max: number;
	windowMs: number;
	kind: WindowKind;
}

/** Sets a server's limit; every key starts a fresh window. */
export async function setServerLimit(origin: string, limit: ServerLimit): Promise<void> {
	const res = await fetch(`${origin}/__admin/rate-limit`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(limit),
	});
	if (!res.ok) throw new Error(`Could not set the rate limit of ${origin}: HTTP ${res.status} ${await res.text()}`);
}

/** What a run did, as the server saw it. */
export interface ServerView {
	requests: number;
	http2xx: number;
	http429: number;
	/** Arrival times (ms since the epoch), in order. */
	times: number[];
}

export function viewOf(log: LoggedRequest[]): ServerView {
	return {
		requests: log.length,
		http2xx: log.filter((r) => r.status >= 200 && r.status < 300).length,
		http429: log.filter((r) => r.status === 429).length,
		times: log.map((r) => Date.parse(r.at)).sort((a, b) => a - b),
	};
}
