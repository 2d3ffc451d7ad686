/**
 * Opportunities (openapi/opportunities.json): CRUD, status, upsert, search
 * (page/limit or startAfter/startAfterId), pipelines.
 * Emits OpportunityCreate/Update/Delete/StatusUpdate/StageUpdate/MonetaryValueUpdate/AssignedToUpdate.
 */
import { badRequest, unprocessable } from '../errors';
import { ghlId } from '../ids';
import type { Opportunity, Pipeline } from '../store';
import { applyCustomFields } from './contacts';
import { bodyOf, checkLocation, compact, created, intParam, locationFromQuery, nowIso, ok, requireFields, str, textMatch, type RouteContext, type RouteDef } from './kit';

const STATUSES = ['open', 'won', 'lost', 'abandoned'] as const;

export function opportunityView(ctx: Pick<RouteContext, 'store'>, o: Opportunity): Record<string, unknown> {
	const c = ctx.store.contacts.get(o.contactId);
	return compact({
		id: o.id,
		name: o.name,
		monetaryValue: o.monetaryValue,
		pipelineId: o.pipelineId,
		pipelineStageId: o.pipelineStageId,
		assignedTo: o.assignedTo,
		status: o.status,
		source: o.source,
		lastStatusChangeAt: o.lastStatusChangeAt,
		lastStageChangeAt: o.lastStageChangeAt,
		createdAt: o.createdAt,
		updatedAt: o.updatedAt,
		contactId: o.contactId,
		locationId: o.locationId,
		contact: c
			? compact({ id: c.id, name: [c.firstName, c.lastName].filter(Boolean).join(' '), companyName: c.companyName, email: c.email, phone: c.phone, tags: [...c.tags] })
			: undefined,
		lostReasonId: o.lostReasonId,
		customFields: o.customFields.map((f) => ({ id: f.id, fieldValue: f.value })),
	});
}

/** Webhook payloads name the creation date dateAdded. */
const eventData = (ctx: RouteContext, o: Opportunity) => ({ ...opportunityView(ctx, o), dateAdded: o.createdAt });

function getOpp(ctx: RouteContext): Opportunity {
	const o = ctx.store.opportunities.get(ctx.req.params.id);
	if (!o || o.locationId !== ctx.locationId) throw badRequest('Opportunity not found');
	return o;
}

function checkStatus(v: unknown): Opportunity['status'] {
	if (!STATUSES.includes(v as Opportunity['status'])) throw unprocessable(`status must be one of the following values: ${STATUSES.join(', ')}`);
	return v as Opportunity['status'];
}

function checkPipeline(ctx: RouteContext, pipelineId: string, stageId?: string): Pipeline {
	const p = ctx.store.pipelines.get(pipelineId);
	if (!p) throw badRequest('Pipeline not found');
	if (stageId && !p.stages.some((s) => s.id === stageId)) throw badRequest('Pipeline stage not found');
	return p;
}

/** Applies an update and emits the specific *Update events GHL sends besides OpportunityUpdate. */
function update(ctx: RouteContext, o: Opportunity, body: Record<string, unknown>): void {
	const before = { ...o };
	const customFields = applyCustomFields(ctx.store, o.customFields, body.customFields, 'opportunity');
	if (body.pipelineId !== undefined) o.pipelineId = checkPipeline(ctx, String(body.pipelineId)).id;
	if (body.pipelineStageId !== undefined) {
		checkPipeline(ctx, o.pipelineId, String(body.pipelineStageId));
		o.pipelineStageId = String(body.pipelineStageId);
	}
	if (body.name !== undefined) o.name = String(body.name);
	if (body.status !== undefined) o.status = checkStatus(body.status);
	if (body.monetaryValue !== undefined) o.monetaryValue = Number(body.monetaryValue) || 0;
	if (body.assignedTo !== undefined) o.assignedTo = str(body.assignedTo);
	if (body.lostReasonId !== undefined) o.lostReasonId = str(body.lostReasonId);
	o.customFields = customFields;
	const now = nowIso();
	o.updatedAt = now;
	if (o.status !== before.status) o.lastStatusChangeAt = now;
	if (o.pipelineStageId !== before.pipelineStageId) o.lastStageChangeAt = now;
	ctx.events.emit('OpportunityUpdate', eventData(ctx, o));
	if (o.status !== before.status) ctx.events.emit('OpportunityStatusUpdate', eventData(ctx, o));
	if (o.pipelineStageId !== before.pipelineStageId) ctx.events.emit('OpportunityStageUpdate', eventData(ctx, o));
	if (o.monetaryValue !== before.monetaryValue) ctx.events.emit('OpportunityMonetaryValueUpdate', eventData(ctx, o));
	if (o.assignedTo !== before.assignedTo) ctx.events.emit('OpportunityAssignedToUpdate', eventData(ctx, o));
}

function create(ctx: RouteContext, body: Record<string, unknown>): Opportunity {
	const p = checkPipeline(ctx, String(body.pipelineId), str(body.pipelineStageId));
	if (!ctx.store.contacts.has(String(body.contactId))) throw badRequest('Contact not found');
	const now = nowIso();
	const o: Opportunity = {
		id: ghlId(),
		locationId: ctx.locationId,
		name: String(body.name),
		monetaryValue: Number(body.monetaryValue ?? 0) || 0,
		pipelineId: p.id,
		pipelineStageId: str(body.pipelineStageId) ?? p.stages[0].id,
		assignedTo: str(body.assignedTo),
		status: checkStatus(body.status ?? 'open'),
		source: str(body.source),
		contactId: String(body.contactId),
		customFields: applyCustomFields(ctx.store, [], body.customFields, 'opportunity'),
		followers: [],
		lastStatusChangeAt: now,
		lastStageChangeAt: now,
		createdAt: now,
		updatedAt: now,
	};
	ctx.store.opportunities.set(o.id, o);
	ctx.events.emit('OpportunityCreate', eventData(ctx, o));
	return o;
}

function search(ctx: RouteContext) {
	const locationId = locationFromQuery(ctx, 'location_id');
	const q = ctx.req.query;
	const limit = intParam(ctx, 'limit', { def: 20, min: 1, max: 100 });
	const page = intParam(ctx, 'page', { def: 1, min: 1 });
	const status = q.get('status');
	const order = q.get('order') === 'added_desc' ? -1 : 1;
	const all = ctx.store.opportunities
		.values()
		.filter((o) => o.locationId === locationId)
		.filter((o) => !q.get('pipeline_id') || o.pipelineId === q.get('pipeline_id'))
		.filter((o) => !q.get('pipeline_stage_id') || o.pipelineStageId === q.get('pipeline_stage_id'))
		.filter((o) => !q.get('contact_id') || o.contactId === q.get('contact_id'))
		.filter((o) => !q.get('assigned_to') || o.assignedTo === q.get('assigned_to'))
		.filter((o) => !q.get('id') || o.id === q.get('id'))
		.filter((o) => !status || status === 'all' || o.status === status)
		.filter((o) => {
			const c = ctx.store.contacts.get(o.contactId);
			return textMatch(q.get('q'), o.name, c?.email, c?.firstName, c?.lastName, c?.phone);
		})
		.sort((a, b) => order * (Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id.localeCompare(b.id)));
	let start = (page - 1) * limit;
	const startAfterId = q.get('startAfterId');
	if (startAfterId) {
		const idx = all.findIndex((o) => o.id === startAfterId);
		start = idx < 0 ? all.length : idx + 1;
	}
	const slice = all.slice(start, start + limit);
	const last = slice[slice.length - 1];
	const more = start + limit < all.length;
	// The spec's SearchMetaResponseSchema has no nullable fields: absent, not null, when there is no page.
	const meta: Record<string, unknown> = { total: all.length, currentPage: Math.floor(start / limit) + 1 };
	if (start > 0) meta.prevPage = Math.floor(start / limit);
	if (last) {
		meta.startAfterId = last.id;
		meta.startAfter = Date.parse(last.createdAt);
	}
	if (more && last) {
		const next = new URL('/opportunities/search', ctx.baseUrl);
		next.searchParams.set('location_id', locationId);
		next.searchParams.set('startAfter', String(Date.parse(last.createdAt)));
		next.searchParams.set('startAfterId', last.id);
		next.searchParams.set('limit', String(limit));
		meta.nextPageUrl = next.toString();
		meta.nextPage = (meta.currentPage as number) + 1;
	}
	return ok({ opportunities: slice.map((o) => opportunityView(ctx, o)), meta, aggregations: {} });
}

export const opportunityRoutes: RouteDef[] = [
	{ method: 'GET', path: '/opportunities/search', handler: search },
	{
		method: 'GET',
		path: '/opportunities/pipelines',
		handler: (ctx) => {
			const locationId = locationFromQuery(ctx);
			return ok({ pipelines: ctx.store.pipelines.values().filter((p) => p.locationId === locationId).map((p) => ({ ...p, stages: p.stages.map((s) => ({ ...s })) })) });
		},
	},
	{
		method: 'POST',
		path: '/opportunities/',
		handler: (ctx) => {
			const body = bodyOf(ctx);
			requireFields(body, 'pipelineId', 'locationId', 'name', 'status', 'contactId');
			checkLocation(ctx, str(body.locationId));
			return created({ opportunity: opportunityView(ctx, create(ctx, body)) });
		},
	},
	{
		method: 'POST',
		path: '/opportunities/upsert',
		handler: (ctx) => {
			const body = bodyOf(ctx);
			requireFields(body, 'pipelineId', 'locationId');
			checkLocation(ctx, str(body.locationId));
			const existing = str(body.id)
				? ctx.store.opportunities.get(String(body.id))
				: ctx.store.opportunities.values().find((o) => o.contactId === str(body.contactId) && o.pipelineId === str(body.pipelineId));
			if (existing) {
				update(ctx, existing, body);
				return ok({ opportunity: opportunityView(ctx, existing), new: false });
			}
			requireFields(body, 'name', 'contactId');
			return ok({ opportunity: opportunityView(ctx, create(ctx, body)), new: true });
		},
	},
	{ method: 'GET', path: '/opportunities/:id', handler: (ctx) => ok({ opportunity: opportunityView(ctx, getOpp(ctx)) }) },
	{
		method: 'PUT',
		path: '/opportunities/:id',
		handler: (ctx) => {
			const o = getOpp(ctx);
			update(ctx, o, bodyOf(ctx));
			return ok({ opportunity: opportunityView(ctx, o) });
		},
	},
	{
		method: 'PUT',
		path: '/opportunities/:id/status',
		handler: (ctx) => {
			const o = getOpp(ctx);
			const body = bodyOf(ctx);
			requireFields(body, 'status');
			update(ctx, o, { status: body.status, lostReasonId: body.lostReasonId });
			return ok({ succeded: true });
		},
	},
	{
		method: 'DELETE',
		path: '/opportunities/:id',
		handler: (ctx) => {
			const o = getOpp(ctx);
			ctx.store.opportunities.delete(o.id);
			ctx.events.emit('OpportunityDelete', eventData(ctx, o));
			return ok({ succeded: true });
		},
	},
];
