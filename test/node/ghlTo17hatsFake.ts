/**
 * A small stateful 17hats behind nock for the sync node's engine tests: the
 * list filters, create (409 duplicate_external_id), PATCH, send and attach
 * of docs/17hats-contract-notes.md, and a log of every request.
 */
import nock from 'nock';

import { HATS_BASE } from '../support/fixtures';

type Rec = Record<string, unknown> & { metadata: Record<string, string>; external_id: string | null };

const ID_FIELD: Record<string, string> = {
	contacts: 'contact_id',
	projects: 'project_id',
	documents: 'document_id',
	contracts: 'contract_id',
	invoices: 'invoice_id',
};
const PREFIX: Record<string, string> = { contacts: 'ct_', projects: 'pr_', documents: 'doc_', contracts: 'k_', invoices: 'inv_' };

export interface LoggedRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	body: Record<string, unknown> | undefined;
}

export class HatsFake {
	readonly tables: Record<string, Rec[]> = { contacts: [], projects: [], documents: [], contracts: [], invoices: [] };
	readonly log: LoggedRequest[] = [];
	private seq = 0;
	/** Runs before a create is stored: lets a test play a racing worker. */
	beforeCreate?: (resource: string, body: Record<string, unknown>) => void;
	/** Awaited before a request is answered: lets a test hold one request back to force an interleaving. */
	gate?: (method: string, path: string) => Promise<void> | void;
	/** True for a request to apply and then answer 500 (the answer is lost, the write is done). */
	loseAnswer?: (method: string, path: string, body: Record<string, unknown> | undefined) => boolean;
	/** Every document really sent (17hats e-mails it once per entry). */
	readonly outbox: string[] = [];

	install(): void {
		const scope = nock(HATS_BASE).persist();
		const handler = (method: string) =>
			async function (this: unknown, uri: string, body: unknown): Promise<[number, unknown]> {
				await fake.gate?.(method, new URL(uri, 'https://api.17hats.com').pathname.replace(/^\/v1/, ''));
				const answer = fake.handle(method, uri, body as Record<string, unknown> | undefined);
				const path = new URL(uri, 'https://api.17hats.com').pathname.replace(/^\/v1/, '');
				if (fake.loseAnswer?.(method, path, body as Record<string, unknown> | undefined)) {
					return [500, { error: { code: 'internal', message: 'Lost answer (test)', request_id: 'req_lost' } }];
				}
				return answer;
			};
		const fake = this;
		scope.get(/.*/).reply(handler('GET'));
		scope.post(/.*/).reply(handler('POST'));
		scope.patch(/.*/).reply(handler('PATCH'));
		scope.delete(/.*/).reply(handler('DELETE'));
	}

	insert(resource: string, data: Record<string, unknown>): Rec {
		const id = `${PREFIX[resource]}${++this.seq}`;
		const now = new Date().toISOString();
		const rec = {
			[ID_FIELD[resource]]: id,
			external_id: null,
			metadata: {},
			last_synced_at: null,
			created_at: now,
			updated_at: now,
			...(resource === 'contracts' ? { document_ids: [], status: 'draft' } : {}),
			...(resource === 'documents' ? { status: 'draft' } : {}),
			...(resource === 'invoices' ? { status: 'draft', amount_paid: 0 } : {}),
			...data,
		} as Rec;
		this.tables[resource].push(rec);
		return rec;
	}

	writes(): LoggedRequest[] {
		return this.log.filter((r) => r.method !== 'GET');
	}

	private err(status: number, code: string, message: string, details?: Record<string, unknown>): [number, unknown] {
		return [status, { error: { code, message, request_id: 'req_test', ...(details ? { details } : {}) } }];
	}

	handle(method: string, uri: string, body: Record<string, unknown> | undefined): [number, unknown] {
		const url = new URL(uri, 'https://api.17hats.com');
		const path = url.pathname.replace(/^\/v1/, '');
		this.log.push({ method, path, query: url.searchParams, body });
		const [, resource, id, action] = path.split('/');
		const table = this.tables[resource];
		if (!table) return this.err(404, 'not_found', `No route ${method} ${path}`);
		const idField = ID_FIELD[resource];
		const find = (rid: string) => table.find((r) => r[idField] === rid);
		if (method === 'GET' && !id) {
			const q = url.searchParams;
			const data = table.filter((r) => {
				for (const [k, v] of q.entries()) {
					if (k === 'limit' || k === 'cursor') continue;
					if (k.startsWith('metadata.')) {
						if (r.metadata[k.slice(9)] !== v) return false;
					} else if (k === 'email') {
						if (String(r.email ?? '').toLowerCase() !== v.toLowerCase()) return false;
					} else if (r[k] !== v) return false;
				}
				return true;
			});
			return [200, { data: data.slice(0, Number(q.get('limit') ?? 25)), next_cursor: null }];
		}
		if (method === 'POST' && !id) {
			this.beforeCreate?.(resource, body ?? {});
			const ext = body?.external_id as string | undefined;
			const other = ext ? table.find((r) => r.external_id === ext) : undefined;
			if (other) {
				return this.err(409, 'duplicate_external_id', `external_id "${ext}" exists`, { existing_id: other[idField], external_id: ext });
			}
			return [201, this.insert(resource, body ?? {})];
		}
		const rec = id ? find(id) : undefined;
		if (!rec) return this.err(404, 'not_found', `No ${resource} ${id}`);
		if (method === 'GET') return [200, rec];
		if (method === 'PATCH') {
			Object.assign(rec, body, { updated_at: new Date().toISOString() });
			return [200, rec];
		}
		if (method === 'DELETE') {
			table.splice(table.indexOf(rec), 1);
			return [204, ''];
		}
		if (method === 'POST' && resource === 'documents' && action === 'send') {
			if (body?.if_unsent === true && rec.sent_at) {
				return this.err(409, 'already_sent', `document ${String(id)} was sent already`, { document_id: id, sent_at: rec.sent_at });
			}
			Object.assign(rec, { status: 'sent', sent_at: new Date().toISOString() });
			this.outbox.push(String(id));
			return [200, rec];
		}
		if (method === 'POST' && resource === 'contracts' && action === 'documents') {
			const ids = rec.document_ids as string[];
			const docId = String(body?.document_id);
			if (!ids.includes(docId)) ids.push(docId);
			return [200, rec];
		}
		return this.err(404, 'not_found', `No route ${method} ${path}`);
	}
}
