/**
 * The fake 17hats' state (GET /__admin/state) read for the soak and race
 * checks: records normalised so two runs can be compared (17hats ids and
 * timestamps left out, references named by the external id of the record
 * they point to), duplicates, and the outbox of sent documents.
 */
import type { IDataObject } from 'n8n-workflow';

export interface HatsAdminState {
	data: Record<string, IDataObject[]>;
	outbox: Array<{ kind: string; id: string; contact_id: string; sent_at: string }>;
	counts: Record<string, number>;
}

export async function readHatsState(origin: string): Promise<HatsAdminState> {
	const res = await fetch(`${origin}/__admin/state`);
	if (res.status !== 200) throw new Error(`17hats admin state answered ${res.status}`);
	return (await res.json()) as HatsAdminState;
}

/** The id field of each collection. */
const ID_KEYS: Record<string, string> = {
	contacts: 'contact_id',
	projects: 'project_id',
	documents: 'document_id',
	contracts: 'contract_id',
	invoices: 'invoice_id',
};
const COLLECTION_OF_KEY = Object.fromEntries(Object.entries(ID_KEYS).map(([c, k]) => [k, c]));

/**
 * Written by 17hats or by the sync at the moment of writing, so they differ between two runs of
 * the same events: every `*_at` time (created, updated, last synced, sent, paid, status changed …;
 * dates are `*_date`) and the per-create marker.
 */
const isVolatile = (key: string) => key.endsWith('_at') || key === 'sync_create_id';

/** How a record is named in a normalised state: its external id, else its content. */
function refOf(collection: string, record: IDataObject): string {
	return `${collection}:${typeof record.external_id === 'string' && record.external_id !== '' ? record.external_id : `(no external id) ${String(record.email ?? record.name ?? '?')}`}`;
}

export type NormalisedState = Record<string, Record<string, IDataObject>>;

/**
 * Every record keyed by collection and external id, without 17hats ids,
 * timestamps and the sync's per-write bookkeeping; links as the linked
 * record's external id. Two records under one key (a duplicate) both show,
 * the second as `<key> #2`.
 */
export function normalise(state: HatsAdminState): NormalisedState {
	const refs = new Map<string, string>();
	for (const [collection, records] of Object.entries(state.data)) {
		for (const r of records) refs.set(`${ID_KEYS[collection]}:${String(r[ID_KEYS[collection]])}`, refOf(collection, r));
	}
	const ref = (key: string, id: unknown) => refs.get(`${key}:${String(id)}`) ?? `unknown ${key} ${String(id)}`;
	// A 17hats id inside a text (a document's URL) is named like a link.
	const byId = new Map([...refs].map(([k, v]) => [k.slice(k.indexOf(':') + 1), v]));
	const texts = (v: unknown) => (typeof v === 'string' ? v.replace(/\b[a-z]{1,4}_[0-9a-f]{12}\b/g, (id) => (byId.has(id) ? `<${byId.get(id)}>` : id)) : v);
	const out: NormalisedState = {};
	for (const [collection, records] of Object.entries(state.data)) {
		const table: Record<string, IDataObject> = {};
		for (const r of records) {
			const n: IDataObject = {};
			for (const [k, v] of Object.entries(r)) {
				if (k === ID_KEYS[collection] || isVolatile(k)) continue;
				if (COLLECTION_OF_KEY[k]) n[k] = v === null || v === undefined ? null : ref(k, v);
				else if (k === 'document_ids' && Array.isArray(v)) n[k] = v.map((id) => ref('document_id', id)).sort();
				else if (k === 'metadata' && v && typeof v === 'object') {
					n[k] = Object.fromEntries(Object.entries(v as IDataObject).filter(([mk]) => !isVolatile(mk)).sort(([a], [b]) => a.localeCompare(b)));
				} else n[k] = texts(v) as IDataObject;
			}
			let key = refOf(collection, r);
			for (let i = 2; key in table; i++) key = `${refOf(collection, r)} #${i}`;
			table[key] = n;
		}
		out[collection] = Object.fromEntries(Object.entries(table).sort(([a], [b]) => a.localeCompare(b)));
	}
	return out;
}

/** Differences between two normalised states, one line each (empty: equal). */
export function stateDiff(expected: NormalisedState, actual: NormalisedState, max = 40): string[] {
	const lines: string[] = [];
	for (const collection of [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort()) {
		const e = expected[collection] ?? {};
		const a = actual[collection] ?? {};
		for (const key of [...new Set([...Object.keys(e), ...Object.keys(a)])].sort()) {
			if (!(key in a)) lines.push(`missing ${key}`);
			else if (!(key in e)) lines.push(`extra ${key}`);
			else {
				for (const field of [...new Set([...Object.keys(e[key]), ...Object.keys(a[key])])].sort()) {
					const ev = JSON.stringify(e[key][field]);
					const av = JSON.stringify(a[key][field]);
					if (ev !== av) lines.push(`${key}.${field}: expected ${ev}, got ${av}`);
				}
			}
		}
	}
	if (lines.length <= max) return lines;
	// Too many to list: which fields differ, and how often.
	const byField = new Map<string, number>();
	for (const l of lines) {
		const field = /^(\w+):[^.]*(?:\.[^.:]*)*?\.(\w+):/.exec(l);
		const name = field ? `${field[1]}.${field[2]}` : l.split(' ')[0];
		byField.set(name, (byField.get(name) ?? 0) + 1);
	}
	return [...lines.slice(0, max), `… and ${lines.length - max} more; by field: ${[...byField].map(([f, n]) => `${f} ×${n}`).join(', ')}`];
}

/** External ids held by more than one record of a collection, and contact e-mails held by more than one contact. */
export function duplicates(state: HatsAdminState): string[] {
	const found: string[] = [];
	for (const [collection, records] of Object.entries(state.data)) {
		const seen = new Map<string, number>();
		for (const r of records) {
			if (typeof r.external_id === 'string' && r.external_id !== '') seen.set(r.external_id, (seen.get(r.external_id) ?? 0) + 1);
		}
		for (const [id, n] of seen) if (n > 1) found.push(`${collection} ${id} ×${n}`);
	}
	const emails = new Map<string, number>();
	for (const c of state.data.contacts ?? []) {
		if (typeof c.email === 'string' && c.email !== '') emails.set(c.email.toLowerCase(), (emails.get(c.email.toLowerCase()) ?? 0) + 1);
	}
	for (const [email, n] of emails) if (n > 1) found.push(`contacts with e-mail ${email} ×${n}`);
	return found;
}

export interface SendCheck {
	/** Documents made from a template for this use case (welcome:…, renewal:…). */
	documents: number;
	/** Of them, sent exactly once (one outbox entry, status sent). */
	sentOnce: number;
	unsent: string[];
	sentTwice: string[];
}

/** Welcome agreements or renewal notices (by external id prefix) against the outbox: each sent exactly once. */
export function sendCheck(state: HatsAdminState, prefix: 'welcome:' | 'renewal:'): SendCheck {
	const docs = (state.data.documents ?? []).filter((d) => String(d.external_id ?? '').startsWith(prefix));
	const sends = new Map<string, number>();
	for (const m of state.outbox) if (m.kind === 'document') sends.set(m.id, (sends.get(m.id) ?? 0) + 1);
	const unsent: string[] = [];
	const sentTwice: string[] = [];
	for (const d of docs) {
		const n = sends.get(String(d.document_id)) ?? 0;
		if (n === 0 || d.status === 'draft') unsent.push(String(d.external_id));
		if (n > 1) sentTwice.push(`${String(d.external_id)} ×${n}`);
	}
	return { documents: docs.length, sentOnce: docs.length - unsent.length - sentTwice.length, unsent, sentTwice };
}
