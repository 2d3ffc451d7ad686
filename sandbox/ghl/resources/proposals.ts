/**
 * Documents & Contracts (openapi/proposals.json): list documents (skip/limit,
 * status/paymentStatus filters), send a document, list templates, send a
 * template (creates a document for a contact).
 * GHL has no webhook events for documents: integrations poll this list or use a
 * GHL workflow's Webhook action (see webhooks/workflow.ts).
 *
 * Deviation from the spec file: DocumentDto declares `status`/`paymentStatus` as
 * arrays but its own examples (and the list filters) use one string; the sandbox
 * answers a string.
 */
import { badRequest, unprocessable } from '../errors';
import { objectId, uuid } from '../ids';
import type { Contact, DocumentPaymentStatus, DocumentStatus, GhlStore, ProposalDocument, ProposalTemplate } from '../store';
import { bodyOf, checkLocation, intParam, locationFromQuery, nowIso, ok, requireFields, str, textMatch, type RouteContext, type RouteDef } from './kit';

/** Scope names from GHL's marketplace scope list; scopes.json and the spec name none for these endpoints. */
export const DOCUMENT_SCOPES = {
	list: 'documents_contracts/list.readonly',
	send: 'documents_contracts/sendLink.write',
	templateList: 'documents_contracts_template/list.readonly',
	templateSend: 'documents_contracts_template/sendLink.write',
} as const;

export const DOCUMENT_STATUSES: DocumentStatus[] = ['draft', 'sent', 'viewed', 'completed', 'accepted'];
export const PAYMENT_STATUSES: DocumentPaymentStatus[] = ['waiting_for_payment', 'paid', 'no_payment'];

export function documentView(d: ProposalDocument): Record<string, unknown> {
	const { templateId: _t, opportunityId: _o, ...rest } = d;
	void _t;
	void _o;
	return { ...rest, documentId: d._id, recipients: d.recipients.map((r) => ({ ...r })), links: d.links.map((l) => ({ ...l })) };
}

export function templateView(t: ProposalTemplate): Record<string, unknown> {
	return { ...t, id: t._id };
}

export function recipientFromContact(c: Contact, baseUrl: string, docId: string) {
	const name = [c.firstName, c.lastName].filter(Boolean).join(' ');
	return {
		id: c.id,
		firstName: c.firstName,
		lastName: c.lastName,
		email: c.email ?? '',
		phone: c.phone,
		hasCompleted: false,
		role: 'signer' as const,
		isPrimary: true,
		signingOrder: 1,
		contactName: name,
		entityName: 'contacts',
		shareLink: new URL(`/documents/v1/${docId}?recipient=${c.id}`, baseUrl).toString(),
	};
}

export interface NewDocumentInput {
	name?: string;
	contactId?: string;
	status?: DocumentStatus;
	paymentStatus?: DocumentPaymentStatus;
	amount?: number;
	currency?: string;
	type?: string;
	templateId?: string;
	opportunityId?: string;
}

/** Used by POST /proposals/templates/send and by the admin "new document" endpoint. */
export function createDocument(store: GhlStore, baseUrl: string, input: NewDocumentInput): ProposalDocument {
	const contact = input.contactId ? store.contacts.get(input.contactId) : store.contacts.values()[0];
	if (input.contactId && !contact) throw badRequest('Contact not found');
	if (input.status && !DOCUMENT_STATUSES.includes(input.status)) throw unprocessable(`status must be one of: ${DOCUMENT_STATUSES.join(', ')}`);
	if (input.paymentStatus && !PAYMENT_STATUSES.includes(input.paymentStatus)) throw unprocessable(`paymentStatus must be one of: ${PAYMENT_STATUSES.join(', ')}`);
	const now = nowIso();
	const id = objectId();
	const amount = input.amount ?? 0;
	const d: ProposalDocument = {
		_id: id,
		locationId: store.location.id,
		name: input.name ?? 'Proposal',
		type: input.type ?? 'proposal',
		deleted: false,
		isExpired: false,
		documentRevision: 1,
		fillableFields: [],
		grandTotal: { amount, currency: input.currency ?? 'USD', discountPercentage: 0, discounts: [] },
		locale: 'en-US',
		status: input.status ?? 'draft',
		paymentStatus: input.paymentStatus ?? (amount > 0 ? 'waiting_for_payment' : 'no_payment'),
		recipients: contact ? [recipientFromContact(contact, baseUrl, id)] : [],
		links: [],
		templateId: input.templateId,
		opportunityId: input.opportunityId,
		createdAt: now,
		updatedAt: now,
	};
	store.documents.set(d._id, d);
	return d;
}

/** Marks a document sent and returns its recipient links (SendDocumentResponseDto.links). */
export function sendDocument(d: ProposalDocument, sentBy: string): Array<Record<string, unknown>> {
	if (d.status === 'draft') d.status = 'sent';
	d.links = d.recipients.map((r) => ({
		referenceId: uuid(),
		documentId: d._id,
		recipientId: r.id,
		entityName: 'contacts',
		recipientCategory: 'recipient',
		documentRevision: d.documentRevision,
		createdBy: sentBy,
		deleted: false,
	}));
	d.updatedAt = nowIso();
	return d.links.map((l) => ({ ...l }));
}

function dateRange(ctx: RouteContext): { from?: number; to?: number } {
	const from = ctx.req.query.get('dateFrom');
	const to = ctx.req.query.get('dateTo');
	if (!!from !== !!to) throw badRequest('dateFrom & dateTo must be provided together');
	if (!from || !to) return {};
	const f = Date.parse(from);
	const t = Date.parse(to);
	if (!Number.isFinite(f) || !Number.isFinite(t)) throw unprocessable('dateFrom and dateTo must be ISO 8601 dates');
	return { from: f, to: t };
}

function csv(v: string | null): string[] | undefined {
	const list = v?.split(',').map((s) => s.trim()).filter(Boolean);
	return list?.length ? list : undefined;
}

export const proposalRoutes: RouteDef[] = [
	{
		method: 'GET',
		path: '/proposals/document',
		scope: DOCUMENT_SCOPES.list,
		handler: (ctx) => {
			const locationId = locationFromQuery(ctx);
			const statuses = csv(ctx.req.query.get('status'));
			const payments = csv(ctx.req.query.get('paymentStatus'));
			for (const s of statuses ?? []) if (!DOCUMENT_STATUSES.includes(s as DocumentStatus)) throw unprocessable(`status must be one of: ${DOCUMENT_STATUSES.join(', ')}`);
			for (const s of payments ?? []) if (!PAYMENT_STATUSES.includes(s as DocumentPaymentStatus)) throw unprocessable(`paymentStatus must be one of: ${PAYMENT_STATUSES.join(', ')}`);
			const limit = intParam(ctx, 'limit', { def: 10, min: 1, max: 100 });
			const skip = intParam(ctx, 'skip', { def: 0, min: 0 });
			const q = ctx.req.query.get('query');
			const { from, to } = dateRange(ctx);
			const all = ctx.store.documents
				.values()
				.filter((d) => d.locationId === locationId && !d.deleted)
				.filter((d) => !statuses || statuses.includes(d.status))
				.filter((d) => !payments || payments.includes(d.paymentStatus))
				.filter((d) => textMatch(q, d.name))
				.filter((d) => from === undefined || to === undefined || (Date.parse(d.createdAt) >= from && Date.parse(d.createdAt) <= to))
				// Most recently changed first, so a poller sees changes on page one.
				.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b._id.localeCompare(a._id));
			return ok({ documents: all.slice(skip, skip + limit).map(documentView), total: all.length });
		},
	},
	{
		method: 'POST',
		path: '/proposals/document/send',
		scope: DOCUMENT_SCOPES.send,
		handler: (ctx) => {
			const body = bodyOf(ctx);
			requireFields(body, 'locationId', 'documentId', 'sentBy');
			checkLocation(ctx, str(body.locationId));
			const d = ctx.store.documents.get(String(body.documentId));
			if (!d || d.locationId !== ctx.locationId || d.deleted) throw badRequest('Document not found');
			if (body.documentName !== undefined) d.name = String(body.documentName);
			const links = sendDocument(d, String(body.sentBy));
			ctx.events.documentChanged?.(d._id);
			return ok({ success: true, links });
		},
	},
	{
		method: 'GET',
		path: '/proposals/templates',
		scope: DOCUMENT_SCOPES.templateList,
		handler: (ctx) => {
			const locationId = locationFromQuery(ctx);
			const limit = intParam(ctx, 'limit', { def: 10, min: 1, max: 100 });
			const skip = intParam(ctx, 'skip', { def: 0, min: 0 });
			const type = csv(ctx.req.query.get('type'));
			const name = ctx.req.query.get('name');
			const isPublic = ctx.req.query.get('isPublicDocument');
			const userId = ctx.req.query.get('userId');
			const { from, to } = dateRange(ctx);
			const all = ctx.store.proposalTemplates
				.values()
				.filter((t) => t.locationId === locationId && !t.deleted)
				.filter((t) => !type || type.includes(t.type))
				.filter((t) => textMatch(name, t.name))
				.filter((t) => isPublic === null || String(t.isPublicDocument) === isPublic)
				.filter((t) => !userId || t.updatedBy === userId)
				.filter((t) => from === undefined || to === undefined || (Date.parse(t.createdAt) >= from && Date.parse(t.createdAt) <= to));
			return ok({ data: all.slice(skip, skip + limit).map(templateView), total: all.length, traceId: uuid() });
		},
	},
	{
		method: 'POST',
		path: '/proposals/templates/send',
		scope: DOCUMENT_SCOPES.templateSend,
		handler: (ctx) => {
			const body = bodyOf(ctx);
			requireFields(body, 'templateId', 'userId', 'locationId', 'contactId');
			checkLocation(ctx, str(body.locationId));
			const t = ctx.store.proposalTemplates.get(String(body.templateId));
			if (!t || t.locationId !== ctx.locationId || t.deleted) throw badRequest('Template not found');
			const contact = ctx.store.contacts.get(String(body.contactId));
			if (!contact) throw badRequest('Contact not found');
			const d = createDocument(ctx.store, ctx.baseUrl, { name: t.name, contactId: contact.id, templateId: t._id, opportunityId: str(body.opportunityId), type: t.type });
			t.documentCount++;
			// sendDocument defaults to true in GHL's UI flow; false leaves a draft.
			const links = body.sendDocument === false ? [] : sendDocument(d, String(body.userId));
			ctx.events.documentChanged?.(d._id);
			return ok({ success: true, links });
		},
	},
];
