/** Dropdown lists for the GHL node: users, pipelines and stages, custom fields, tags, templates. */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { ghlTransport } from '../transport';
import { recordsAt, lookupLocation } from './shared';

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

export async function getUsers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const locationId = await lookupLocation(this);
	const body = await ghlTransport.call(this, { method: 'GET', path: '/users/', qs: { locationId }, scopes: ['users.readonly'] });
	return recordsAt(body, 'users')
		.map((u) => ({
			name: String(u.name ?? ([u.firstName, u.lastName].filter(Boolean).join(' ') || u.email || u.id)),
			value: String(u.id),
			description: u.email ? String(u.email) : undefined,
		}))
		.sort(byName);
}

/** The location's pipelines, each with its stages. */
async function pipelines(ctx: ILoadOptionsFunctions): Promise<IDataObject[]> {
	const locationId = await lookupLocation(ctx);
	const body = await ghlTransport.call(ctx, {
		method: 'GET',
		path: '/opportunities/pipelines',
		qs: { locationId },
		scopes: ['opportunities.readonly'],
	});
	return recordsAt(body, 'pipelines');
}

export async function getPipelines(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await pipelines(this)).map((p) => ({ name: String(p.name ?? p.id), value: String(p.id) })).sort(byName);
}

export async function getPipelineStages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const pipelineId = String(this.getCurrentNodeParameter('pipelineId') ?? '');
	const pipeline = (await pipelines(this)).find((p) => String(p.id) === pipelineId);
	const stages = (pipeline?.stages ?? []) as Array<{ id: string; name?: string }>;
	// Stages keep their pipeline order.
	return stages.map((s) => ({ name: String(s.name ?? s.id), value: String(s.id) }));
}

async function customFields(ctx: ILoadOptionsFunctions, model: 'contact' | 'opportunity'): Promise<INodePropertyOptions[]> {
	const locationId = await lookupLocation(ctx);
	const body = await ghlTransport.call(ctx, {
		method: 'GET',
		path: '/locations/{locationId}/customFields',
		pathParams: { locationId },
		qs: { model },
		scopes: ['locations/customFields.readonly'],
	});
	return recordsAt(body, 'customFields')
		.map((f) => ({
			name: String(f.name ?? f.id),
			value: String(f.id),
			description: [f.dataType, f.fieldKey].filter(Boolean).join(' · '),
		}))
		.sort(byName);
}

export async function getContactCustomFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await customFields(this, 'contact');
}

export async function getOpportunityCustomFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await customFields(this, 'opportunity');
}

export async function getTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const locationId = await lookupLocation(this);
	const body = await ghlTransport.call(this, {
		method: 'GET',
		path: '/locations/{locationId}/tags',
		pathParams: { locationId },
		scopes: ['locations/tags.readonly'],
	});
	// Contacts are tagged by name, so the name is the value.
	return recordsAt(body, 'tags').map((t) => ({ name: String(t.name), value: String(t.name) })).sort(byName);
}

export async function getDocumentTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const locationId = await lookupLocation(this);
	const body = await ghlTransport.call(this, {
		method: 'GET',
		path: '/proposals/templates',
		qs: { locationId, limit: 100, skip: 0 },
	});
	return recordsAt(body, 'data')
		.map((t) => ({ name: String(t.name ?? t._id ?? t.id), value: String(t._id ?? t.id) }))
		.sort(byName);
}
