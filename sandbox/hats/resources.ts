/**
 * Per-resource rules of the fake 17hats: id prefix, scope, list filters,
 * defaults, and the references that must exist. Shape checks come from the
 * OpenAPI document (see api.ts); what a schema cannot say lives here.
 */
import { HatsError, validationFailed } from './errors';
import { HatsStore, newId, type HatsRecord, type ResourceName } from './store';

export interface ResourceDef {
	name: ResourceName;
	idField: string;
	prefix: string;
	/** Scope prefix: 'contacts' → contacts:read / contacts:write. */
	scope: string;
	/** Query filters compared for equality with the record's field of the same name. */
	filters: string[];
	/** Fields a new record starts with (before the body is applied). */
	defaults: () => Record<string, unknown>;
	/** Fields that hold ids of other resources. */
	refs: Array<{ field: string; resource: ResourceName | 'templates'; many?: boolean }>;
}

const common = () => ({ external_id: null, metadata: {}, last_synced_at: null });

export const DEFS: Record<ResourceName, ResourceDef> = {
	contacts: {
		name: 'contacts',
		idField: 'contact_id',
		prefix: 'ct_',
		scope: 'contacts',
		filters: ['email', 'type'],
		defaults: () => ({
			first_name: null,
			last_name: null,
			email: null,
			phone: null,
			company: null,
			type: 'other',
			address: emptyAddress(),
			tags: [],
			notes: null,
			...common(),
		}),
		refs: [],
	},
	projects: {
		name: 'projects',
		idField: 'project_id',
		prefix: 'pr_',
		scope: 'projects',
		filters: ['contact_id'],
		defaults: () => ({ status: 'active', ...common() }),
		refs: [{ field: 'contact_id', resource: 'contacts' }],
	},
	documents: {
		name: 'documents',
		idField: 'document_id',
		prefix: 'doc_',
		scope: 'documents',
		filters: ['contact_id', 'project_id', 'document_type', 'status'],
		defaults: () => ({ project_id: null, template_id: null, status: 'draft', url: null, sent_at: null, ...common() }),
		refs: [
			{ field: 'contact_id', resource: 'contacts' },
			{ field: 'project_id', resource: 'projects' },
			{ field: 'template_id', resource: 'templates' },
		],
	},
	contracts: {
		name: 'contracts',
		idField: 'contract_id',
		prefix: 'k_',
		scope: 'contracts',
		filters: ['contact_id', 'status'],
		defaults: () => ({
			project_id: null,
			status: 'draft',
			status_reason: null,
			amount: null,
			currency: 'USD',
			start_date: null,
			end_date: null,
			renewal_date: null,
			auto_renew: false,
			document_ids: [],
			sent_at: null,
			...common(),
		}),
		refs: [
			{ field: 'contact_id', resource: 'contacts' },
			{ field: 'project_id', resource: 'projects' },
			{ field: 'document_ids', resource: 'documents', many: true },
		],
	},
	invoices: {
		name: 'invoices',
		idField: 'invoice_id',
		prefix: 'inv_',
		scope: 'invoices',
		filters: ['contract_id', 'contact_id', 'status'],
		defaults: () => ({ contract_id: null, amount_paid: 0, currency: 'USD', due_date: null, status: 'draft', paid_at: null, ...common() }),
		refs: [
			{ field: 'contact_id', resource: 'contacts' },
			{ field: 'contract_id', resource: 'contracts' },
		],
	},
};

/** Records that carry `status_changed_at` (docs/17hats-api.yaml). */
const HAS_STATUS_STAMP = new Set<ResourceName>(['documents', 'contracts', 'invoices']);

export function emptyAddress() {
	return { street: null, city: null, state: null, postal_code: null, country: null };
}

/** Checks references, ownership and the duplicate-external-id rule for a would-be record. */
function checkRecord(store: HatsStore, def: ResourceDef, next: HatsRecord, id: string): void {
	const errors: Array<{ field: string; message: string }> = [];
	for (const ref of def.refs) {
		const values = ref.many ? ((next[ref.field] as string[]) ?? []) : [next[ref.field] as string | null];
		for (const v of values) {
			if (v === null || v === undefined) continue;
			const exists =
				ref.resource === 'templates' ? store.templates.some((t) => t.template_id === v) : store.get(ref.resource, v) !== undefined;
			if (!exists) errors.push({ field: ref.field, message: `refers to ${ref.resource} "${v}", which does not exist` });
		}
	}
	// A project (and a contract's documents) must belong to the record's contact.
	if (typeof next.project_id === 'string' && def.name !== 'projects') {
		const project = store.get('projects', next.project_id);
		if (project && project.contact_id !== next.contact_id) errors.push({ field: 'project_id', message: 'belongs to another contact' });
	}
	if (def.name === 'invoices' && (next.amount_paid as number) > (next.amount as number)) {
		errors.push({ field: 'amount_paid', message: 'must not exceed amount' });
	}
	if (errors.length) throw validationFailed(errors);
	if (next.external_id !== null) {
		const other = store.findByExternalId(def.name, next.external_id);
		if (other && other[def.idField] !== id) {
			throw new HatsError(
				'duplicate_external_id',
				`A ${def.name.slice(0, -1)} with external_id "${next.external_id}" already exists (${String(other[def.idField])}).`,
				{ existing_id: other[def.idField], external_id: next.external_id },
			);
		}
	}
}

export function createRecord(store: HatsStore, def: ResourceDef, body: Record<string, unknown>): HatsRecord {
	const id = newId(def.prefix);
	const now = new Date().toISOString();
	const rec = { [def.idField]: id, ...def.defaults(), ...body } as HatsRecord;
	if (def.name === 'contacts') rec.address = { ...emptyAddress(), ...((body.address as object) ?? {}) };
	if (def.name === 'documents' && rec.url === null) rec.url = `https://app.17hats.invalid/documents/${id}`;
	if (def.name === 'invoices' && rec.number === undefined) rec.number = store.nextInvoiceNumber();
	if (def.name === 'invoices' && rec.status === 'paid' && body.amount_paid === undefined) {
		rec.amount_paid = rec.amount;
		rec.paid_at = now;
	}
	rec.created_at = now;
	rec.updated_at = now;
	if (HAS_STATUS_STAMP.has(def.name)) rec.status_changed_at = now;
	checkRecord(store, def, rec, id);
	return store.insert(def.name, id, ordered(def, rec));
}

/** Partial update: given fields replace stored ones (metadata as a whole; address merged). */
export function updateRecord(store: HatsStore, def: ResourceDef, id: string, patch: Record<string, unknown>): HatsRecord {
	const current = store.get(def.name, id);
	if (!current) throw notFound(def, id);
	// Optimistic concurrency: the change applies only to the record as the client read it.
	const { if_updated_at: ifUpdatedAt, ...fields } = patch;
	patch = fields;
	if (ifUpdatedAt !== undefined && ifUpdatedAt !== current.updated_at) {
		throw new HatsError('modified', `The ${def.name.slice(0, -1)} "${id}" was changed since ${String(ifUpdatedAt)}; nothing was changed.`, { updated_at: current.updated_at });
	}
	const next = { ...current, ...patch } as HatsRecord;
	if (def.name === 'contacts' && patch.address) next.address = { ...(current.address as object), ...(patch.address as object) };
	if (def.name === 'invoices' && patch.status === 'paid' && current.status !== 'paid') {
		if (patch.amount_paid === undefined) next.amount_paid = next.amount;
		next.paid_at = new Date().toISOString();
	}
	checkRecord(store, def, next, id);
	// Strictly later on every write, so `if_updated_at` tells two writes in one millisecond apart.
	const previous = Date.parse(String(current.updated_at ?? ''));
	next.updated_at = new Date(Number.isNaN(previous) ? Date.now() : Math.max(Date.now(), previous + 1)).toISOString();
	if (HAS_STATUS_STAMP.has(def.name) && next.status !== current.status) next.status_changed_at = next.updated_at;
	Object.assign(current, ordered(def, next));
	return current;
}

export function notFound(def: ResourceDef, id: string): HatsError {
	return new HatsError('not_found', `No ${def.name.slice(0, -1)} with ${def.idField} "${id}".`);
}

/** Keeps the id first and the bookkeeping fields last, so records read well in logs. */
function ordered(def: ResourceDef, rec: HatsRecord): HatsRecord {
	const { [def.idField]: id, external_id, metadata, created_at, updated_at, last_synced_at, ...rest } = rec;
	return { [def.idField]: id, ...rest, external_id, metadata, created_at, updated_at, last_synced_at } as HatsRecord;
}
