/**
 * Custom Fields v2 (openapi/custom-fields.json): /custom-fields/... with
 * objectKey ('contact', 'opportunity', 'custom_objects.x') and ICustomField shape.
 * Same records as the v1 location endpoints, another view.
 */
import { badRequest, unprocessable } from '../errors';
import { ghlId } from '../ids';
import type { CustomField } from '../store';
import { fieldKeyFor } from './locations';
import { bodyOf, checkLocation, created, locationFromQuery, nowIso, ok, requireFields, str, type RouteContext, type RouteDef } from './kit';

export function customFieldV2View(f: CustomField) {
	return {
		locationId: f.locationId,
		name: f.name,
		placeholder: f.placeholder ?? '',
		showInForms: f.showInForms,
		options: f.picklistOptions.map((label) => ({ key: label.toLowerCase().replace(/\W+/g, '_'), label })),
		id: f.id,
		objectKey: f.model,
		dataType: f.dataType,
		parentId: f.parentId ?? '',
		fieldKey: f.fieldKey,
		dateAdded: f.dateAdded,
		dateUpdated: f.dateUpdated,
	};
}

function getField(ctx: RouteContext): CustomField {
	const f = ctx.store.customFields.get(ctx.req.params.id);
	if (!f || f.locationId !== ctx.locationId) throw badRequest('Custom field not found');
	return f;
}

export const customFieldRoutes: RouteDef[] = [
	{
		method: 'GET',
		path: '/custom-fields/object-key/:objectKey',
		handler: (ctx) => {
			locationFromQuery(ctx);
			const key = ctx.req.params.objectKey.replace(/^custom_objects\./, '');
			const fields = ctx.store.customFields.values().filter((f) => f.model === key);
			return ok({ fields: fields.map(customFieldV2View), folders: [] });
		},
	},
	{
		method: 'POST',
		path: '/custom-fields/',
		handler: (ctx) => {
			const body = bodyOf(ctx);
			requireFields(body, 'locationId', 'dataType', 'fieldKey', 'objectKey');
			checkLocation(ctx, str(body.locationId));
			if (typeof body.showInForms !== 'boolean') throw unprocessable('showInForms must be a boolean value');
			const objectKey = String(body.objectKey).replace(/^custom_objects\./, '');
			if (objectKey !== 'contact' && objectKey !== 'opportunity') throw badRequest(`Unknown objectKey ${String(body.objectKey)}`);
			const rawKey = String(body.fieldKey);
			const fieldKey = rawKey.includes('.') ? rawKey : fieldKeyFor(objectKey, rawKey);
			if (ctx.store.customFields.values().some((f) => f.fieldKey === fieldKey)) throw badRequest(`Custom field with key ${fieldKey} already exists`);
			const now = nowIso();
			const f: CustomField = {
				id: ghlId(),
				locationId: ctx.locationId,
				name: str(body.name) ?? rawKey,
				fieldKey,
				dataType: String(body.dataType),
				placeholder: str(body.placeholder),
				position: ctx.store.customFields.size * 50,
				model: objectKey,
				picklistOptions: Array.isArray(body.options) ? body.options.map((o) => String((o as Record<string, unknown>)?.label ?? o)) : [],
				parentId: str(body.parentId),
				showInForms: body.showInForms,
				dateAdded: now,
				dateUpdated: now,
			};
			ctx.store.customFields.set(f.id, f);
			return created({ field: customFieldV2View(f) });
		},
	},
	{ method: 'GET', path: '/custom-fields/:id', handler: (ctx) => ok({ field: customFieldV2View(getField(ctx)) }) },
	{
		method: 'PUT',
		path: '/custom-fields/:id',
		handler: (ctx) => {
			const f = getField(ctx);
			const body = bodyOf(ctx);
			requireFields(body, 'locationId');
			checkLocation(ctx, str(body.locationId));
			if (typeof body.showInForms !== 'boolean') throw unprocessable('showInForms must be a boolean value');
			if (body.name !== undefined) f.name = String(body.name);
			if (body.placeholder !== undefined) f.placeholder = str(body.placeholder);
			if (Array.isArray(body.options)) f.picklistOptions = body.options.map((o) => String((o as Record<string, unknown>)?.label ?? o));
			f.showInForms = body.showInForms;
			f.dateUpdated = nowIso();
			return ok({ field: customFieldV2View(f) });
		},
	},
	{
		method: 'DELETE',
		path: '/custom-fields/:id',
		handler: (ctx) => {
			const f = getField(ctx);
			ctx.store.customFields.delete(f.id);
			return ok({ succeded: true, id: f.id, key: f.fieldKey });
		},
	},
];
