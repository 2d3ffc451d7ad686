/**
 * Invoice templates (/invoices/template) and estimates (/invoices/estimate).
 * Estimates can be sent and turned into an invoice (POST .../:estimateId/invoice).
 */
import { badRequest } from '../errors';
import { ghlId, objectId } from '../ids';
import type { Estimate, InvoiceTemplate } from '../store';
import { defaultBusinessDetails, invoiceView, parseContactDetails, parseDiscount, parseItems, totals } from './invoiceCommon';
import { createInvoiceRecord } from './invoices';
import { bodyOf, checkAlt, created, intParam, nowIso, ok, requireFields, textMatch, today, type RouteContext, type RouteDef } from './kit';

function templateView(t: InvoiceTemplate) {
	return { ...t, items: t.items.map((i) => ({ ...i })) };
}

function getTemplate(ctx: RouteContext): InvoiceTemplate {
	const t = ctx.store.invoiceTemplates.get(ctx.req.params.templateId);
	if (!t || t.altId !== ctx.locationId) throw badRequest('Template not found');
	return t;
}

function applyTemplate(t: InvoiceTemplate, body: Record<string, unknown>): void {
	if (body.name !== undefined) t.name = String(body.name);
	if (body.currency !== undefined) t.currency = String(body.currency);
	if (body.items !== undefined) t.items = parseItems(body.items, 'items', t.currency);
	if (body.discount !== undefined) t.discount = parseDiscount(body.discount);
	if (body.businessDetails !== undefined) t.businessDetails = body.businessDetails as Record<string, unknown>;
	for (const k of ['invoiceNumberPrefix', 'termsNotes', 'title'] as const) if (body[k] !== undefined) t[k] = String(body[k]);
	if (typeof body.internal === 'boolean') t.internal = body.internal;
	t.total = totals(t.items, t.discount ?? { type: 'percentage', value: 0 }).total;
	t.updatedAt = nowIso();
}

export function estimateView(e: Estimate): Record<string, unknown> {
	const { status, invoiceId: _inv, ...rest } = e;
	void _inv;
	return {
		...rest,
		estimateStatus: status,
		__v: 0,
		companyId: 'sandbox-company',
		automaticTaxesEnabled: false,
		automaticTaxesCalculated: false,
		estimateActionHistory: [],
		lastVisitedAt: e.updatedAt,
		// the sandbox does no currency conversion
		totalamountInUSD: e.total,
		traceId: ghlId(),
	};
}

function getEstimate(ctx: RouteContext): Estimate {
	const e = ctx.store.estimates.get(ctx.req.params.estimateId);
	if (!e || e.altId !== ctx.locationId || e.deleted) throw badRequest('Estimate not found');
	return e;
}

function applyEstimate(e: Estimate, body: Record<string, unknown>): void {
	if (body.name !== undefined) e.name = String(body.name);
	if (body.currency !== undefined) e.currency = String(body.currency);
	if (body.items !== undefined) e.items = parseItems(body.items, 'items', e.currency);
	if (body.discount !== undefined) e.discount = parseDiscount(body.discount);
	if (body.contactDetails !== undefined) e.contactDetails = parseContactDetails(body.contactDetails);
	if (body.businessDetails !== undefined) e.businessDetails = body.businessDetails as Record<string, unknown>;
	for (const k of ['title', 'issueDate', 'expiryDate', 'termsNotes'] as const) if (body[k] !== undefined) e[k] = String(body[k]);
	if (body.frequencySettings !== undefined) e.frequencySettings = body.frequencySettings as Record<string, unknown>;
	if (body.sentTo !== undefined) e.sentTo = body.sentTo as Record<string, unknown>;
	if (typeof body.liveMode === 'boolean') e.liveMode = body.liveMode;
	e.total = totals(e.items, e.discount).total;
	e.updatedAt = nowIso();
}

export const templateAndEstimateRoutes: RouteDef[] = [
	{
		method: 'GET',
		path: '/invoices/template',
		handler: (ctx) => {
			checkAlt(ctx, 'query');
			const limit = intParam(ctx, 'limit', { required: true, min: 1, max: 100 });
			const offset = intParam(ctx, 'offset', { required: true, min: 0 });
			const search = ctx.req.query.get('search');
			const all = ctx.store.invoiceTemplates.values().filter((t) => t.altId === ctx.locationId && textMatch(search, t.name));
			return ok({ data: all.slice(offset, offset + limit).map(templateView), totalCount: all.length });
		},
	},
	{
		method: 'POST',
		path: '/invoices/template',
		handler: (ctx) => {
			checkAlt(ctx, 'body');
			const body = bodyOf(ctx);
			requireFields(body, 'name', 'businessDetails', 'currency', 'items');
			const now = nowIso();
			const t: InvoiceTemplate = { _id: objectId(), altId: ctx.locationId, altType: 'location', name: '', businessDetails: {}, currency: 'USD', items: [], total: 0, createdAt: now, updatedAt: now };
			applyTemplate(t, body);
			ctx.store.invoiceTemplates.set(t._id, t);
			return ok(templateView(t));
		},
	},
	{
		method: 'GET',
		path: '/invoices/template/:templateId',
		handler: (ctx) => {
			checkAlt(ctx, 'query');
			return ok(templateView(getTemplate(ctx)));
		},
	},
	{
		method: 'PUT',
		path: '/invoices/template/:templateId',
		handler: (ctx) => {
			checkAlt(ctx, 'body');
			const t = getTemplate(ctx);
			applyTemplate(t, bodyOf(ctx));
			return ok(templateView(t));
		},
	},
	{
		method: 'DELETE',
		path: '/invoices/template/:templateId',
		handler: (ctx) => {
			checkAlt(ctx, 'query');
			ctx.store.invoiceTemplates.delete(getTemplate(ctx)._id);
			return ok({ success: true });
		},
	},

	// estimates
	{
		method: 'GET',
		path: '/invoices/estimate/list',
		handler: (ctx) => {
			checkAlt(ctx, 'query');
			const limit = intParam(ctx, 'limit', { def: 10, min: 1, max: 100 });
			const offset = intParam(ctx, 'offset', { def: 0, min: 0 });
			const status = ctx.req.query.get('status');
			const contactId = ctx.req.query.get('contactId');
			const search = ctx.req.query.get('search');
			const all = ctx.store.estimates
				.values()
				.filter((e) => e.altId === ctx.locationId && !e.deleted)
				.filter((e) => (!status || e.status === status) && (!contactId || e.contactDetails.id === contactId) && textMatch(search, e.name, e._id));
			return ok({ estimates: all.slice(offset, offset + limit).map(estimateView), total: all.length, traceId: ghlId() });
		},
	},
	{
		method: 'GET',
		path: '/invoices/estimate/number/generate',
		handler: (ctx) => {
			checkAlt(ctx, 'query');
			return ok({ estimateNumber: ctx.store.nextEstimateNumber, traceId: ghlId() });
		},
	},
	{
		method: 'POST',
		path: '/invoices/estimate',
		handler: (ctx) => {
			checkAlt(ctx, 'body');
			const body = bodyOf(ctx);
			requireFields(body, 'name', 'businessDetails', 'currency', 'items', 'discount', 'contactDetails', 'frequencySettings');
			const now = nowIso();
			const e: Estimate = {
				_id: objectId(),
				altId: ctx.locationId,
				altType: 'location',
				status: 'draft',
				name: '',
				title: 'ESTIMATE',
				estimateNumber: Number(body.estimateNumber) || ctx.store.nextEstimateNumber++,
				liveMode: false,
				deleted: false,
				currency: 'USD',
				businessDetails: defaultBusinessDetails(ctx.store),
				contactDetails: {},
				items: [],
				discount: { type: 'percentage', value: 0 },
				total: 0,
				issueDate: today(),
				expiryDate: new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10),
				sentTo: {},
				frequencySettings: {},
				meta: (body.meta as Record<string, unknown>) ?? {},
				createdAt: now,
				updatedAt: now,
			};
			applyEstimate(e, body);
			ctx.store.estimates.set(e._id, e);
			return created(estimateView(e));
		},
	},
	{
		method: 'PUT',
		path: '/invoices/estimate/:estimateId',
		handler: (ctx) => {
			checkAlt(ctx, 'body');
			const e = getEstimate(ctx);
			applyEstimate(e, bodyOf(ctx));
			return ok(estimateView(e));
		},
	},
	{
		method: 'DELETE',
		path: '/invoices/estimate/:estimateId',
		handler: (ctx) => {
			checkAlt(ctx, 'body');
			const e = getEstimate(ctx);
			e.deleted = true;
			return ok(estimateView(e));
		},
	},
	{
		method: 'POST',
		path: '/invoices/estimate/:estimateId/send',
		handler: (ctx) => {
			checkAlt(ctx, 'body');
			requireFields(bodyOf(ctx), 'action', 'liveMode', 'userId');
			const e = getEstimate(ctx);
			if (e.status === 'draft') e.status = 'sent';
			e.updatedAt = nowIso();
			return created(estimateView(e));
		},
	},
	{
		method: 'POST',
		path: '/invoices/estimate/:estimateId/invoice',
		handler: (ctx) => {
			checkAlt(ctx, 'body');
			const e = getEstimate(ctx);
			if (e.invoiceId) throw badRequest('Estimate is already invoiced');
			const inv = createInvoiceRecord(
				ctx,
				{ name: e.name, currency: e.currency, items: e.items, discount: e.discount, contactDetails: e.contactDetails, businessDetails: e.businessDetails, issueDate: today(), liveMode: e.liveMode, title: 'INVOICE', termsNotes: e.termsNotes },
				[],
			);
			ctx.store.invoices.set(inv._id, inv);
			e.invoiceId = inv._id;
			e.status = 'invoiced';
			e.updatedAt = nowIso();
			ctx.events.emit('InvoiceCreate', invoiceView(inv));
			return ok({ estimate: estimateView(e), invoice: invoiceView(inv) });
		},
	},
];

