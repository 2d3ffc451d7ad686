/**
 * Status (and type) maps from GHL values to 17hats values. Data, not code:
 * docs/mapping.md is generated from these tables (npm run docs:mapping) and
 * test/unit/ghlTo17hatsMapping.test.ts checks every entry.
 */

export interface StatusMap {
	/** Heading in docs/mapping.md. */
	title: string;
	/** What the map is used for. */
	description: string;
	/** GHL value (lower-case) → 17hats value. */
	entries: Record<string, string>;
	/**
	 * Used for a GHL value the map does not know (the item gets a warning).
	 * Status maps have none: an unknown GHL status leaves the 17hats status as it is.
	 */
	fallback?: string;
}

/** GHL invoice status → 17hats contract status (the contract follows its invoice). */
export const INVOICE_TO_CONTRACT_STATUS: StatusMap = {
	title: 'GHL invoice status → 17hats contract status',
	description: 'The contract an invoice is recorded against follows the invoice: paid (in full or in part) makes it active.',
	entries: {
		draft: 'draft',
		sent: 'sent',
		viewed: 'sent',
		payment_processing: 'sent',
		overdue: 'sent',
		partially_paid: 'active',
		paid: 'active',
		void: 'void',
		refunded: 'cancelled',
	},
};

/** GHL invoice status → 17hats invoice status. */
export const INVOICE_TO_INVOICE_STATUS: StatusMap = {
	title: 'GHL invoice status → 17hats invoice status',
	description: 'The 17hats invoice mirrors the GHL invoice, so billing in 17hats stays current.',
	entries: {
		draft: 'draft',
		sent: 'sent',
		viewed: 'sent',
		payment_processing: 'sent',
		overdue: 'past_due',
		partially_paid: 'partially_paid',
		paid: 'paid',
		void: 'void',
		refunded: 'refunded',
	},
};

/** GHL document (Documents & Contracts / proposals) status → 17hats document status. */
export const DOCUMENT_STATUS: StatusMap = {
	title: 'GHL document status → 17hats document status',
	description: 'GHL proposal/contract documents; a GHL status array uses its most advanced value.',
	entries: {
		draft: 'draft',
		sent: 'sent',
		viewed: 'viewed',
		completed: 'completed',
		accepted: 'accepted',
		signed: 'completed',
		declined: 'declined',
		rejected: 'declined',
		expired: 'void',
		void: 'void',
		voided: 'void',
	},
};

/** GHL document type → 17hats document type. */
export const DOCUMENT_TYPE: StatusMap = {
	title: 'GHL document type → 17hats document type',
	description: 'GHL Documents & Contracts types to the 17hats document kinds.',
	entries: {
		proposal: 'quote',
		estimate: 'quote',
		quote: 'quote',
		contract: 'contract',
		agreement: 'contract',
		document: 'contract',
		invoice: 'invoice',
		form: 'questionnaire',
		questionnaire: 'questionnaire',
	},
	fallback: 'other',
};

/** GHL contact type → 17hats contact type. */
export const CONTACT_TYPE: StatusMap = {
	title: 'GHL contact type → 17hats contact type',
	description: 'GHL contacts are leads or customers; 17hats knows Hot Lead, Client, Cold Prospect and Other.',
	entries: {
		lead: 'hot_lead',
		customer: 'client',
		client: 'client',
		prospect: 'cold_prospect',
	},
	fallback: 'other',
};

export const STATUS_MAPS = {
	invoiceToContractStatus: INVOICE_TO_CONTRACT_STATUS,
	invoiceToInvoiceStatus: INVOICE_TO_INVOICE_STATUS,
	documentStatus: DOCUMENT_STATUS,
	documentType: DOCUMENT_TYPE,
	contactType: CONTACT_TYPE,
} as const;

export type StatusMapName = keyof typeof STATUS_MAPS;

// The 17hats status order lives with the rest of the 17hats domain.
export { isStatusDowngrade, STATUS_RANKS, type RankedRecord, type StatusRank } from '../../SeventeenHats/api/statusOrder';

/** Order of GHL document statuses, least to most advanced (for status arrays). */
export const DOCUMENT_STATUS_ORDER = ['draft', 'sent', 'viewed', 'accepted', 'signed', 'completed', 'declined', 'rejected', 'expired', 'void', 'voided'];

/** Looks a GHL value up in a map: `{ value }`, or `{ value: fallback, unknown: true }` (no fallback: value undefined). */
export function mapStatus(map: StatusMap, ghlValue: unknown): { value?: string; unknown?: boolean } {
	if (ghlValue === undefined || ghlValue === null || ghlValue === '') return {};
	const key = String(ghlValue).trim().toLowerCase();
	// Own entries only: "constructor" or "__proto__" is an unknown status, not a prototype member.
	if (Object.hasOwn(map.entries, key)) return { value: map.entries[key] };
	return { value: map.fallback, unknown: true };
}
