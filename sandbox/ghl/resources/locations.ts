/**
 * Locations (openapi/locations.json): the sub-account itself, its tags,
 * custom values and (v1) custom fields. Every path carries :locationId, which
 * must be the token's location.
 */
import { badRequest, unprocessable } from '../errors';
import { ghlId } from '../ids';
import type { CustomField, CustomValue, LocationTag } from '../store';
import { bodyOf, checkLocation, created, nowIso, ok, requireFields, str, type RouteContext, type RouteDef } from './kit';

const loc = (ctx: RouteContext) => checkLocation(ctx, ctx.req.params.locationId);

function locationView(ctx: RouteContext) {
	const l = ctx.store.location;
	return {
		...l,
		business: { name: l.name, address: l.address, city: l.city, state: l.state, country: l.country, postalCode: l.postalCode, website: l.website, timezone: l.timezone },
		social: {},
	};
}

/** v1 shape (locations/{id}/customFields): fieldKey 'contact.x', picklistOptions. */
export function customFieldV1View(f: CustomField) {
	return {
		id: f.id,
		name: f.name,
		fieldKey: f.fieldKey,
		placeholder: f.placeholder ?? '',
		dataType: f.dataType,
		position: f.position,
		picklistOptions: [...f.picklistOptions],
		isAllowedCustomOption: false,
		locationId: f.locationId,
		model: f.model,
	};
}

export function fieldKeyFor(model: string, name: string): string {
	return `${model}.${name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '')}`;
}

function getField(ctx: RouteContext): CustomField {
	loc(ctx);
	const f = ctx.store.customFields.get(ctx.req.params.id);
	if (!f) throw badRequest('Custom field not found');
	return f;
}

function getValue(ctx: RouteContext): CustomValue {
	loc(ctx);
	const v = ctx.store.customValues.get(ctx.req.params.id);
	if (!v) throw badRequest('Custom value not found');
	return v;
}

function getTag(ctx: RouteContext): LocationTag {
	loc(ctx);
	const t = ctx.store.tags.get(ctx.req.params.tagId);
	if (!t) throw badRequest('Tag not found');
	return t;
}

const tagName = (ctx: RouteContext): string => {
	const body = bodyOf(ctx);
	requireFields(body, 'name');
	return String(body.name).trim().toLowerCase();
};

export const locationRoutes: RouteDef[] = [
	{ method: 'GET', path: '/locations/:locationId', handler: (ctx) => (loc(ctx), ok({ location: locationView(ctx) })) },

	// tags
	{ method: 'GET', path: '/locations/:locationId/tags', handler: (ctx) => (loc(ctx), ok({ tags: ctx.store.tags.values() })) },
	{
		method: 'POST',
		path: '/locations/:locationId/tags',
		handler: (ctx) => {
			loc(ctx);
			const name = tagName(ctx);
			if (ctx.store.tags.values().some((t) => t.name === name)) throw badRequest('Tag already exists');
			const t: LocationTag = { id: ghlId(), locationId: ctx.locationId, name };
			ctx.store.tags.set(t.id, t);
			return ok({ tag: t });
		},
	},
	{ method: 'GET', path: '/locations/:locationId/tags/:tagId', handler: (ctx) => ok({ tag: getTag(ctx) }) },
	{
		method: 'PUT',
		path: '/locations/:locationId/tags/:tagId',
		handler: (ctx) => {
			const t = getTag(ctx);
			t.name = tagName(ctx);
			return ok({ tag: t });
		},
	},
	{
		method: 'DELETE',
		path: '/locations/:locationId/tags/:tagId',
		handler: (ctx) => {
			ctx.store.tags.delete(getTag(ctx).id);
			return ok({ succeded: true });
		},
	},

	// custom values
	{ method: 'GET', path: '/locations/:locationId/customValues', handler: (ctx) => (loc(ctx), ok({ customValues: ctx.store.customValues.values() })) },
	{
		method: 'POST',
		path: '/locations/:locationId/customValues',
		handler: (ctx) => {
			loc(ctx);
			const body = bodyOf(ctx);
			requireFields(body, 'name', 'value');
			const name = String(body.name);
			const v: CustomValue = { id: ghlId(), locationId: ctx.locationId, name, fieldKey: `{{ custom_values.${fieldKeyFor('x', name).slice(2)} }}`, value: String(body.value) };
			ctx.store.customValues.set(v.id, v);
			return created({ customValue: v });
		},
	},
	{ method: 'GET', path: '/locations/:locationId/customValues/:id', handler: (ctx) => ok({ customValue: getValue(ctx) }) },
	{
		method: 'PUT',
		path: '/locations/:locationId/customValues/:id',
		handler: (ctx) => {
			const v = getValue(ctx);
			const body = bodyOf(ctx);
			requireFields(body, 'name', 'value');
			v.name = String(body.name);
			v.value = String(body.value);
			return ok({ customValue: v });
		},
	},
	{
		method: 'DELETE',
		path: '/locations/:locationId/customValues/:id',
		handler: (ctx) => {
			ctx.store.customValues.delete(getValue(ctx).id);
			return ok({ succeded: true });
		},
	},

	// custom fields (v1)
	{
		method: 'GET',
		path: '/locations/:locationId/customFields',
		handler: (ctx) => {
			loc(ctx);
			const model = ctx.req.query.get('model') ?? 'all';
			if (!['contact', 'opportunity', 'all'].includes(model)) throw unprocessable('model must be one of the following values: contact, opportunity, all');
			return ok({ customFields: ctx.store.customFields.values().filter((f) => model === 'all' || f.model === model).map(customFieldV1View) });
		},
	},
	{
		method: 'POST',
		path: '/locations/:locationId/customFields',
		handler: (ctx) => {
			loc(ctx);
			const body = bodyOf(ctx);
			requireFields(body, 'name', 'dataType');
			const model = (str(body.model) ?? 'contact') as CustomField['model'];
			const now = nowIso();
			const f: CustomField = {
				id: ghlId(),
				locationId: ctx.locationId,
				name: String(body.name),
				fieldKey: fieldKeyFor(model, String(body.name)),
				dataType: String(body.dataType),
				placeholder: str(body.placeholder),
				position: Number(body.position ?? ctx.store.customFields.size * 50),
				model,
				picklistOptions: Array.isArray(body.textBoxListOptions) ? body.textBoxListOptions.map((o) => String((o as Record<string, unknown>)?.label ?? o)) : [],
				showInForms: true,
				dateAdded: now,
				dateUpdated: now,
			};
			if (ctx.store.customFields.values().some((x) => x.fieldKey === f.fieldKey)) throw badRequest(`Custom field with key ${f.fieldKey} already exists`);
			ctx.store.customFields.set(f.id, f);
			return created({ customField: customFieldV1View(f) });
		},
	},
	{ method: 'GET', path: '/locations/:locationId/customFields/:id', handler: (ctx) => ok({ customField: customFieldV1View(getField(ctx)) }) },
	{
		method: 'PUT',
		path: '/locations/:locationId/customFields/:id',
		handler: (ctx) => {
			const f = getField(ctx);
			const body = bodyOf(ctx);
			requireFields(body, 'name');
			f.name = String(body.name);
			if (body.placeholder !== undefined) f.placeholder = str(body.placeholder);
			if (body.position !== undefined) f.position = Number(body.position);
			f.dateUpdated = nowIso();
			return ok({ customField: customFieldV1View(f) });
		},
	},
	{
		method: 'DELETE',
		path: '/locations/:locationId/customFields/:id',
		handler: (ctx) => {
			ctx.store.customFields.delete(getField(ctx).id);
			return ok({ succeded: true });
		},
	},
];
