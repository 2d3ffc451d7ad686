/**
 * Invoices API (openapi/invoices.json): CRUD on /invoices/, send, void,
 * record-payment, text2pay, generate-invoice-number, offset/limit list.
 * Ownership is altId + altType=location. Status moves like GHL's:
 * draft → sent → partially_paid → paid, any unpaid → void.
 * Emits InvoiceCreate/Update/Sent/Paid/PartiallyPaid/Void/Delete.
 */
import { badRequest, unprocessable } from '../errors';
import { objectId } from '../ids';
import type { Invoice } from '../store';
import {
	defaultBusinessDetails,
	invoiceView,
	parseContactDetails,
	parseDiscount,
	parseItems,
	recompute,
	round2,
} from './invoiceCommon';
import { bodyOf, checkAlt, intParam, nowIso, ok, requireFields, str, textMatch, type RouteContext, type RouteDef } from './kit';

export function getInvoice(ctx: RouteContext, id: string): Invoice {
	const inv = ctx.store.invoices.get(id);
	if (!inv || inv.altId !== ctx.locationId) throw badRequest('Invoice not found');
	return inv;
}

function nextNumber(ctx: RouteContext, given: unknown): string {
	const n = str(given);
	if (n) {
		if (ctx.store.invoices.values().some((i) => i.invoiceNumber === n)) throw badRequest(`Invoice number ${n} already exists`);
		const num = Number(n);
		if (Number.isInteger(num) && num >= ctx.store.nextInvoiceNumber) ctx.store.nextInvoiceNumber = num + 1;
		return n;
	}
	while (ctx.store.invoices.values().some((i) => i.invoiceNumber === String(ctx.store.nextInvoiceNumber))) ctx.store.nextInvoiceNumber++;
	return String(ctx.store.nextInvoiceNumber++);
}

/** Builds a new draft invoice from a CreateInvoiceDto / Text2PayDto body. */
export function createInvoiceRecord(ctx: RouteContext, body: Record<string, unknown>, required: string[]): Invoice {
	requireFields(body, ...required);
	if (typeof body.liveMode !== 'boolean' && required.includes('liveMode')) throw unprocessable('liveMode must be a boolean value');
	const currency = String(body.currency);
	const now = nowIso();
	const contactDetails = parseContactDetails(body.contactDetails);
	const inv: Invoice = {
		_id: objectId(),
		status: 'draft',
		liveMode: body.liveMode === true,
		amountPaid: 0,
		altId: ctx.locationId,
		altType: 'location',
		name: String(body.name),
		title: str(body.title) ?? 'INVOICE',
		businessDetails: (body.businessDetails as Record<string, unknown>) ?? defaultBusinessDetails(ctx.store),
		invoiceNumber: nextNumber(ctx, body.invoiceNumber),
		invoiceNumberPrefix: str(body.invoiceNumberPrefix) ?? 'INV-',
		currency,
		contactDetails,
		issueDate: String(body.issueDate),
		dueDate: str(body.dueDate) ?? String(body.issueDate),
		discount: parseDiscount(body.discount),
		invoiceItems: parseItems(body.items, 'items', currency),
		termsNotes: str(body.termsNotes),
		sentTo: (body.sentTo as Record<string, unknown>) ?? { email: [contactDetails.email].filter(Boolean) },
		total: 0,
		amountDue: 0,
		totalSummary: { subTotal: 0, discount: 0, tax: 0 },
		automaticTaxesEnabled: body.automaticTaxesEnabled === true,
		automaticTaxesCalculated: false,
		paymentSchedule: body.paymentSchedule as Record<string, unknown> | undefined,
		payments: [],
		createdAt: now,
		updatedAt: now,
	};
	recompute(inv);
	return inv;
}

/** UpdateInvoiceDto semantics: given fields replace, the rest stay. */
function applyUpdate(ctx: RouteContext, inv: Invoice, body: Record<string, unknown>): void {
	if (inv.status === 'void' || inv.status === 'paid') throw badRequest(`Cannot update an invoice in ${inv.status} status`);
	if (body.name !== undefined) inv.name = String(body.name);
	if (body.currency !== undefined) inv.currency = String(body.currency);
	if (body.invoiceItems !== undefined) inv.invoiceItems = parseItems(body.invoiceItems, 'invoiceItems', inv.currency);
	if (body.issueDate !== undefined) inv.issueDate = String(body.issueDate);
	if (body.dueDate !== undefined) inv.dueDate = String(body.dueDate);
	if (body.title !== undefined) inv.title = String(body.title);
	if (body.discount !== undefined) inv.discount = parseDiscount(body.discount);
	if (body.contactDetails !== undefined) inv.contactDetails = parseContactDetails(body.contactDetails);
	if (body.businessDetails !== undefined) inv.businessDetails = body.businessDetails as Record<string, unknown>;
	if (body.termsNotes !== undefined) inv.termsNotes = str(body.termsNotes);
	if (typeof body.liveMode === 'boolean') inv.liveMode = body.liveMode;
	if (body.invoiceNumber !== undefined && str(body.invoiceNumber) !== inv.invoiceNumber) inv.invoiceNumber = nextNumber(ctx, body.invoiceNumber);
	inv.updatedAt = nowIso();
	recompute(inv);
	ctx.events.emit('InvoiceUpdate', invoiceView(inv));
}

const CREATE_REQUIRED = ['altId', 'altType', 'name', 'businessDetails', 'currency', 'items', 'discount', 'contactDetails', 'issueDate', 'sentTo', 'liveMode'];

function markSent(ctx: RouteContext, inv: Invoice): void {
	if (inv.status === 'void') throw badRequest('Cannot send a void invoice');
	if (inv.status === 'draft') inv.status = 'sent';
	inv.updatedAt = nowIso();
	ctx.events.emit('InvoiceSent', invoiceView(inv));
}

function listInvoices(ctx: RouteContext) {
	checkAlt(ctx, 'query');
	const limit = intParam(ctx, 'limit', { required: true, min: 1, max: 100 });
	const offset = intParam(ctx, 'offset', { required: true, min: 0 });
	const q = ctx.req.query;
	const statuses = q.get('status')?.split(',').filter(Boolean);
	const contactId = q.get('contactId');
	const startAt = q.get('startAt');
	const endAt = q.get('endAt');
	const mode = q.get('paymentMode');
	const search = q.get('search');
	const order = q.get('sortOrder') === 'ascend' ? 1 : -1;
	const all = ctx.store.invoices
		.values()
		.filter((i) => i.altId === ctx.locationId)
		.filter((i) => !statuses?.length || statuses.includes(i.status))
		.filter((i) => !contactId || i.contactDetails.id === contactId)
		.filter((i) => !startAt || i.issueDate.slice(0, 10) >= startAt)
		.filter((i) => !endAt || i.issueDate.slice(0, 10) <= endAt)
		.filter((i) => !mode || mode === 'default' || (mode === 'live') === i.liveMode)
		.filter((i) => textMatch(search, i._id, i.name, i.invoiceNumber, i.contactDetails.name, i.contactDetails.email, i.contactDetails.phoneNo))
		.sort((a, b) => order * (a.issueDate.localeCompare(b.issueDate) || a.createdAt.localeCompare(b.createdAt)));
	return ok({ invoices: all.slice(offset, offset + limit).map(invoiceView), total: all.length });
}

export const invoiceRoutes: RouteDef[] = [
	{ method: 'GET', path: '/invoices/', handler: listInvoices },
	{
		method: 'POST',
		path: '/invoices/',
		handler: (ctx) => {
			checkAlt(ctx, 'body');
			const inv = createInvoiceRecord(ctx, bodyOf(ctx), CREATE_REQUIRED);
			ctx.store.invoices.set(inv._id, inv);
			ctx.events.emit('InvoiceCreate', invoiceView(inv));
			return ok(invoiceView(inv));
		},
	},
	{
		method: 'GET',
		path: '/invoices/generate-invoice-number',
		handler: (ctx) => {
			checkAlt(ctx, 'query');
			let n = ctx.store.nextInvoiceNumber;
			while (ctx.store.invoices.values().some((i) => i.invoiceNumber === String(n))) n++;
			return ok({ invoiceNumber: n });
		},
	},
	{
		method: 'POST',
		path: '/invoices/text2pay',
		handler: (ctx) => {
			checkAlt(ctx, 'body');
			const body = bodyOf(ctx);
			requireFields(body, 'action', 'userId');
			if (body.action !== 'draft' && body.action !== 'send') throw unprocessable('action must be one of the following values: draft, send');
			let inv: Invoice;
			const existingId = str(body.id);
			if (existingId) {
				inv = getInvoice(ctx, existingId);
				applyUpdate(ctx, inv, { ...body, invoiceItems: body.items });
			} else {
				inv = createInvoiceRecord(ctx, body, ['name', 'currency', 'items', 'contactDetails', 'issueDate', 'sentTo', 'liveMode']);
				ctx.store.invoices.set(inv._id, inv);
				ctx.events.emit('InvoiceCreate', invoiceView(inv));
			}
			if (body.action === 'send') markSent(ctx, inv);
			return ok({ invoice: invoiceView(inv), invoiceUrl: new URL(`/invoice/${inv._id}`, ctx.baseUrl).toString() });
		},
	},
	{
		method: 'GET',
		path: '/invoices/:invoiceId',
		handler: (ctx) => {
			checkAlt(ctx, 'query');
			return ok(invoiceView(getInvoice(ctx, ctx.req.params.invoiceId)));
		},
	},
	{
		method: 'PUT',
		path: '/invoices/:invoiceId',
		handler: (ctx) => {
			checkAlt(ctx, 'body');
			const body = bodyOf(ctx);
			requireFields(body, 'name', 'currency', 'invoiceItems', 'issueDate', 'dueDate');
			const inv = getInvoice(ctx, ctx.req.params.invoiceId);
			applyUpdate(ctx, inv, body);
			return ok(invoiceView(inv));
		},
	},
	{
		method: 'DELETE',
		path: '/invoices/:invoiceId',
		handler: (ctx) => {
			checkAlt(ctx, 'query');
			const inv = getInvoice(ctx, ctx.req.params.invoiceId);
			ctx.store.invoices.delete(inv._id);
			ctx.events.emit('InvoiceDelete', invoiceView(inv));
			return ok(invoiceView(inv));
		},
	},
	{
		method: 'POST',
		path: '/invoices/:invoiceId/send',
		handler: (ctx) => {
			checkAlt(ctx, 'body');
			const body = bodyOf(ctx);
			requireFields(body, 'userId', 'action', 'liveMode');
			if (!['sms_and_email', 'send_manually', 'email', 'sms'].includes(String(body.action))) {
				throw unprocessable('action must be one of the following values: sms_and_email, send_manually, email, sms');
			}
			const inv = getInvoice(ctx, ctx.req.params.invoiceId);
			markSent(ctx, inv);
			return ok({ invoice: invoiceView(inv), smsData: {}, emailData: {} });
		},
	},
	{
		method: 'POST',
		path: '/invoices/:invoiceId/void',
		handler: (ctx) => {
			checkAlt(ctx, 'body');
			const inv = getInvoice(ctx, ctx.req.params.invoiceId);
			if (inv.status === 'paid' || inv.status === 'partially_paid') throw badRequest('Invoices with payments cannot be voided');
			if (inv.status === 'void') throw badRequest('Invoice is already void');
			inv.status = 'void';
			inv.updatedAt = nowIso();
			ctx.events.emit('InvoiceVoid', invoiceView(inv));
			return ok(invoiceView(inv));
		},
	},
	{
		method: 'POST',
		path: '/invoices/:invoiceId/record-payment',
		handler: (ctx) => {
			checkAlt(ctx, 'body');
			const body = bodyOf(ctx);
			requireFields(body, 'mode');
			if (!['cash', 'card', 'cheque', 'bank_transfer', 'other'].includes(String(body.mode))) {
				throw unprocessable('mode must be one of the following values: cash, card, cheque, bank_transfer, other');
			}
			const inv = getInvoice(ctx, ctx.req.params.invoiceId);
			if (inv.status === 'void') throw badRequest('Cannot record a payment for a void invoice');
			if (inv.status === 'paid') throw badRequest('Invoice is already paid');
			const amount = body.amount === undefined ? inv.amountDue : Number(body.amount);
			if (!Number.isFinite(amount) || amount <= 0) throw unprocessable('amount must be a positive number');
			if (round2(amount) > inv.amountDue) throw badRequest(`Amount ${amount} is more than the amount due ${inv.amountDue}`);
			inv.amountPaid = round2(inv.amountPaid + amount);
			inv.payments.push({ mode: String(body.mode), amount, notes: str(body.notes), at: nowIso() });
			recompute(inv);
			inv.status = inv.amountDue <= 0 ? 'paid' : 'partially_paid';
			inv.updatedAt = nowIso();
			ctx.events.emit(inv.status === 'paid' ? 'InvoicePaid' : 'InvoicePartiallyPaid', invoiceView(inv));
			return ok({ success: true, invoice: invoiceView(inv) });
		},
	},
];
