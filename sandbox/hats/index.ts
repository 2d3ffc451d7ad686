/**
 * The fake 17hats server: docs/17hats-api.yaml on Node's http module, with an
 * in-memory store, bearer keys with scopes and rotation, a per-key rate limit,
 * seeded faults and the shared /__admin endpoints.
 */
import * as path from 'path';
import { randomBytes } from 'crypto';
import { startServer, json, type SandboxRequest, type SandboxResponse } from '../common/http';
import { FaultInjector, type FaultConfig } from '../common/faults';
import { WindowLimiter, parseLimiterOptions, type LimiterOptions } from '../common/rateLimit';
import { RequestLog } from '../common/requestLog';
import { Router, bearerToken } from '../common/http';
import { mountAdmin, dispatch } from '../common/admin';
import { OpenApiValidator } from '../common/openapi';
import { buildApiRouter } from './api';
import { errorResponse, HatsError } from './errors';
import { seedStore } from './seed';
import { ACCOUNT, ALL_SCOPES, HatsStore } from './store';

export { HatsStore, ALL_SCOPES } from './store';

export const HATS_SPEC_PATH = path.resolve(__dirname, '../../docs/17hats-api.yaml');
export const DEFAULT_HATS_API_KEY = '17h_sandbox_0123456789abcdef';
export const DEFAULT_HATS_RATE_LIMIT: LimiterOptions = { max: 120, windowMs: 60_000 };
const API_BASE = '/v1';

export interface HatsSandboxOptions {
	/** Default 4020; 0 picks a free port. */
	port?: number;
	host?: string;
	apiKey?: string;
	/** Scopes of the initial key (default: all). */
	scopes?: string[];
	rateLimit?: LimiterOptions;
	faults?: FaultConfig;
	/** Load a few contacts, a project and a document (default true). */
	seed?: boolean;
}

export interface HatsSandbox {
	/** Base URL including /v1, e.g. http://127.0.0.1:4020/v1 */
	url: string;
	origin: string;
	port: number;
	apiKey: string;
	store: HatsStore;
	requestLog: RequestLog;
	faults: FaultInjector;
	limiter: WindowLimiter;
	/**
	 * Test hook around every /v1 request: hold it back, answer it instead, or
	 * let it run (`next()`) and lose its answer. Unset in normal use.
	 */
	intercept?: (req: SandboxRequest, next: () => Promise<SandboxResponse>) => Promise<SandboxResponse>;
	close(): Promise<void>;
}

let sharedValidator: OpenApiValidator | undefined;
/** Compiling the schemas takes a moment; do it once per process. */
export function hatsValidator(): OpenApiValidator {
	return (sharedValidator ??= OpenApiValidator.fromFile(HATS_SPEC_PATH));
}

export async function startHatsSandbox(opts: HatsSandboxOptions = {}): Promise<HatsSandbox> {
	const apiKey = opts.apiKey ?? DEFAULT_HATS_API_KEY;
	const scopes = opts.scopes ?? [...ALL_SCOPES];
	const seed = opts.seed ?? true;
	const store = new HatsStore();
	const requestLog = new RequestLog();
	const faults = new FaultInjector(opts.faults ?? {});
	const limiter = new WindowLimiter(opts.rateLimit ?? DEFAULT_HATS_RATE_LIMIT);
	const api = buildApiRouter(store, hatsValidator());

	const init = () => {
		store.clear();
		store.addKey(apiKey, scopes);
		if (seed) seedStore(store);
	};
	init();

	const admin = mountAdmin(new Router(), {
		faults,
		requestLog,
		state: () => ({
			account: ACCOUNT,
			keys: store.keys.map((k) => ({
				key_id: k.key_id,
				key: k.key,
				scopes: k.scopes,
				created_at: k.created_at,
				rotated_at: k.rotated_at ?? null,
				expires_at: k.expires_at === undefined ? null : new Date(k.expires_at).toISOString(),
			})),
			rateLimit: limiter.options(),
			counts: store.counts(),
			templates: store.templates,
			outbox: store.outbox,
			data: store.snapshot(),
		}),
		reset: () => {
			init();
			limiter.reset();
		},
	});
	admin
		.add('POST', '/__admin/rotate-key', (req) => {
			const body = (req.body ?? {}) as { overlapSeconds?: unknown };
			const overlap = body.overlapSeconds ?? 0;
			if (typeof overlap !== 'number' || !(overlap >= 0)) return json(400, { error: { code: 'bad_request', message: 'overlapSeconds must be a number >= 0.' } });
			const { next, previous } = store.rotate(overlap);
			return json(200, {
				api_key: next.key,
				key_id: next.key_id,
				scopes: next.scopes,
				previous_key_id: previous?.key_id ?? null,
				previous_key_expires_at: previous?.expires_at ? new Date(previous.expires_at).toISOString() : null,
			});
		})
		// Mint an extra key with chosen scopes (e.g. to test insufficient_scope).
		.add('POST', '/__admin/keys', (req) => {
			const body = (req.body ?? {}) as { scopes?: unknown; key?: unknown };
			const want = body.scopes ?? [...ALL_SCOPES];
			if (!Array.isArray(want) || want.some((s) => !(ALL_SCOPES as readonly string[]).includes(s))) {
				return json(400, { error: { code: 'bad_request', message: `scopes must be a subset of: ${ALL_SCOPES.join(' ')}` } });
			}
			const k = store.addKey(typeof body.key === 'string' ? body.key : '17h_' + randomBytes(18).toString('base64url'), want as string[]);
			return json(201, { api_key: k.key, key_id: k.key_id, scopes: k.scopes });
		})
		.add('GET', '/__admin/rate-limit', () => json(200, limiter.options()))
		.add('POST', '/__admin/rate-limit', (req) => {
			const parsed = parseLimiterOptions(req.body);
			if (typeof parsed === 'string') return json(400, { error: { code: 'bad_request', message: parsed } });
			limiter.configure(parsed);
			return json(200, limiter.options());
		});

	const requestId = () => 'req_' + randomBytes(8).toString('hex');

	/** Counts the request against its key and returns the rate-limit headers. */
	const takeLimit = (req: SandboxRequest) => {
		const d = limiter.take(bearerToken(req) ?? `anon:${req.remoteAddress}`);
		const resetS = Math.ceil(d.resetMs / 1000);
		const headers: Record<string, string> = {
			'X-RateLimit-Limit': String(d.max),
			'X-RateLimit-Remaining': String(d.remaining),
			'X-RateLimit-Reset': String(resetS),
		};
		return { allowed: d.allowed, headers, retryAfter: Math.max(1, resetS) };
	};

	const rateLimitHeaders = (res: SandboxResponse): Record<string, string> =>
		Object.fromEntries(Object.entries(res.headers ?? {}).filter(([name]) => name.startsWith('X-RateLimit-')));

	const withId = (id: string, res: SandboxResponse, extra: Record<string, string> = {}): SandboxResponse => ({
		...res,
		headers: { ...(res.headers ?? {}), ...extra, 'X-Request-Id': id },
	});

	const toResponse = (id: string, e: unknown): SandboxResponse =>
		e instanceof HatsError
			? errorResponse(id, e.code, e.message, e.details, e.headers)
			: errorResponse(id, 'internal', `Internal error: ${(e as Error)?.message ?? String(e)}`);

	const notFoundRoute = (req: SandboxRequest) => {
		throw new HatsError('not_found', `No route ${req.method} ${req.path}.`);
	};

	async function handle(req: SandboxRequest): Promise<SandboxResponse> {
		const id = requestId();
		if (req.path.startsWith('/__admin')) {
			try {
				return withId(id, await dispatch(admin, req, notFoundRoute));
			} catch (e) {
				return withId(id, toResponse(id, e));
			}
		}
		const intercept = sandbox?.intercept;
		return intercept ? await intercept(req, async () => await serveApi(req, id)) : await serveApi(req, id);
	}

	async function serveApi(req: SandboxRequest, id: string): Promise<SandboxResponse> {
		const limit = takeLimit(req);
		try {
			if (!limit.allowed) {
				throw new HatsError(
					'rate_limited',
					`Rate limit of ${limiter.options().max} requests per ${limiter.options().windowMs / 1000} s exceeded; retry after ${limit.retryAfter} s.`,
					{ retry_after_seconds: limit.retryAfter },
					{ 'Retry-After': String(limit.retryAfter) },
				);
			}
			if (req.path !== API_BASE && !req.path.startsWith(API_BASE + '/')) notFoundRoute(req);
			const m = api.match(req.method, req.path.slice(API_BASE.length) || '/');
			if (!m) notFoundRoute(req);
			req.params = m!.params;
			return withId(id, await m!.handler(req), limit.headers);
		} catch (e) {
			return withId(id, toResponse(id, e), limit.headers);
		}
	}

	const server = await startServer({
		port: opts.port ?? 4020,
		host: opts.host,
		name: '17hats',
		handle,
		faults,
		requestLog,
		faultResponse: (kind, req, processed) => {
			const id = requestId();
			// A request that was processed has been counted already: keep its headers.
			const limit = processed ? { headers: rateLimitHeaders(processed) } : takeLimit(req);
			const code = kind === '429' ? 'rate_limited' : kind === '500' ? 'internal' : 'unavailable';
			const extra: Record<string, string> = kind === '429' ? { 'Retry-After': '1' } : {};
			return withId(id, errorResponse(id, code, `Injected fault: ${code}.`, kind === '429' ? { retry_after_seconds: 1 } : undefined), { ...limit.headers, ...extra });
		},
		badJsonResponse: (req, message) => {
			const id = requestId();
			const headers = req.path.startsWith('/__admin') ? {} : takeLimit(req).headers;
			return withId(id, errorResponse(id, 'bad_request', message), headers);
		},
	});

	const sandbox: HatsSandbox = {
		url: server.url + API_BASE,
		origin: server.url,
		port: server.port,
		apiKey,
		store,
		requestLog,
		faults,
		limiter,
		close: () => server.close(),
	};
	return sandbox;
}
