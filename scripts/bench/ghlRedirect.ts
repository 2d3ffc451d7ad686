/**
 * n8n's built-in HighLevel node hard-codes https://services.leadconnectorhq.com.
 * For the side-by-side run its requests are redirected at the HTTP layer to
 * the fake GHL (nock answers each one by forwarding it), so the node itself
 * runs unchanged.
 */
import { Agent, request } from 'http';

import type { ReplyFnContext, ReplyFnResult } from 'nock';

export const GHL_PRODUCTION_ORIGIN = 'https://services.leadconnectorhq.com';

const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'accept-encoding']);

// A new connection each: a reused keep-alive socket can be closed by the server
// under a burst of hundreds, which would fail a request here, not at "GHL".
const agent = new Agent({ keepAlive: false });

function send(url: URL, method: string, headers: Record<string, string>, payload: string | undefined): Promise<ReplyFnResult> {
	return new Promise((resolve, reject) => {
		const req = request(url, { method, headers, agent }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => {
				const out: Record<string, string> = {};
				for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
				resolve([res.statusCode ?? 502, Buffer.concat(chunks).toString('utf8'), out]);
			});
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(payload);
	});
}

/**
 * Sends every request for GHL's production origin to `to` instead (other
 * hosts pass through untouched). Returns the function that undoes it.
 */
export async function redirectGhlTo(to: string): Promise<() => void> {
	// Loaded here, not at the top: nock hooks every request of the process once loaded.
	const { default: nock } = await import('nock');
	if (!nock.isActive()) nock.activate();
	async function forward(this: ReplyFnContext, uri: string, body: unknown): Promise<ReplyFnResult> {
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(this.req.headers)) {
			if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
		}
		const method = this.req.method.toUpperCase();
		const payload = body === undefined || body === '' || method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
		return await send(new URL(uri, to), method, headers, payload);
	}
	const scope = nock(GHL_PRODUCTION_ORIGIN).persist();
	for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) scope.intercept(() => true, method).reply(forward);
	return () => {
		nock.cleanAll();
		nock.restore();
	};
}
