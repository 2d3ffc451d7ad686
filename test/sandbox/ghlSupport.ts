/**
 * Helpers for the fake-GHL tests: an authenticated client and a local webhook
 * receiver that keeps the raw bytes (signatures are over bytes, not JSON).
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { API_VERSION, type GhlSandbox } from '../../sandbox/ghl';

export interface ApiResult<T = any> {
	status: number;
	headers: Headers;
	body: T;
}

export function client(ghl: GhlSandbox, token = ghl.token) {
	const call = async <T = any>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string | undefined> = {}): Promise<ApiResult<T>> => {
		const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Version: API_VERSION };
		if (body !== undefined) headers['content-type'] = 'application/json';
		for (const [k, v] of Object.entries(extraHeaders)) {
			if (v === undefined) delete headers[k];
			else headers[k] = v;
		}
		const res = await fetch(ghl.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
		const text = await res.text();
		return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
	};
	return {
		call,
		get: <T = any>(path: string, h?: Record<string, string | undefined>) => call<T>('GET', path, undefined, h),
		post: <T = any>(path: string, body?: unknown) => call<T>('POST', path, body ?? {}),
		put: <T = any>(path: string, body?: unknown) => call<T>('PUT', path, body ?? {}),
		del: <T = any>(path: string, body?: unknown) => call<T>('DELETE', path, body),
	};
}

export interface Received {
	raw: Buffer;
	headers: http.IncomingHttpHeaders;
	json: any;
	at: number;
}

/** Local HTTP receiver; `answers` is a queue of statuses to reply with (then 200). */
export async function startReceiver() {
	const received: Received[] = [];
	const answers: number[] = [];
	const waiters: Array<{ n: number; resolve: () => void }> = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			let parsed: unknown;
			try {
				parsed = JSON.parse(raw.toString('utf8'));
			} catch {
				parsed = undefined;
			}
			received.push({ raw, headers: req.headers, json: parsed, at: Date.now() });
			res.writeHead(answers.shift() ?? 200, { 'content-type': 'application/json' });
			res.end('{}');
			for (const w of [...waiters]) if (received.length >= w.n) {
				waiters.splice(waiters.indexOf(w), 1);
				w.resolve();
			}
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
	return {
		url,
		received,
		answers,
		/** Resolves when at least n requests have arrived. */
		waitFor: (n: number, timeoutMs = 5000) =>
			new Promise<void>((resolve, reject) => {
				if (received.length >= n) return resolve();
				const t = setTimeout(() => reject(new Error(`receiver got ${received.length}/${n} requests`)), timeoutMs);
				waiters.push({ n, resolve: () => (clearTimeout(t), resolve()) });
			}),
		close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
	};
}
