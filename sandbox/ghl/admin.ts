/**
 * GHL-specific /__admin endpoints (no auth, no rate limit, no faults), next to
 * the shared state/reset/requests/faults ones from common/admin.ts:
 *   POST  /__admin/fire              { event, to, overrides }       signed Marketplace event
 *   POST  /__admin/fire-workflow     { kind, to, secret, documentId } workflow-style document webhook
 *   POST  /__admin/subscribe         { url, events }                 auto-delivery target
 *   POST  /__admin/unsubscribe       { url }
 *   POST  /__admin/subscribe-workflow { url, kinds, secret }         document status → workflow webhook
 *   GET   /__admin/keys                                              public PEMs
 *   GET   /__admin/deliveries                                        what was delivered, with status/attempts
 *   POST  /__admin/documents         { name, contactId, status, paymentStatus, amount }
 *   PATCH /__admin/documents/:id     { status, paymentStatus, name }
 *   POST  /__admin/tokens            { scopes, locationId, label }   issue another PIT (e.g. fewer scopes)
 *   POST  /__admin/rate-limit        { max, windowMs, daily, kind }   kind: fixed | sliding
 *   POST  /__admin/schedules/:id/run                                 next invoice of a recurring schedule
 */
import { json, type Router, type SandboxRequest, type SandboxResponse } from '../common/http';
import { WINDOW_KINDS, type WindowKind } from '../common/rateLimit';
import type { TokenRegistry } from './auth';
import { GhlHttpError, ghlError } from './errors';
import type { GhlRateLimiter } from './rateLimit';
import { invoiceView } from './resources/invoiceCommon';
import { runSchedule } from './resources/invoiceSchedules';
import { DOCUMENT_STATUSES, PAYMENT_STATUSES, createDocument, documentView } from './resources/proposals';
import type { DocumentPaymentStatus, DocumentStatus, GhlStore } from './store';
import type { GhlWebhooks } from './webhooks';
import type { WebhookKeys } from './webhooks/signing';
import type { WorkflowKind } from './webhooks/workflow';

export interface GhlAdminDeps {
	store: GhlStore;
	tokens: TokenRegistry;
	limiter: GhlRateLimiter;
	webhooks: GhlWebhooks;
	keys: WebhookKeys;
	baseUrl: () => string;
}

type Body = Record<string, unknown>;

const bodyOf = (req: SandboxRequest): Body => (req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Body) : {});

function needString(b: Body, name: string): string {
	const v = b[name];
	if (typeof v !== 'string' || !v) throw new GhlHttpError(400, `${name} is required (string)`);
	return v;
}

function stringList(v: unknown, name: string): string[] | undefined {
	if (v === undefined) return undefined;
	if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new GhlHttpError(400, `${name} must be a list of strings`);
	return v as string[];
}

/** Admin handlers throw GhlHttpError for bad input; this turns it into the answer. */
const guarded =
	(fn: (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>) =>
	async (req: SandboxRequest): Promise<SandboxResponse> => {
		try {
			return await fn(req);
		} catch (e) {
			if (e instanceof GhlHttpError) return e.toResponse();
			return ghlError(500, (e as Error).message);
		}
	};

export function mountGhlAdmin(router: Router, d: GhlAdminDeps): Router {
	const touchDocument = (id: string) => d.webhooks.documentChanged(id);
	return router
		.add(
			'POST',
			'/__admin/fire',
			guarded(async (req) => {
				const b = bodyOf(req);
				const overrides = (b.overrides ?? undefined) as Body | undefined;
				return json(200, await d.webhooks.fire(needString(b, 'event'), { to: needString(b, 'to'), overrides }));
			}),
		)
		.add(
			'POST',
			'/__admin/fire-workflow',
			guarded(async (req) => {
				const b = bodyOf(req);
				const result = await d.webhooks.fireWorkflowWebhook(needString(b, 'kind') as WorkflowKind, {
					to: needString(b, 'to'),
					secret: typeof b.secret === 'string' ? b.secret : undefined,
					documentId: typeof b.documentId === 'string' ? b.documentId : undefined,
				});
				return json(200, result);
			}),
		)
		.add(
			'POST',
			'/__admin/subscribe',
			guarded((req) => {
				const b = bodyOf(req);
				d.webhooks.dispatcher.subscribe(needString(b, 'url'), stringList(b.events, 'events'));
				return json(200, { subscriptions: d.webhooks.dispatcher.subscriptions() });
			}),
		)
		.add(
			'POST',
			'/__admin/unsubscribe',
			guarded((req) => {
				d.webhooks.dispatcher.unsubscribe(needString(bodyOf(req), 'url'));
				return json(200, { subscriptions: d.webhooks.dispatcher.subscriptions() });
			}),
		)
		.add(
			'POST',
			'/__admin/subscribe-workflow',
			guarded((req) => {
				const b = bodyOf(req);
				d.webhooks.subscribeWorkflow(needString(b, 'url'), {
					kinds: stringList(b.kinds, 'kinds') as WorkflowKind[] | undefined,
					secret: typeof b.secret === 'string' ? b.secret : undefined,
				});
				return json(200, { workflowSubscriptions: d.webhooks.workflowSubscriptions() });
			}),
		)
		.add('GET', '/__admin/keys', () => json(200, { ed25519Pem: d.keys.ed25519.publicPem, rsaPem: d.keys.rsa.publicPem }))
		.add('GET', '/__admin/deliveries', () => json(200, { deliveries: d.webhooks.dispatcher.log }))
		.add(
			'POST',
			'/__admin/documents',
			guarded((req) => {
				const b = bodyOf(req);
				const doc = createDocument(d.store, d.baseUrl(), {
					name: typeof b.name === 'string' ? b.name : undefined,
					contactId: typeof b.contactId === 'string' ? b.contactId : undefined,
					status: b.status as DocumentStatus | undefined,
					paymentStatus: b.paymentStatus as DocumentPaymentStatus | undefined,
					amount: typeof b.amount === 'number' ? b.amount : undefined,
					type: typeof b.type === 'string' ? b.type : undefined,
				});
				touchDocument(doc._id);
				return json(201, documentView(doc));
			}),
		)
		.add(
			'PATCH',
			'/__admin/documents/:id',
			guarded((req) => {
				const doc = d.store.documents.get(req.params.id);
				if (!doc) return ghlError(404, 'Document not found');
				const b = bodyOf(req);
				const now = new Date().toISOString();
				if (b.status !== undefined) {
					if (!DOCUMENT_STATUSES.includes(b.status as DocumentStatus)) return ghlError(400, `status must be one of: ${DOCUMENT_STATUSES.join(', ')}`);
					doc.status = b.status as DocumentStatus;
					for (const r of doc.recipients) {
						if (doc.status === 'viewed') r.lastViewedAt = now;
						if (doc.status === 'completed' || doc.status === 'accepted') Object.assign(r, { hasCompleted: true, signedDate: r.signedDate ?? now });
					}
				}
				if (b.paymentStatus !== undefined) {
					if (!PAYMENT_STATUSES.includes(b.paymentStatus as DocumentPaymentStatus)) return ghlError(400, `paymentStatus must be one of: ${PAYMENT_STATUSES.join(', ')}`);
					doc.paymentStatus = b.paymentStatus as DocumentPaymentStatus;
				}
				if (typeof b.name === 'string') doc.name = b.name;
				if (typeof b.deleted === 'boolean') doc.deleted = b.deleted;
				doc.updatedAt = now;
				if (b.status !== undefined) touchDocument(doc._id);
				return json(200, documentView(doc));
			}),
		)
		.add(
			'POST',
			'/__admin/tokens',
			guarded((req) => {
				const b = bodyOf(req);
				const scopes = stringList(b.scopes, 'scopes') ?? [];
				const locationId = typeof b.locationId === 'string' ? b.locationId : d.store.location.id;
				const grant = d.tokens.issue(locationId, scopes, typeof b.label === 'string' ? b.label : undefined);
				return json(201, { token: grant.token, locationId, scopes });
			}),
		)
		.add(
			'POST',
			'/__admin/rate-limit',
			guarded((req) => {
				const b = bodyOf(req);
				const n = (k: string) => (typeof b[k] === 'number' && (b[k] as number) > 0 ? (b[k] as number) : undefined);
				if (b.kind !== undefined && !WINDOW_KINDS.includes(b.kind as WindowKind)) throw new GhlHttpError(400, `kind must be one of: ${WINDOW_KINDS.join(', ')}`);
				d.limiter.configure({ ...(n('max') && { max: n('max') }), ...(n('windowMs') && { windowMs: n('windowMs') }), ...(n('daily') && { daily: n('daily') }), ...(b.kind !== undefined && { kind: b.kind as WindowKind }) });
				return json(200, d.limiter.options());
			}),
		)
		.add(
			'POST',
			'/__admin/schedules/:id/run',
			guarded((req) => {
				const s = d.store.schedules.get(req.params.id);
				if (!s) return ghlError(404, 'Schedule not found');
				if (s.status !== 'active') return ghlError(400, `Schedule is ${s.status}, not active`);
				const inv = runSchedule({ store: d.store, events: d.webhooks, locationId: d.store.location.id }, s);
				return json(201, invoiceView(inv));
			}),
		);
}
