/**
 * Fake HighLevel (GHL) server for local runs and tests.
 *
 *   const ghl = await startGhlSandbox({ port: 0 });
 *   fetch(`${ghl.url}/contacts/?locationId=${ghl.locationId}`, {
 *     headers: { Authorization: `Bearer ${ghl.token}`, Version: '2021-07-28' } });
 *   await ghl.fire('ContactCreate', { to: 'http://127.0.0.1:5678/webhook/ghl' });
 *   await ghl.close();
 *
 * API shapes follow GHL's official OpenAPI specs; scopes come from scopes.json;
 * webhook payloads from the official event examples, signed like GHL signs them.
 */
import { FaultInjector, type FaultConfig } from '../common/faults';
import { ADMIN_PREFIX, Router, isAdminPath, startServer, type SandboxRequest, type SandboxResponse } from '../common/http';
import { dispatch, mountAdmin } from '../common/admin';
import { RequestLog } from '../common/requestLog';
import { mountGhlAdmin } from './admin';
import { TokenRegistry } from './auth';
import { ghlError } from './errors';
import { createPipeline, notFoundRoute } from './pipeline';
import { GhlRateLimiter, type GhlRateLimitOptions } from './rateLimit';
import { buildApiRouter, resolvedRoutes, routeScopes } from './routes';
import { SEED, seedStore } from './seed';
import { uuid } from './ids';
import { GhlStore } from './store';
import { GhlWebhooks } from './webhooks';
import type { DeliveryRecord, DeliveryResult } from './webhooks/delivery';
import { createWebhookKeys, type WebhookKeyInput } from './webhooks/signing';
import type { WorkflowKind } from './webhooks/workflow';

export { API_VERSION } from './auth';
export { SEED } from './seed';
export { verifyGhlSignature, verifyWhSignature } from './webhooks/signing';
export { buildEventPayload, ENVELOPE_FIELDS } from './webhooks/payloads';
export { WORKFLOW_KINDS, SECRET_HEADER as WORKFLOW_SECRET_HEADER, type WorkflowKind } from './webhooks/workflow';
export type { DeliveryRecord, DeliveryResult } from './webhooks/delivery';
export type { GhlStore } from './store';

export interface GhlSandboxOptions {
	/** Default 4010; 0 picks a free port. */
	port?: number;
	host?: string;
	/** Per location; default 100 requests / 10 s (GHL's documented burst limit). */
	rateLimit?: GhlRateLimitOptions;
	faults?: FaultConfig;
	/** Seed a location with contacts, invoices, documents… (default true). Without it only the location exists. */
	seed?: boolean;
	/** Delay between retries of a delivery answered 429 (GHL: ~10 min; tests pass a few ms). */
	webhookRetryDelayMs?: number;
	/** Fixed token for the default PIT (handy for the CLI and templates); default random "pit-<uuid>". */
	token?: string;
	/** Webhook signing keys (PKCS#8 PEM); generated when absent. */
	keys?: WebhookKeyInput;
	/** Status for a missing scope: 403 (default, message names the scope) or 401 (what GHL itself answers). */
	scopeErrorStatus?: 401 | 403;
}

export interface GhlSandbox {
	/** Origin, e.g. http://127.0.0.1:4010 — use as the GHL base URL. */
	url: string;
	port: number;
	/** Private Integration Token with every scope the sandbox's endpoints need. */
	token: string;
	locationId: string;
	scopes: string[];
	publicKeys: { ed25519Pem: string; rsaPem: string };
	store: GhlStore;
	requestLog: RequestLog;
	faults: FaultInjector;
	/** Another PIT for the same (or another) location, e.g. with fewer scopes. */
	issueToken(scopes: string[], opts?: { locationId?: string; label?: string }): string;
	revokeToken(token: string): void;
	/** Signed Marketplace-style event to one URL; resolves after the last attempt (429s are retried). */
	fire(eventType: string, opts: { to: string; overrides?: Record<string, unknown> }): Promise<DeliveryResult>;
	/** Auto-delivery target for events caused by API calls (all events, or the listed ones). */
	subscribe(url: string, events?: string[]): void;
	unsubscribe(url: string): void;
	/** GHL-workflow-style document webhook (unsigned; optional x-webhook-secret header). */
	fireWorkflowWebhook(kind: WorkflowKind, opts: { to: string; secret?: string; documentId?: string }): Promise<DeliveryResult>;
	/** Auto-delivery of workflow webhooks when a document's status changes. */
	subscribeWorkflow(url: string, opts?: { kinds?: WorkflowKind[]; secret?: string }): void;
	deliveries(): DeliveryRecord[];
	/** Waits until no webhook delivery (or retry) is pending. */
	whenIdle(): Promise<void>;
	/** Back to the initial state: reseeded store, empty logs and subscriptions, fresh rate windows. */
	reset(): void;
	close(): Promise<void>;
}

export async function startGhlSandbox(opts: GhlSandboxOptions = {}): Promise<GhlSandbox> {
	const seeded = opts.seed !== false;
	const store = new GhlStore();
	const initStore = () => {
		if (seeded) seedStore(store);
		else {
			seedStore(store); // for the location record…
			const location = store.location;
			store.clear(); // …and nothing else
			store.location = location;
		}
	};
	initStore();

	const routes = resolvedRoutes();
	const scopes = routeScopes(routes);
	const tokens = new TokenRegistry();
	const defaultGrant = tokens.add({ token: opts.token ?? `pit-${uuid()}`, locationId: SEED.locationId, scopes, label: 'default' });
	const limiter = new GhlRateLimiter({ max: 100, windowMs: 10_000, ...opts.rateLimit });
	const faults = new FaultInjector(opts.faults ?? {});
	const requestLog = new RequestLog();
	const keys = createWebhookKeys(opts.keys);
	let origin = '';
	const baseUrl = () => origin;
	const webhooks = new GhlWebhooks(store, baseUrl, keys, opts.webhookRetryDelayMs ?? 600_000);

	const api = buildApiRouter(
		routes,
		createPipeline({ store, tokens, limiter, events: webhooks, baseUrl, scopeErrorStatus: opts.scopeErrorStatus ?? 403 }),
	);

	const reset = () => {
		initStore();
		limiter.reset();
		webhooks.reset();
		// Tokens (default and issued) stay valid across resets: clients hold them.
	};
	const admin = new Router();
	mountAdmin(admin, {
		faults,
		requestLog,
		state: () => ({
			...store.snapshot(),
			tokens: tokens.describe(),
			rateLimit: limiter.options(),
			subscriptions: webhooks.dispatcher.subscriptions(),
			workflowSubscriptions: webhooks.workflowSubscriptions(),
		}),
		reset,
	});
	mountGhlAdmin(admin, { store, tokens, limiter, webhooks, keys, baseUrl });

	const handle = (req: SandboxRequest): Promise<SandboxResponse> =>
		isAdminPath(req.path)
			? dispatch(admin, req, () => ghlError(404, `No admin endpoint ${req.method} ${req.path} (see ${ADMIN_PREFIX}/state)`))
			: dispatch(api, req, notFoundRoute);

	const server = await startServer({
		port: opts.port ?? 4010,
		host: opts.host,
		name: 'ghl',
		handle,
		faults,
		requestLog,
		faultResponse: (kind) => {
			const res = ghlError(Number(kind), kind === '429' ? 'Too many requests' : kind === '500' ? 'Internal server error' : 'Service unavailable');
			return kind === '429' ? { ...res, headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Max': String(limiter.options().max), 'X-RateLimit-Interval-Milliseconds': String(limiter.options().windowMs) } } : res;
		},
		badJsonResponse: (_req, message) => ghlError(400, message),
	});
	origin = server.url;

	return {
		url: server.url,
		port: server.port,
		token: defaultGrant.token,
		locationId: SEED.locationId,
		scopes,
		publicKeys: { ed25519Pem: keys.ed25519.publicPem, rsaPem: keys.rsa.publicPem },
		store,
		requestLog,
		faults,
		issueToken: (s, o = {}) => tokens.issue(o.locationId ?? SEED.locationId, s, o.label).token,
		revokeToken: (t) => void tokens.revoke(t),
		fire: (eventType, o) => webhooks.fire(eventType, o),
		subscribe: (url, events) => webhooks.dispatcher.subscribe(url, events),
		unsubscribe: (url) => webhooks.dispatcher.unsubscribe(url),
		fireWorkflowWebhook: (kind, o) => webhooks.fireWorkflowWebhook(kind, o),
		subscribeWorkflow: (url, o) => webhooks.subscribeWorkflow(url, o),
		deliveries: () => [...webhooks.dispatcher.log],
		whenIdle: () => webhooks.dispatcher.whenIdle(),
		reset,
		close: async () => {
			webhooks.dispatcher.close();
			await server.close();
		},
	};
}
