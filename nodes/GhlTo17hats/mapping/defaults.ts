/**
 * The mapping matrix: for every 17hats record the node writes, which GHL
 * field feeds each 17hats field and how it is transformed. Data, not code:
 * docs/mapping.md is generated from it (npm run docs:mapping), the node's
 * Field Overrides columns are built from it, and a unit test covers each row.
 *
 * Sources are paths in the *normalised* GHL record (sync/normalize.ts), which
 * is the GHL API/webhook shape with the contact of a document or invoice
 * lifted out; a list of sources hands the transform an object of those fields.
 */
import type { TransformName } from './transforms';
import type { StatusMapName } from './statusMaps';

export type HatsTarget = 'contact' | 'document' | 'contract' | 'invoice';

export interface MappingRow {
	/** 17hats field. */
	field: string;
	/** Column label in the node. */
	label: string;
	/** GHL field path(s) in the normalised record. */
	source: string | string[];
	/** Second GHL field used when the first is empty (names). */
	fallback?: string;
	/** A value transform or a status map. */
	transform: TransformName | StatusMapName;
	/** Field type for the node's column. */
	type?: 'string' | 'number' | 'array' | 'object';
}

export const DEFAULT_MAPS: Record<HatsTarget, { title: string; ghl: string; rows: MappingRow[] }> = {
	contact: {
		title: '17hats contact ← GHL contact',
		ghl: 'ContactCreate / ContactUpdate / ContactTagUpdate webhook, GHL Trigger contact events, GET /contacts/{id}; also the contact of a document (primary recipient) or invoice (contactDetails)',
		rows: [
			{ field: 'first_name', label: 'First Name', source: 'firstName', fallback: 'name', transform: 'firstName' },
			{ field: 'last_name', label: 'Last Name', source: 'lastName', fallback: 'name', transform: 'lastName' },
			{ field: 'email', label: 'Email', source: 'email', transform: 'lowercaseEmail' },
			{ field: 'phone', label: 'Phone', source: 'phone', transform: 'phone' },
			{ field: 'company', label: 'Company', source: 'companyName', transform: 'text' },
			{
				field: 'address',
				label: 'Address',
				source: ['address1', 'city', 'state', 'postalCode', 'country'],
				transform: 'address',
				type: 'object',
			},
			{ field: 'tags', label: 'Tags', source: 'tags', transform: 'tags', type: 'array' },
			{ field: 'type', label: 'Contact Type', source: 'contactType', transform: 'contactType' },
		],
	},
	document: {
		title: '17hats document ← GHL document',
		ghl: 'GET /proposals/document item, or the body of a GHL workflow webhook (Documents & Contracts trigger)',
		rows: [
			{ field: 'name', label: 'Name', source: 'name', transform: 'text' },
			{ field: 'document_type', label: 'Document Type', source: 'type', transform: 'documentType' },
			{ field: 'status', label: 'Status', source: 'status', transform: 'documentStatus' },
			{ field: 'url', label: 'URL', source: 'url', transform: 'text' },
		],
	},
	contract: {
		title: '17hats contract ← GHL invoice',
		ghl: 'InvoiceCreate / InvoiceSent / InvoicePaid / InvoicePartiallyPaid / InvoiceUpdate / InvoiceVoid webhook, GHL Trigger invoice events, GET /invoices/{id}',
		rows: [
			{ field: 'name', label: 'Name', source: 'name', fallback: 'title', transform: 'text' },
			{ field: 'status', label: 'Status', source: 'status', transform: 'invoiceToContractStatus' },
			{ field: 'amount', label: 'Amount', source: 'total', transform: 'moneyMajor', type: 'number' },
			{ field: 'currency', label: 'Currency', source: 'currency', transform: 'currency' },
			{ field: 'start_date', label: 'Start Date', source: 'issueDate', transform: 'date' },
		],
	},
	invoice: {
		title: '17hats invoice ← GHL invoice',
		ghl: 'Same GHL invoice as the contract; recorded against that contract',
		rows: [
			{ field: 'number', label: 'Number', source: 'invoiceNumber', transform: 'invoiceNumber' },
			{ field: 'amount', label: 'Amount', source: 'total', transform: 'moneyMajor', type: 'number' },
			{ field: 'amount_paid', label: 'Amount Paid', source: 'amountPaid', transform: 'moneyMajor', type: 'number' },
			{ field: 'currency', label: 'Currency', source: 'currency', transform: 'currency' },
			{ field: 'due_date', label: 'Due Date', source: 'dueDate', transform: 'date' },
			{ field: 'status', label: 'Status', source: 'status', transform: 'invoiceToInvoiceStatus' },
		],
	},
};

export const HATS_TARGETS: HatsTarget[] = ['contact', 'document', 'contract', 'invoice'];
