/**
 * The benchmark's view of a fake server: its request log and its rate-limit
 * settings, through the /__admin endpoints a test or script would use.
 */
import { Agent, request } from 'http';

import type { WindowKind } from '../../sandbox/common/rateLimit';

export interface HttpAnswer {
	status: number;
	body: string;
	headers: Record<string, string>;
}

// A new connection for every call: a kept-alive socket that the server closes
// under load fails the next request on it (ECONNRESET), which would fail a
// benchmark step instead of measuring anything.
const freshConnections = new Agent({ keepAlive: false });

/** One HTTP request to a fake server (or anything on loopback). */
export function httpCall(url: string | URL, method: string, headers: Record<string, string> = {}, body?: string): Promise<HttpAnswer> {
	return new Promise((resolve, reject) => {
		const req = request(url, { method, headers, agent: freshConnections }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => {
				const out: Record<string, string> = {};
				for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
				resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: out });
			});
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(body);
	});
}

export interface LoggedRequest {
	at: string;
	status: number;
	path: string;
	method: string;
}

/** What the server received (admin calls left out); `clear` empties the log afterwards. */
export async function serverRequests(origin: string, clear = false): Promise<LoggedRequest[]> {
	const res = await httpCall(`${origin}/__admin/requests${clear ? '?clear=1' : ''}`, 'GET');
	const { requests } = JSON.parse(res.body) as { requests: LoggedRequest[] };
	return requests.filter((r) => !r.path.startsWith('/__admin'));
}

export interface ServerLimit {
	max: number;
	windowMs: number;
	kind: WindowKind;
}

/** Sets a server's limit; every key starts a fresh window. */
export async function setServerLimit(origin: string, limit: ServerLimit): Promise<void> {
	const res = await httpCall(`${origin}/__admin/rate-limit`, 'POST', { 'Content-Type': 'application/json' }, JSON.stringify(limit));
	if (res.status !== 200) throw new Error(`Could not set the rate limit of ${origin}: HTTP ${res.status} ${res.body}`);
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
