/**
 * Finds out what an input item is (contact, document or invoice; which event)
 * and normalises it to the GHL shapes the mapping matrix reads. Accepts:
 * - GHL Trigger output: `{ event, entity, data }` (data = the GHL payload);
 * - raw GHL webhook payloads (`type`: ContactCreate, …; invoice webhooks carry
 *   no `type`, their shape and `status` tell);
 * - GHL API records (GET /contacts/{id}, /invoices/{id}, /proposals/document);
 * - GHL workflow webhook bodies (contact_id, first_name, … plus a `document`
 *   object or `document_*` custom data) for Documents & Contracts triggers.
 */
import type { IDataObject } from 'n8n-workflow';

import { DOCUMENT_STATUS_ORDER } from '../mapping/statusMaps';

export type GhlEntity = 'contact' | 'document' | 'invoice';

export interface ScheduleInfo {
	id: string;
	/** Identifies the billing period (the invoice's issue date, else its id). */
	period: string;
	/** Next renewal date (YYYY-MM-DD), when it can be worked out. */
	renewalDate?: string;
	autoRenew: boolean;
}

export interface NormalizedItem {
	entity: GhlEntity;
	/** Event name as GHL spells it where known (ContactCreate, InvoicePaid, DocumentUpdate …). */
	event: string;
	isDelete: boolean;
	ghlId: string;
	locationId?: string;
	/** The record the mapping matrix reads. */
	record: IDataObject;
	/** The GHL contact of a document or invoice, normalised like a contact. */
	contact?: IDataObject;
	/** Recurring invoices only. */
	schedule?: ScheduleInfo;
	/**
	 * When GHL last changed the record (ISO): its own `dateUpdated`/`updatedAt`,
	 * else the webhook's `timestamp`. An older one than the 17hats record was
	 * synced from is a late or replayed event (SeventeenHats/api/freshness.ts).
	 */
	updatedAt?: string;
}

export class InputError extends Error {}

const isObject = (v: unknown): v is IDataObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
	v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || typeof v === 'object' ? undefined : String(v).trim();

/** The first of `values` that is a date, as ISO 8601 (epoch numbers in seconds or milliseconds). */
function firstTime(...values: unknown[]): string | undefined {
	for (const value of values) {
		if (value === undefined || value === null || value === '') continue;
		const date = typeof value === 'number' ? new Date(value < 1e12 ? value * 1000 : value) : new Date(String(value));
		if (!Number.isNaN(date.getTime())) return date.toISOString();
	}
	return undefined;
}

const EVENT_ENTITY: Array<[RegExp, GhlEntity]> = [
	[/contact/i, 'contact'],
	[/invoice/i, 'invoice'],
	[/document|proposal|contract/i, 'document'],
];

function entityFromWord(word: string | undefined): GhlEntity | undefined {
	if (!word) return undefined;
	for (const [pattern, entity] of EVENT_ENTITY) if (pattern.test(word)) return entity;
	return undefined;
}

function entityFromShape(p: IDataObject): GhlEntity | undefined {
	if ('invoiceNumber' in p || 'invoiceItems' in p || ('contactDetails' in p && ('total' in p || 'amountDue' in p))) return 'invoice';
	if (
		'documentId' in p ||
		'fillableFields' in p ||
		'recipients' in p ||
		isObject(p.document) ||
		'document_id' in p ||
		(isObject(p.customData) && 'document_id' in p.customData)
	)
		return 'document';
	if ('firstName' in p || 'lastName' in p || 'email' in p || 'phone' in p || 'contact_id' in p || 'first_name' in p) return 'contact';
	return undefined;
}

/** Splits the item into payload, event name and entity hint. */
function splitEnvelope(json: IDataObject): { payload: IDataObject; event?: string; hint?: string } {
	if (isObject(json.data) && (json.event !== undefined || json.entity !== undefined)) {
		return { payload: json.data, event: str(json.event) ?? str(json.data.type), hint: str(json.entity) };
	}
	if (isObject(json.body) && json.headers !== undefined) {
		// An n8n Webhook node's output.
		return splitEnvelope(json.body);
	}
	return { payload: json, event: str(json.type) };
}

/** GHL workflow webhooks send snake_case contact fields. */
function contactFromWorkflowBody(p: IDataObject): IDataObject {
	return {
		id: p.contact_id ?? p.contactId ?? p.id,
		firstName: p.first_name,
		lastName: p.last_name,
		name: p.full_name ?? p.name,
		email: p.email,
		phone: p.phone,
		companyName: p.company_name,
		address1: p.address1,
		city: p.city,
		state: p.state,
		postalCode: p.postal_code,
		country: p.country,
		tags: p.tags,
		locationId: isObject(p.location) ? p.location.id : p.locationId,
	};
}

function normalizeContact(p: IDataObject, event: string | undefined): NormalizedItem {
	// The fields set below come first in the copy: adding a property to a spread
	// copy of a large object makes V8 build a new hidden class for every copy
	// (~20× slower, and garbage that outlives the item).
	const record: IDataObject =
		'contact_id' in p || 'first_name' in p ? contactFromWorkflowBody(p) : { id: p.id, contactType: p.contactType, ...p };
	if (record.id === undefined && p._id !== undefined) record.id = p._id;
	// `type` is the event name on webhooks and lead/customer on API records.
	const type = str(p.type);
	record.contactType = type && !/^contact/i.test(type) ? type : p.contactType;
	const ghlId = str(record.id);
	if (!ghlId) throw new InputError('The GHL contact has no id (field "id")');
	const ev = event ?? 'ContactUpdate';
	return {
		entity: 'contact',
		event: ev,
		isDelete: /delete/i.test(ev) || p.deleted === true,
		ghlId,
		locationId: str(record.locationId),
		record,
		updatedAt: firstTime(p.dateUpdated, p.updatedAt, p.date_updated, p.timestamp),
	};
}

function mostAdvancedStatus(status: unknown): string | undefined {
	if (!Array.isArray(status)) return str(status);
	let best: string | undefined;
	for (const s of status) {
		const v = str(s)?.toLowerCase();
		if (v && (best === undefined || DOCUMENT_STATUS_ORDER.indexOf(v) > DOCUMENT_STATUS_ORDER.indexOf(best))) best = v;
	}
	return best;
}

function primaryRecipient(p: IDataObject): IDataObject | undefined {
	const recipients = (Array.isArray(p.recipients) ? p.recipients : []).filter(isObject);
	const contacts = recipients.filter((r) => r.entityName !== 'users' && r.role !== 'user' && r.id !== undefined);
	return contacts.find((r) => r.isPrimary === true) ?? contacts.find((r) => r.role === 'signer') ?? contacts[0];
}

function normalizeDocument(p: IDataObject, event: string | undefined): NormalizedItem {
	const workflowBody = isObject(p.document) || 'document_id' in p || (isObject(p.customData) && 'document_id' in p.customData);
	let doc: IDataObject;
	let contact: IDataObject | undefined;
	if (workflowBody) {
		const custom = isObject(p.customData) ? p.customData : {};
		const d = isObject(p.document) ? p.document : {};
		doc = {
			id: d.id ?? d._id ?? d.documentId ?? p.document_id ?? custom.document_id,
			name: d.name ?? p.document_name ?? custom.document_name,
			type: d.type ?? p.document_type ?? custom.document_type,
			status: d.status ?? p.document_status ?? custom.document_status,
			url: d.url ?? d.link ?? p.document_url ?? custom.document_url,
			deleted: d.deleted,
			locationId: isObject(p.location) ? p.location.id : p.locationId,
		};
		contact = contactFromWorkflowBody(p);
	} else {
		doc = {
			id: p._id ?? p.documentId ?? p.id,
			name: p.name,
			type: p.type,
			status: p.status,
			url: p.url ?? p.documentUrl,
			deleted: p.deleted,
			locationId: p.locationId,
			amount: isObject(p.grandTotal) ? p.grandTotal.amount : undefined,
			currency: isObject(p.grandTotal) ? p.grandTotal.currency : undefined,
			updatedAt: p.updatedAt,
		};
		const r = primaryRecipient(p);
		if (r) {
			contact = {
				id: r.id,
				firstName: r.firstName,
				lastName: r.lastName,
				name: r.contactName,
				email: r.email,
				phone: r.phoneNumber ?? r.phone,
				locationId: p.locationId,
			};
		} else if (p.contactId !== undefined) {
			contact = { id: p.contactId };
		}
	}
	doc.status = mostAdvancedStatus(doc.status);
	const ghlId = str(doc.id);
	if (!ghlId) throw new InputError('The GHL document has no id (field "_id", "documentId" or "document.id")');
	if (!contact || !str(contact.id)) {
		throw new InputError(`The GHL document ${ghlId} names no contact (a recipient with an id, or "contact_id")`);
	}
	const ev = event ?? (doc.deleted === true ? 'DocumentDelete' : 'DocumentUpdate');
	const d = isObject(p.document) ? p.document : {};
	return {
		entity: 'document',
		event: ev,
		isDelete: /delete/i.test(ev) || doc.deleted === true,
		ghlId,
		locationId: str(doc.locationId),
		record: doc,
		contact,
		updatedAt: firstTime(p.updatedAt, p.dateUpdated, d.updatedAt, d.dateUpdated, p.timestamp),
	};
}

function addInterval(isoDate: string, intervalType: string, interval: number): string | undefined {
	const d = new Date(`${isoDate.slice(0, 10)}T00:00:00.000Z`);
	if (Number.isNaN(d.getTime())) return undefined;
	switch (intervalType) {
		case 'yearly':
			d.setUTCFullYear(d.getUTCFullYear() + interval);
			break;
		case 'monthly':
			d.setUTCMonth(d.getUTCMonth() + interval);
			break;
		case 'weekly':
			d.setUTCDate(d.getUTCDate() + 7 * interval);
			break;
		case 'daily':
			d.setUTCDate(d.getUTCDate() + interval);
			break;
		default:
			return undefined;
	}
	return d.toISOString().slice(0, 10);
}

/**
 * GHL's invoice schema lists no schedule field, but invoices generated by a
 * schedule carry `invoiceScheduleId` (also seen as `scheduleId` or a
 * `schedule`/`recurringSchedule` object); items of a recurring price have
 * `type: "recurring"`.
 */
function scheduleOf(p: IDataObject, invoiceId: string): ScheduleInfo | undefined {
	const scheduleObj = [p.schedule, p.recurringSchedule, p.invoiceSchedule].find(isObject);
	const scheduleId =
		str(p.invoiceScheduleId) ?? str(p.scheduleId) ?? (scheduleObj ? str(scheduleObj._id ?? scheduleObj.id) : undefined);
	const recurringItems = (Array.isArray(p.invoiceItems) ? p.invoiceItems : []).some((i) => isObject(i) && i.type === 'recurring');
	if (!scheduleId && !recurringItems && p.recurring !== true) return undefined;
	const rrule = scheduleObj && isObject(scheduleObj.rrule) ? scheduleObj.rrule : isObject(p.rrule) ? p.rrule : undefined;
	const issue = str(p.issueDate)?.slice(0, 10);
	let renewalDate = str(p.nextInvoiceDate ?? p.nextIssueDate)?.slice(0, 10);
	if (!renewalDate && issue) {
		renewalDate = addInterval(issue, str(rrule?.intervalType) ?? 'monthly', Number(rrule?.interval ?? 1) || 1);
	}
	return {
		// Without a schedule id the invoice stands for its own series.
		id: scheduleId ?? `invoice-${invoiceId}`,
		period: issue ?? invoiceId,
		renewalDate,
		autoRenew: true,
	};
}

function normalizeInvoice(p: IDataObject, event: string | undefined): NormalizedItem {
	const ghlId = str(p._id ?? p.id);
	if (!ghlId) throw new InputError('The GHL invoice has no id (field "_id")');
	const cd = isObject(p.contactDetails) ? p.contactDetails : {};
	const addr = isObject(cd.address) ? cd.address : {};
	const contact: IDataObject = {
		id: cd.id ?? p.contactId,
		name: cd.name,
		email: cd.email,
		phone: cd.phoneNo ?? cd.phone,
		companyName: cd.companyName,
		address1: [str(addr.addressLine1), str(addr.addressLine2)].filter(Boolean).join(', ') || undefined,
		city: addr.city,
		state: addr.state,
		postalCode: addr.postalCode,
		country: addr.countryCode ?? addr.country,
		locationId: p.altId,
	};
	if (!str(contact.id)) throw new InputError(`The GHL invoice ${ghlId} names no contact (field "contactDetails.id")`);
	const status = str(p.status)?.toLowerCase();
	const ev =
		event ??
		(status === 'delete' || status === 'deleted'
			? 'InvoiceDelete'
			: status === 'void'
				? 'InvoiceVoid'
				: status === 'paid'
					? 'InvoicePaid'
					: status === 'partially_paid'
						? 'InvoicePartiallyPaid'
						: status === 'sent'
							? 'InvoiceSent'
							: 'InvoiceUpdate');
	// Set fields first, then set again so they win over the payload's (see normalizeContact).
	const record: IDataObject = { id: ghlId, locationId: p.altId, ...p };
	record.id = ghlId;
	record.locationId = p.altId;
	return {
		entity: 'invoice',
		event: ev,
		isDelete: /delete/i.test(ev) || status === 'delete' || status === 'deleted',
		ghlId,
		locationId: str(p.altId),
		record,
		contact,
		schedule: scheduleOf(p, ghlId),
		updatedAt: firstTime(p.updatedAt, p.dateUpdated, p.timestamp),
	};
}

/** Normalises one input item; `entity` forces the entity ('auto' detects it). */
export function normalizeItem(json: IDataObject, entity: GhlEntity | 'auto' = 'auto'): NormalizedItem {
	const { payload, event, hint } = splitEnvelope(json);
	const detected =
		entity !== 'auto' ? entity : (entityFromWord(hint) ?? entityFromWord(event) ?? entityFromShape(payload));
	switch (detected) {
		case 'contact':
			return normalizeContact(payload, event);
		case 'document':
			return normalizeDocument(payload, event);
		case 'invoice':
			return normalizeInvoice(payload, event);
		default:
			throw new InputError(
				'Could not tell whether the item is a GHL contact, document or invoice; set "Entity" on the node or pass GHL Trigger output or a GHL webhook body',
			);
	}
}
