/**
 * Webhook bodies built from GHL's own documentation: each event's official
 * example (webhook-events/<Event>.json) gives the key set and order; sandbox
 * records fill the values. Keys outside the event's documented schema are
 * dropped, so a receiver tested here meets nothing GHL would not send.
 * GHL's delivery adds `timestamp` and `webhookId` (the replay-guard fields).
 */
import { loadWebhookEvent } from '../reference';
import { uuid } from '../ids';
import type { GhlStore, Invoice } from '../store';
import { contactView } from '../resources/contacts';
import { invoiceView } from '../resources/invoiceCommon';
import { opportunityView } from '../resources/opportunities';

/** Added by GHL's delivery to every event, whatever the event's schema says. */
export const ENVELOPE_FIELDS = ['timestamp', 'webhookId'] as const;

export type EventFamily = 'contact' | 'invoice' | 'note' | 'task' | 'opportunity';

export function eventFamily(eventType: string): EventFamily | undefined {
	if (/^Contact/.test(eventType)) return 'contact';
	if (/^Invoice/.test(eventType)) return 'invoice';
	if (/^Note/.test(eventType)) return 'note';
	if (/^Task/.test(eventType)) return 'task';
	if (/^Opportunity/.test(eventType)) return 'opportunity';
	return undefined;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export interface BuildOptions {
	/** Record fields (already in GHL's field names); absent → the official example's values. */
	data?: Record<string, unknown>;
	locationId: string;
	/** Applied last, shallowly: lets tests set stale timestamps, reused webhookIds, odd values. */
	overrides?: Record<string, unknown>;
	now?: Date;
}

export function buildEventPayload(eventType: string, opts: BuildOptions): Record<string, unknown> {
	const doc = loadWebhookEvent(eventType);
	const example = (doc.example ?? {}) as Record<string, unknown>;
	const props = Object.keys(doc.schema?.properties ?? {});
	const keys = [...new Set([...Object.keys(example), ...props])];
	let body: Record<string, unknown>;
	if (opts.data) {
		const data = adaptToEventSchema(eventType, opts.data);
		body = {};
		for (const k of keys) {
			if (k === 'type') body.type = eventType;
			else if (k === 'locationId') body.locationId = opts.locationId;
			else if (data[k] !== undefined) body[k] = clone(data[k]);
		}
	} else {
		body = clone(example);
		if ('type' in body) body.type = eventType;
		if ('locationId' in body) body.locationId = opts.locationId;
		if ('altId' in body && body.altType === 'location') body.altId = opts.locationId;
	}
	body.timestamp = (opts.now ?? new Date()).toISOString();
	body.webhookId = uuid();
	return { ...body, ...(opts.overrides ?? {}) };
}

/**
 * Where GHL's webhook schema differs from its API schema for the same record:
 * invoice events carry businessDetails.address as one string, the API an AddressDto.
 */
function adaptToEventSchema(eventType: string, data: Record<string, unknown>): Record<string, unknown> {
	if (eventFamily(eventType) !== 'invoice') return data;
	const bd = data.businessDetails as Record<string, unknown> | undefined;
	if (!bd || !bd.address || typeof bd.address !== 'object') return data;
	const a = bd.address as Record<string, unknown>;
	const address = [a.addressLine1, a.addressLine2, a.city, a.state, a.postalCode, a.countryCode].filter((x) => typeof x === 'string' && x).join(', ');
	return { ...data, businessDetails: { ...bd, address } };
}

/** Invoice status that best fits an invoice event (for picking a record to fire about). */
const INVOICE_STATUS_FOR: Record<string, Invoice['status']> = {
	InvoicePaid: 'paid',
	InvoicePartiallyPaid: 'partially_paid',
	InvoiceSent: 'sent',
	InvoiceVoid: 'void',
	InvoiceCreate: 'draft',
};

/**
 * Record data for a manually fired event: the record named by overrides.id /
 * overrides._id, else a fitting seeded one; undefined → use the official example.
 */
export function sandboxEventData(eventType: string, store: GhlStore, overrides: Record<string, unknown> = {}): Record<string, unknown> | undefined {
	const wanted = String(overrides.id ?? overrides._id ?? '');
	switch (eventFamily(eventType)) {
		case 'contact': {
			const c = store.contacts.get(wanted) ?? store.contacts.values()[0];
			return c ? contactView(c) : undefined;
		}
		case 'invoice': {
			const all = store.invoices.values();
			const inv = store.invoices.get(wanted) ?? all.find((i) => i.status === INVOICE_STATUS_FOR[eventType]) ?? all[0];
			return inv ? invoiceView(inv) : undefined;
		}
		case 'note': {
			const n = store.notes.get(wanted) ?? store.notes.values()[0];
			return n ? { ...n } : undefined;
		}
		case 'task': {
			const t = store.tasks.get(wanted) ?? store.tasks.values()[0];
			return t ? { ...t } : undefined;
		}
		case 'opportunity': {
			const o = store.opportunities.get(wanted) ?? store.opportunities.values()[0];
			return o ? { ...opportunityView({ store }, o), dateAdded: o.createdAt } : undefined;
		}
		default:
			return undefined;
	}
}
