/**
 * Minimal HTTP server plumbing on Node's own `http` module, shared by the fake
 * GHL and 17hats servers: body parsing, routing, fault injection, request log.
 * Paths under /__admin are never faulted and never logged.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { FaultInjector, isAfterFault, type FaultKind } from './faults';
import { RequestLog, redactHeaders, requestCredential } from './requestLog';

export interface SandboxRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: http.IncomingHttpHeaders;
	rawBody: Buffer;
	/** Parsed JSON, or undefined when there is no body (or it is not JSON). A JSON parse error gives 400 before the handler. */
	body: unknown;
	params: Record<string, string>;
	remoteAddress: string;
}

export interface SandboxResponse {
	status: number;
	/** Objects are sent as JSON; strings and Buffers as they are; undefined sends no body. */
	body?: unknown;
	headers?: Record<string, string>;
}

export type RouteHandler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

interface Route {
	method: string;
	segments: string[];
	handler: RouteHandler;
}

/** Pattern router: '/contacts/:contactId' binds params.contactId. */
export class Router {
	private routes: Route[] = [];

	add(method: string, pattern: string, handler: RouteHandler): this {
		this.routes.push({ method: method.toUpperCase(), segments: splitPath(pattern), handler });
		return this;
	}

	match(method: string, path: string): { handler: RouteHandler; params: Record<string, string> } | undefined {
		const parts = splitPath(path);
		for (const r of this.routes) {
			if (r.method !== method.toUpperCase()) continue;
			const params = matchSegments(r.segments, parts);
			if (params) return { handler: r.handler, params };
		}
		return undefined;
	}

	/** Methods that have a route for this path (for 405 answers). */
	allowedMethods(path: string): string[] {
		const parts = splitPath(path);
		return [...new Set(this.routes.filter((r) => matchSegments(r.segments, parts)).map((r) => r.method))];
	}
}

function splitPath(p: string): string[] {
	return p.split('/').filter((s) => s.length > 0);
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
	if (pattern.length !== parts.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < pattern.length; i++) {
		const seg = pattern[i];
		if (seg.startsWith(':')) {
			try {
				params[seg.slice(1)] = decodeURIComponent(parts[i]);
			} catch {
				return undefined;
			}
		} else if (seg !== parts[i]) return undefined;
	}
	return params;
}

export interface StartedServer {
	url: string;
	port: number;
	close(): Promise<void>;
}

export interface StartServerOptions {
	/** 0 picks a free port. */
	port: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Name used in logs and in the request log's `server` field. */
	name: string;
	handle: (req: SandboxRequest) => Promise<SandboxResponse>;
	faults?: FaultInjector;
	requestLog?: RequestLog;
	/**
	 * Shapes the answer for an injected 429/500/503 (each API has its own error
	 * body). Default: `{ error: { code, message } }`, with Retry-After: 1 on 429.
	 * `processed` is the handler's own answer when the 500 replaces it (an
	 * after-processing fault): the request was already counted and applied.
	 */
	faultResponse?: (kind: '429' | '500' | '503', req: SandboxRequest, processed?: SandboxResponse) => SandboxResponse;
	/** Answer for a malformed JSON body (default `{ error: { code: 'bad_request', message } }`). */
	badJsonResponse?: (req: SandboxRequest, message: string) => SandboxResponse;
	/** Max body size in bytes (default 5 MB). */
	maxBodyBytes?: number;
}

export const ADMIN_PREFIX = '/__admin';

export function isAdminPath(path: string): boolean {
	return path === ADMIN_PREFIX || path.startsWith(ADMIN_PREFIX + '/');
}

export function defaultFaultResponse(kind: '429' | '500' | '503'): SandboxResponse {
	const byKind = {
		'429': { code: 'rate_limited', message: 'Too many requests (injected fault).' },
		'500': { code: 'internal', message: 'Internal server error (injected fault).' },
		'503': { code: 'unavailable', message: 'Service unavailable (injected fault).' },
	} as const;
	return {
		status: Number(kind),
		body: { error: byKind[kind] },
		headers: kind === '429' ? { 'Retry-After': '1' } : {},
	};
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function startServer(opts: StartServerOptions): Promise<StartedServer> {
	const host = opts.host ?? '127.0.0.1';
	const maxBody = opts.maxBodyBytes ?? 5 * 1024 * 1024;

	const server = http.createServer((req, res) => {
		void serve(req, res).catch((err) => {
			// Last resort: never leave a socket hanging because a handler threw.
			if (!res.headersSent) {
				res.writeHead(500, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ error: { code: 'internal', message: String(err?.message ?? err) } }));
			} else res.destroy();
		});
	});

	async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
		const chunks: Buffer[] = [];
		let size = 0;
		let tooBig = false;
		for await (const chunk of req) {
			size += (chunk as Buffer).length;
			if (size > maxBody) tooBig = true;
			else chunks.push(chunk as Buffer);
		}
		const rawBody = Buffer.concat(chunks);
		const sreq: SandboxRequest = {
			method: (req.method ?? 'GET').toUpperCase(),
			path: url.pathname,
			query: url.searchParams,
			headers: req.headers,
			rawBody,
			body: undefined,
			params: {},
			remoteAddress: req.socket.remoteAddress ?? '',
		};
		const admin = isAdminPath(sreq.path);

		let out: SandboxResponse | 'drop';
		if (tooBig) out = { status: 413, body: { error: { code: 'payload_too_large', message: `Body over ${maxBody} bytes.` } } };
		else {
			const parsed = parseBody(req.headers, rawBody);
			if (parsed.error !== undefined) {
				out = opts.badJsonResponse?.(sreq, parsed.error) ?? {
					status: 400,
					body: { error: { code: 'bad_request', message: parsed.error } },
				};
			} else {
				sreq.body = parsed.value;
				out = admin ? await opts.handle(sreq) : await faulted(sreq);
			}
		}

		if (!admin && opts.requestLog) {
			opts.requestLog.add({
				at: new Date().toISOString(),
				server: opts.name,
				method: sreq.method,
				path: sreq.path,
				query: Object.fromEntries(sreq.query.entries()),
				headers: redactHeaders(req.headers),
				body: sreq.body !== undefined ? sreq.body : rawBody.length ? rawBody.toString('utf8') : undefined,
				status: out === 'drop' ? 0 : out.status,
				credential: requestCredential(req.headers),
			});
		}
		if (out === 'drop') {
			req.socket.destroy();
			return;
		}
		send(res, out);
	}

	async function faulted(sreq: SandboxRequest): Promise<SandboxResponse | 'drop'> {
		const f = opts.faults;
		if (!f || !f.active()) return opts.handle(sreq);
		if (f.latencyMs() > 0) await sleep(f.latencyMs());
		const kind: FaultKind = f.decide();
		if (kind === 'drop') return 'drop';
		if (kind === '429' || kind === '500' || kind === '503') {
			return opts.faultResponse?.(kind, sreq) ?? defaultFaultResponse(kind);
		}
		if (kind === 'slow') await sleep(f.slowMs());
		const answer = await opts.handle(sreq);
		if (!isAfterFault(kind)) return answer;
		// Processed (a write is applied), but the client never learns the outcome.
		return kind === 'afterDrop' ? 'drop' : (opts.faultResponse?.('500', sreq, answer) ?? defaultFaultResponse('500'));
	}

	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port, host, () => {
			server.off('error', reject);
			const port = (server.address() as AddressInfo).port;
			resolve({
				url: `http://${host}:${port}`,
				port,
				close: () =>
					new Promise<void>((done) => {
						server.close(() => done());
						// Keep-alive sockets (fetch keeps them) would hold close() open.
						server.closeAllConnections();
					}),
			});
		});
	});
}

function parseBody(headers: http.IncomingHttpHeaders, raw: Buffer): { value?: unknown; error?: string } {
	if (raw.length === 0) return { value: undefined };
	const type = String(headers['content-type'] ?? '');
	// Bodies without a content type are tried as JSON too: clients often forget it.
	if (type && !/json/i.test(type)) return { value: undefined };
	try {
		return { value: JSON.parse(raw.toString('utf8')) };
	} catch (e) {
		return { error: `Request body is not valid JSON: ${(e as Error).message}` };
	}
}

export function send(res: http.ServerResponse, out: SandboxResponse): void {
	const headers: Record<string, string> = { ...(out.headers ?? {}) };
	let payload: Buffer | undefined;
	if (out.body === undefined || out.status === 204 || out.status === 304) payload = undefined;
	else if (Buffer.isBuffer(out.body)) payload = out.body;
	else if (typeof out.body === 'string') {
		payload = Buffer.from(out.body, 'utf8');
		if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = 'text/plain; charset=utf-8';
	} else {
		payload = Buffer.from(JSON.stringify(out.body), 'utf8');
		if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = 'application/json; charset=utf-8';
	}
	if (payload) headers['Content-Length'] = String(payload.length);
	res.writeHead(out.status, headers);
	res.end(payload);
}

function hasHeader(h: Record<string, string>, name: string): boolean {
	return Object.keys(h).some((k) => k.toLowerCase() === name);
}

/** Convenience for handlers. */
export function json(status: number, body?: unknown, headers?: Record<string, string>): SandboxResponse {
	return { status, body, headers };
}

/** Reads one header as a string (first value when repeated). */
export function header(req: SandboxRequest, name: string): string | undefined {
	const v = req.headers[name.toLowerCase()];
	return Array.isArray(v) ? v[0] : v;
}

/** Bearer token from the Authorization header, if any. */
export function bearerToken(req: SandboxRequest): string | undefined {
	const m = /^Bearer\s+(.+)$/i.exec(header(req, 'authorization') ?? '');
	return m ? m[1].trim() : undefined;
}
