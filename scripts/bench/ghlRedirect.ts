/**
 * n8n's built-in HighLevel node hard-codes https://services.leadconnectorhq.com.
 * For the side-by-side run its requests are redirected at the HTTP layer to
 * the fake GHL (nock answers each one by forwarding it), so the node itself
 * runs unchanged.
 */
import type { ReplyFnContext, ReplyFnResult } from 'nock';

import { httpCall } from './sandboxes';

export const GHL_PRODUCTION_ORIGIN = 'https://services.leadconnectorhq.com';

const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'accept-encoding']);

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
		const res = await httpCall(new URL(uri, to), method, headers, payload);
		return [res.status, res.body, res.headers];
	}
	const scope = nock(GHL_PRODUCTION_ORIGIN).persist();
	for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) scope.intercept(() => true, method).reply(forward);
	return () => {
		nock.cleanAll();
		nock.restore();
	};
}
