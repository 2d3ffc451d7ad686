/**
 * The GHL Trigger behind a real HTTP server, and a raw HTTP client for it.
 * The server stands in for n8n's webhook server: it reads the request bytes
 * and passes Node's `req.headers` (duplicate lines joined as Node and express
 * join them) to the trigger's webhook() in n8n-core's engine
 * (test/support/triggerHarness.ts), then answers with the trigger's status.
 * A throw inside answers 500 and is recorded, so a crash is seen as a 5xx.
 */
import { createServer, request as httpRequest, type OutgoingHttpHeaders } from 'http';
import type { AddressInfo } from 'net';

import type { TriggerHarness, WebhookCall } from '../support/triggerHarness';

export interface TriggerServer {
	url: string;
	/** Every call the trigger answered, in arrival order of their answers. */
	calls: WebhookCall[];
	/** Errors thrown by webhook() or the execution it started (each answered 500). */
	crashes: Error[];
	close(): Promise<void>;
}

export async function serveTrigger(trigger: TriggerHarness): Promise<TriggerServer> {
	const calls: WebhookCall[] = [];
	const crashes: Error[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const headers: Record<string, string> = {};
			for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
			trigger
				.webhook({ body: Buffer.concat(chunks), headers, ip: req.socket.remoteAddress })
				.then((call) => {
					calls.push(call);
					res.writeHead(call.status, { 'content-type': call.headers['content-type'] ?? 'application/json' });
					res.end(typeof call.body === 'string' ? call.body : JSON.stringify(call.body));
				})
				.catch((error: Error) => {
					crashes.push(error);
					res.writeHead(500, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ error: 'crash' }));
				});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook/test-webhook-id/ghl`,
		calls,
		crashes,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

export interface RawAnswer {
	status: number;
	text: string;
	json: unknown;
	headers: Record<string, string | string[] | undefined>;
}

/**
 * POSTs exactly `body` with exactly these header lines (a name may repeat:
 * each pair is its own line). No header is added except Host and Content-Length.
 */
export async function postRaw(url: string, body: Buffer, headerLines: Array<[string, string]> = []): Promise<RawAnswer> {
	const headers: OutgoingHttpHeaders = {};
	for (const [name, value] of headerLines) {
		const key = name.toLowerCase();
		const previous = headers[key];
		headers[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [String(previous)]), value];
	}
	headers['content-length'] = String(body.length);
	return await new Promise<RawAnswer>((resolve, reject) => {
		const req = httpRequest(url, { method: 'POST', headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json: unknown;
				try {
					json = JSON.parse(text);
				} catch {
					json = undefined;
				}
				resolve({ status: res.statusCode ?? 0, text, json, headers: res.headers });
			});
		});
		req.on('error', reject);
		req.end(body);
	});
}
