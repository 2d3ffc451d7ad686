/**
 * Recurring invoices (/invoices/schedule): CRUD, schedule, auto-payment, cancel.
 * Scheduling generates the first invoice right away (status sent, events
 * InvoiceCreate + InvoiceSent) — that is what a recurring-invoice flow sees;
 * later runs are triggered by POST /__admin/schedules/:id/run.
 */
import { badRequest, unprocessable } from '../errors';
import { objectId } from '../ids';
import type { Invoice, InvoiceSchedule } from '../store';
import { defaultBusinessDetails, invoiceView, parseContactDetails, parseDiscount, parseItems, recompute, totals } from './invoiceCommon';
import { bodyOf, checkAlt, intParam, nowIso, ok, requireFields, str, textMatch, today, type RouteContext, type RouteDef } from './kit';

export function scheduleView(ctx: Pick<RouteContext, 'store'>, s: InvoiceSchedule): Record<string, unknown> {
	const { invoiceIds, autoPayment: _ap, ...rest } = s;
	void _ap;
	return {
		...rest,
		invoices: invoiceIds.map((id) => ctx.store.invoices.get(id)).filter((i): i is Invoice => !!i).map(invoiceView),
		compiledTermsNotes: s.termsNotes,
	};
}

function getSchedule(ctx: RouteContext): InvoiceSchedule {
	const s = ctx.store.schedules.get(ctx.req.params.scheduleId);
	if (!s || s.altId !== ctx.locationId) throw badRequest('Schedule not found');
	return s;
}

function applyBody(ctx: RouteContext, s: InvoiceSchedule, body: Record<string, unknown>): void {
	if (body.name !== undefined) s.name = String(body.name);
	if (body.currency !== undefined) s.currency = String(body.currency);
	if (body.items !== undefined) s.items = parseItems(body.items, 'items', s.currency);
	if (body.discount !== undefined) s.discount = parseDiscount(body.discount);
	if (body.contactDetails !== undefined) s.contactDetails = parseContactDetails(body.contactDetails);
	if (body.businessDetails !== undefined) s.businessDetails = body.businessDetails as Record<string, unknown>;
	if (body.schedule !== undefined) s.schedule = body.schedule as InvoiceSchedule['schedule'];
	if (body.title !== undefined) s.title = String(body.title);
	if (body.termsNotes !== undefined) s.termsNotes = String(body.termsNotes);
	if (typeof body.liveMode === 'boolean') s.liveMode = body.liveMode;
	s.total = totals(s.items, s.discount).total;
	s.updatedAt = nowIso();
}

/** One run of a schedule: a new sent invoice for the schedule's contact. */
export function runSchedule(ctx: Pick<RouteContext, 'store' | 'events' | 'locationId'>, s: InvoiceSchedule): Invoice {
	const now = nowIso();
	const due = new Date(Date.now() + 14 * 86400000).toISOString().slice(0, 10);
	const inv: Invoice = {
		_id: objectId(),
		status: 'sent',
		liveMode: s.liveMode,
		amountPaid: 0,
		altId: s.altId,
		altType: 'location',
		name: s.name,
		title: s.title,
		businessDetails: s.businessDetails,
		invoiceNumber: String(ctx.store.nextInvoiceNumber++),
		invoiceNumberPrefix: 'INV-',
		currency: s.currency,
		contactDetails: s.contactDetails,
		issueDate: today(),
		dueDate: due,
		discount: s.discount,
		invoiceItems: s.items.map((i) => ({ ...i, _id: objectId() })),
		termsNotes: s.termsNotes,
		sentTo: { email: [s.contactDetails.email].filter(Boolean) },
		total: 0,
		amountDue: 0,
		totalSummary: { subTotal: 0, discount: 0, tax: 0 },
		automaticTaxesEnabled: false,
		automaticTaxesCalculated: false,
		scheduleId: s._id,
		payments: [],
		createdAt: now,
		updatedAt: now,
	};
	recompute(inv);
	ctx.store.invoices.set(inv._id, inv);
	s.invoiceIds.push(inv._id);
	ctx.events.emit('InvoiceCreate', invoiceView(inv));
	ctx.events.emit('InvoiceSent', invoiceView(inv));
	return inv;
}

export const scheduleRoutes: RouteDef[] = [
	{
		method: 'GET',
		path: '/invoices/schedule',
		handler: (ctx) => {
			checkAlt(ctx, 'query');
			const limit = intParam(ctx, 'limit', { required: true, min: 1, max: 100 });
			const offset = intParam(ctx, 'offset', { required: true, min: 0 });
			const status = ctx.req.query.get('status');
			const search = ctx.req.query.get('search');
			const all = ctx.store.schedules
				.values()
				.filter((s) => s.altId === ctx.locationId && (!status || s.status === status) && textMatch(search, s.name, s.contactDetails.name, s._id));
			return ok({ schedules: all.slice(offset, offset + limit).map((s) => scheduleView(ctx, s)), total: all.length });
		},
	},
	{
		method: 'POST',
		path: '/invoices/schedule',
		handler: (ctx) => {
			checkAlt(ctx, 'body');
			const body = bodyOf(ctx);
			requireFields(body, 'name', 'contactDetails', 'schedule', 'liveMode', 'businessDetails', 'currency', 'items', 'discount');
			const now = nowIso();
			const s: InvoiceSchedule = {
				_id: objectId(),
				status: 'draft',
				liveMode: body.liveMode === true,
				altId: ctx.locationId,
				altType: 'location',
				name: '',
				schedule: {},
				invoiceIds: [],
				businessDetails: defaultBusinessDetails(ctx.store),
				currency: 'USD',
				contactDetails: { id: '' },
				discount: { type: 'percentage', value: 0 },
				items: [],
				total: 0,
				title: 'INVOICE',
				termsNotes: '',
				createdAt: now,
				updatedAt: now,
			};
			applyBody(ctx, s, body);
			ctx.store.schedules.set(s._id, s);
			return ok(scheduleView(ctx, s));
		},
	},
	{
		method: 'GET',
		path: '/invoices/schedule/:scheduleId',
		handler: (ctx) => {
			checkAlt(ctx, 'query');
			return ok(scheduleView(ctx, getSchedule(ctx)));
		},
	},
	{
		method: 'PUT',
		path: '/invoices/schedule/:scheduleId',
		handler: (ctx) => {
			checkAlt(ctx, 'body');
			const s = getSchedule(ctx);
			if (s.status === 'cancelled') throw badRequest('Cannot update a cancelled schedule');
			applyBody(ctx, s, bodyOf(ctx));
			return ok(scheduleView(ctx, s));
		},
	},
	{
		method: 'DELETE',
		path: '/invoices/schedule/:scheduleId',
		handler: (ctx) => {
			checkAlt(ctx, 'query');
			const s = getSchedule(ctx);
			ctx.store.schedules.delete(s._id);
			return ok({ success: true });
		},
	},
	{
		method: 'POST',
		path: '/invoices/schedule/:scheduleId/schedule',
		handler: (ctx) => {
			checkAlt(ctx, 'body');
			const s = getSchedule(ctx);
			if (s.status === 'cancelled') throw badRequest('Cannot schedule a cancelled schedule');
			if (s.status !== 'active') {
				s.status = 'active';
				const body = bodyOf(ctx);
				if (body.autoPayment !== undefined) s.autoPayment = body.autoPayment as Record<string, unknown>;
				runSchedule(ctx, s);
			}
			s.updatedAt = nowIso();
			return ok(scheduleView(ctx, s));
		},
	},
	{
		method: 'POST',
		path: '/invoices/schedule/:scheduleId/auto-payment',
		handler: (ctx) => {
			checkAlt(ctx, 'body');
			const body = bodyOf(ctx);
			requireFields(body, 'id', 'autoPayment');
			const s = getSchedule(ctx);
			if (str(body.id) !== s._id) throw unprocessable('id must match scheduleId');
			s.autoPayment = body.autoPayment as Record<string, unknown>;
			s.updatedAt = nowIso();
			return ok(scheduleView(ctx, s));
		},
	},
	{
		method: 'POST',
		path: '/invoices/schedule/:scheduleId/cancel',
		handler: (ctx) => {
			checkAlt(ctx, 'body');
			const s = getSchedule(ctx);
			s.status = 'cancelled';
			s.updatedAt = nowIso();
			return ok(scheduleView(ctx, s));
		},
	},
];
