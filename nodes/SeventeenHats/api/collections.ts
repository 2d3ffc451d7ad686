/**
 * The 17hats collections (docs/17hats-api.yaml) in one table: each one's
 * path, id field, id prefix, scopes and how a record is shown in a picker.
 * The 17hats node, its list search, the sync node and the tests read it.
 */
import type { IDataObject } from 'n8n-workflow';

import type { PaginationStyle } from '../../common/pagination';

export interface Collection {
	/** The collection path, e.g. `/contacts`. */
	path: string;
	/** The record's id field, e.g. `contact_id`. */
	idKey: string;
	/** The prefix of the ids 17hats issues, e.g. `ct_`. */
	idPrefix: string;
	/** One record in messages, e.g. "contact". */
	noun: string;
	readScope: string;
	/** How a record is shown in a picker (list search). */
	label(record: IDataObject): string;
}

/** A collection of records with an external id and metadata, which the API key may write. */
export interface RecordCollection extends Collection {
	writeScope: string;
}

/** The words that are set, joined by spaces. */
const words = (...parts: unknown[]) => parts.filter((p) => typeof p === 'string' && p !== '').join(' ');

function collection(name: string, idKey: string, idPrefix: string, label: Collection['label']): RecordCollection {
	return { path: `/${name}`, idKey, idPrefix, noun: name.slice(0, -1), readScope: `${name}:read`, writeScope: `${name}:write`, label };
}

export const COLLECTIONS = {
	contacts: collection('contacts', 'contact_id', 'ct_', (r) =>
		words(words(r.first_name, r.last_name) || r.company, r.email ? `<${String(r.email)}>` : ''),
	),
	projects: collection('projects', 'project_id', 'pr_', (r) => words(r.name)),
	documents: collection('documents', 'document_id', 'doc_', (r) => words(r.name, `(${String(r.document_type)}, ${String(r.status)})`)),
	contracts: collection('contracts', 'contract_id', 'k_', (r) => words(r.name, `(${String(r.status)})`)),
	invoices: collection('invoices', 'invoice_id', 'inv_', (r) => words(r.number, `(${String(r.status)})`)),
} satisfies Record<string, RecordCollection>;

export type CollectionName = keyof typeof COLLECTIONS;

export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

/** Document templates (read only). */
export const TEMPLATES: Collection = {
	path: '/templates',
	idKey: 'template_id',
	idPrefix: 'tpl_',
	noun: 'template',
	readScope: 'templates:read',
	label: (r) => words(r.name, `(${String(r.document_type)})`),
};

/** Every 17hats list: `{ data, next_cursor }`, up to 100 a page. */
export const LIST_PAGINATION: PaginationStyle = { type: 'hatsCursor', itemsKey: 'data', pageSize: 100 };
