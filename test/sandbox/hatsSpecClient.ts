/**
 * Test client for the fake 17hats: every response is checked against
 * docs/17hats-api.yaml (body, status and headers) before the test sees it,
 * and the operations/status classes seen are recorded for coverage checks.
 */
import { expectValid, validateResponse } from '../support/openapi';
import type { HatsSandbox } from '../../sandbox/hats';

export interface HatsReply {
	status: number;
	body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
	headers: Headers;
	operationId?: string;
}

export interface CallOptions {
	body?: unknown;
	/** API key to use; null sends no Authorization header. Default: the sandbox key. */
	key?: string | null;
	/** Raw body text (sent as JSON content type), for malformed-JSON tests. */
	raw?: string;
	/** Skip the contract check (for deliberately out-of-contract requests). */
	unchecked?: boolean;
}

export class SpecCheckedClient {
	/** operationId → status codes seen (validated). */
	readonly seen = new Map<string, Set<number>>();

	constructor(private readonly sb: HatsSandbox) {}

	async call(method: string, path: string, opts: CallOptions = {}): Promise<HatsReply> {
		const key = opts.key === undefined ? this.sb.apiKey : opts.key;
		const headers: Record<string, string> = {};
		if (key !== null) headers.Authorization = `Bearer ${key}`;
		let payload: string | undefined;
		if (opts.raw !== undefined) payload = opts.raw;
		else if (opts.body !== undefined) payload = JSON.stringify(opts.body);
		if (payload !== undefined) headers['Content-Type'] = 'application/json';
		const res = await fetch(this.sb.url + path, { method, headers, body: payload });
		const text = await res.text();
		const body = text ? JSON.parse(text) : undefined;
		const reply: HatsReply = { status: res.status, body, headers: res.headers };
		if (!opts.unchecked) {
			const result = validateResponse({ method, path: this.sb.url + path, status: res.status, body, headers: res.headers });
			expectValid(result, `${method} ${path} -> ${res.status} ${text.slice(0, 300)}`);
			reply.operationId = result.operation?.operationId;
			if (reply.operationId) {
				if (!this.seen.has(reply.operationId)) this.seen.set(reply.operationId, new Set());
				this.seen.get(reply.operationId)!.add(res.status);
			}
		}
		// X-Request-Id on every response, and the same id inside every error.
		if (!res.headers.get('x-request-id')) throw new Error(`${method} ${path}: no X-Request-Id`);
		if (body?.error && body.error.request_id !== res.headers.get('x-request-id')) {
			throw new Error(`${method} ${path}: error.request_id differs from X-Request-Id`);
		}
		return reply;
	}

	async admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
		const res = await fetch(this.sb.origin + path, {
			method,
			headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		return { status: res.status, body: text ? JSON.parse(text) : undefined };
	}
}
