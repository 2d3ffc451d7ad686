/**
 * The /v1 routes of the fake 17hats. Each handler is wrapped by `op()`, which
 * checks the key, the scope and the request shape (against the OpenAPI doc)
 * before the handler runs.
 */
import { Router, bearerToken, type RouteHandler, type SandboxRequest, type SandboxResponse } from '../common/http';
import type { OpenApiValidator } from '../common/openapi';
import { HatsError, validationFailed } from './errors';
import { createRecord, DEFS, notFound, updateRecord, type ResourceDef } from './resources';
import { ACCOUNT, HatsStore, RESOURCES, type ApiKey, type HatsRecord } from './store';

type Handler = (req: SandboxRequest, key: ApiKey) => SandboxResponse;

export function buildApiRouter(store: HatsStore, validator: OpenApiValidator): Router {
	const router = new Router();

	function authenticate(req: SandboxRequest): ApiKey {
		const token = bearerToken(req);
		if (!token) throw new HatsError('unauthorized', 'Missing API key: send "Authorization: Bearer <api key>".');
		const key = store.findKey(token);
		if (!key) throw new HatsError('unauthorized', 'Unknown API key.');
		if (key.expires_at !== undefined && Date.now() >= key.expires_at) {
			throw new HatsError(
				'key_rotated',
				`This API key was rotated at ${key.rotated_at} and its overlap window has ended. Use the new API key.`,
			);
		}
		return key;
	}

	function op(scope: string | null, fn: Handler): RouteHandler {
		return (req) => {
			const key = authenticate(req);
			if (scope && !key.scopes.includes(scope)) {
				throw new HatsError('insufficient_scope', `This API key lacks the scope "${scope}".`, {
					required_scope: scope,
					granted_scopes: key.scopes,
				});
			}
			if (req.rawBody.length > 0 && req.body === undefined) {
				throw new HatsError('bad_request', 'Send the body as JSON with "Content-Type: application/json".');
			}
			const check = validator.validateRequest({ method: req.method, path: req.path, query: req.query, body: req.body });
			if (!check.valid) throw validationFailed(check.issues.map((i) => ({ field: i.field, message: i.message })));
			return fn(req, key);
		};
	}

	router.add(
		'GET',
		'/me',
		op(null, (_req, key) => ({
			status: 200,
			body: { ...ACCOUNT, key_id: key.key_id, scopes: key.scopes, key_created_at: key.created_at },
		})),
	);

	for (const name of RESOURCES) {
		const def = DEFS[name];
		const read = `${def.scope}:read`;
		const write = `${def.scope}:write`;
		const one = `/${name}/:id`;
		router
			.add('POST', `/${name}`, op(write, (req) => ({ status: 201, body: createRecord(store, def, req.body as Record<string, unknown>) })))
			.add('GET', `/${name}`, op(read, (req) => ({ status: 200, body: list(store, def, req.query) })))
			.add('GET', one, op(read, (req) => ({ status: 200, body: mustGet(store, def, req.params.id) })))
			.add('PATCH', one, op(write, (req) => ({ status: 200, body: updateRecord(store, def, req.params.id, req.body as Record<string, unknown>) })))
			.add(
				'DELETE',
				one,
				op(write, (req) => {
					mustGet(store, def, req.params.id);
					store.delete(name, req.params.id);
					// A deleted document no longer belongs to any contract.
					if (name === 'documents') {
						for (const k of store.all('contracts')) {
							const ids = k.document_ids as string[];
							if (ids.includes(req.params.id)) k.document_ids = ids.filter((d) => d !== req.params.id);
						}
					}
					return { status: 204 };
				}),
			);
	}

	router.add(
		'POST',
		'/documents/:id/send',
		op('documents:write', (req) => {
			const doc = mustGet(store, DEFS.documents, req.params.id);
			refuseResend(doc, DEFS.documents, req);
			if (doc.status === 'void') throw validationFailed([{ field: 'status', message: 'is void; a void document cannot be sent' }]);
			requireProject(store, doc);
			const sentAt = new Date().toISOString();
			store.outbox.push({ kind: 'document', id: req.params.id, contact_id: String(doc.contact_id), sent_at: sentAt });
			return { status: 200, body: updateRecord(store, DEFS.documents, req.params.id, { status: 'sent', sent_at: sentAt }) };
		}),
	);

	router.add(
		'POST',
		'/contracts/:id/status',
		op('contracts:write', (req) => {
			const body = req.body as { status: string; reason?: string; last_synced_at?: string | null };
			const patch: Record<string, unknown> = { status: body.status, status_reason: body.reason ?? null };
			if (body.last_synced_at !== undefined) patch.last_synced_at = body.last_synced_at;
			return { status: 200, body: updateRecord(store, DEFS.contracts, req.params.id, patch) };
		}),
	);

	router.add(
		'POST',
		'/contracts/:id/documents',
		op('contracts:write', (req) => {
			const contract = mustGet(store, DEFS.contracts, req.params.id);
			const documentId = (req.body as { document_id: string }).document_id;
			if (!store.get('documents', documentId)) {
				throw validationFailed([{ field: 'document_id', message: `refers to documents "${documentId}", which does not exist` }]);
			}
			const ids = contract.document_ids as string[];
			// Idempotent: attaching twice changes nothing (not even updated_at).
			if (ids.includes(documentId)) return { status: 200, body: contract };
			return { status: 200, body: updateRecord(store, DEFS.contracts, req.params.id, { document_ids: [...ids, documentId] }) };
		}),
	);

	router.add(
		'POST',
		'/contracts/:id/send',
		op('contracts:write', (req) => {
			const contract = mustGet(store, DEFS.contracts, req.params.id);
			refuseResend(contract, DEFS.contracts, req);
			if (contract.status === 'void' || contract.status === 'cancelled') {
				throw validationFailed([{ field: 'status', message: `is ${String(contract.status)}; it cannot be sent` }]);
			}
			requireProject(store, contract);
			const patch: Record<string, unknown> = { sent_at: new Date().toISOString() };
			store.outbox.push({ kind: 'contract', id: req.params.id, contact_id: String(contract.contact_id), sent_at: patch.sent_at as string });
			if (contract.status === 'draft') patch.status = 'sent';
			return { status: 200, body: updateRecord(store, DEFS.contracts, req.params.id, patch) };
		}),
	);

	router.add(
		'POST',
		'/invoices/:id/status',
		op('invoices:write', (req) => {
			const body = req.body as { status: string; last_synced_at?: string | null };
			const patch: Record<string, unknown> = { status: body.status };
			if (body.last_synced_at !== undefined) patch.last_synced_at = body.last_synced_at;
			return { status: 200, body: updateRecord(store, DEFS.invoices, req.params.id, patch) };
		}),
	);

	router.add(
		'GET',
		'/templates',
		op('templates:read', (req) => {
			const type = req.query.get('document_type');
			const entries = store.templates.filter((t) => !type || t.document_type === type).map((t, i) => ({ seq: i + 1, data: t }));
			return { status: 200, body: paginate(entries, req.query) };
		}),
	);

	return router;
}

function mustGet(store: HatsStore, def: ResourceDef, id: string): HatsRecord {
	const rec = store.get(def.name, id);
	if (!rec) throw notFound(def, id);
	return rec;
}

/**
 * A send with `if_unsent` checks and sends in one step (handlers run to the end
 * without yielding), so of several racing senders exactly one sends.
 */
function refuseResend(rec: HatsRecord, def: ResourceDef, req: SandboxRequest): void {
	const ifUnsent = (req.body as { if_unsent?: boolean } | undefined)?.if_unsent === true;
	if (!ifUnsent || rec.sent_at === null || rec.sent_at === undefined) return;
	const noun = def.name.slice(0, -1);
	throw new HatsError('already_sent', `This ${noun} was sent already (at ${String(rec.sent_at)}); it was not sent again.`, {
		[def.idField]: String(rec[def.idField]),
		sent_at: String(rec.sent_at),
	});
}

/** 17hats rule: a contact needs a project before anything is sent to it. */
function requireProject(store: HatsStore, rec: HatsRecord): void {
	if (rec.project_id) return;
	const contactId = rec.contact_id as string;
	if (store.all('projects').some((p) => p.contact_id === contactId)) return;
	throw new HatsError('project_required', `Contact "${contactId}" has no project; create a project for it before sending.`, {
		contact_id: contactId,
	});
}

function list(store: HatsStore, def: ResourceDef, q: URLSearchParams) {
	const since = q.get('updated_since');
	const sinceMs = since ? Date.parse(since) : undefined;
	const metaFilters = [...q.entries()].filter(([k]) => k.startsWith('metadata.')).map(([k, v]) => [k.slice(9), v] as const);
	const matches = (r: HatsRecord): boolean => {
		if (q.has('external_id') && r.external_id !== q.get('external_id')) return false;
		if (sinceMs !== undefined && Date.parse(r.updated_at as string) < sinceMs) return false;
		for (const f of def.filters) {
			const want = q.get(f);
			if (want === null) continue;
			const have = r[f];
			if (f === 'email' ? String(have ?? '').toLowerCase() !== want.toLowerCase() : have !== want) return false;
		}
		return metaFilters.every(([k, v]) => r.metadata[k] === v);
	};
	return paginate(store.entries(def.name).filter((e) => matches(e.data)), q);
}

/** Cursor = the list position of the last record returned, so inserts and deletes never repeat or skip a record. */
function paginate<T>(entries: Array<{ seq: number; data: T }>, q: URLSearchParams): { data: T[]; next_cursor: string | null } {
	const limit = Number(q.get('limit') ?? 25);
	const cursor = q.get('cursor');
	let after = 0;
	if (cursor !== null) {
		const decoded = decodeCursor(cursor);
		if (decoded === undefined) throw new HatsError('bad_request', 'The cursor is not valid; pass next_cursor from the previous page unchanged.');
		after = decoded;
	}
	const rest = entries.filter((e) => e.seq > after);
	const page = rest.slice(0, limit);
	const more = rest.length > limit;
	return { data: page.map((e) => e.data), next_cursor: more ? encodeCursor(page[page.length - 1].seq) : null };
}

function encodeCursor(seq: number): string {
	return Buffer.from(JSON.stringify({ after: seq }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): number | undefined {
	try {
		const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
		return Number.isInteger(v?.after) && v.after >= 0 ? v.after : undefined;
	} catch {
		return undefined;
	}
}
