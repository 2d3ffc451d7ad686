/**
 * Searchable lists for the resource locators (Contact, Project, Document,
 * Contract, Template). 17hats lists have no text search, so a page is read and
 * filtered here; the list's cursor is the pagination token.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { hatsTransport } from '../transport';

interface Listing {
	path: string;
	scope: string;
	idKey: string;
	label(record: IDataObject): string;
}

const text = (...parts: unknown[]) => parts.filter((p) => typeof p === 'string' && p !== '').join(' ');

const LISTINGS: Record<string, Listing> = {
	contacts: {
		path: '/contacts',
		scope: 'contacts:read',
		idKey: 'contact_id',
		label: (r) => text(text(r.first_name, r.last_name) || r.company, r.email ? `<${String(r.email)}>` : ''),
	},
	projects: { path: '/projects', scope: 'projects:read', idKey: 'project_id', label: (r) => text(r.name) },
	documents: {
		path: '/documents',
		scope: 'documents:read',
		idKey: 'document_id',
		label: (r) => text(r.name, `(${String(r.document_type)}, ${String(r.status)})`),
	},
	contracts: { path: '/contracts', scope: 'contracts:read', idKey: 'contract_id', label: (r) => text(r.name, `(${String(r.status)})`) },
	templates: { path: '/templates', scope: 'templates:read', idKey: 'template_id', label: (r) => text(r.name, `(${String(r.document_type)})`) },
};

async function search(
	ctx: ILoadOptionsFunctions,
	listing: Listing,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await hatsTransport.call<{ data?: IDataObject[]; next_cursor?: string | null }>(ctx, {
		method: 'GET',
		path: listing.path,
		qs: { limit: 100, ...(paginationToken ? { cursor: paginationToken } : {}) },
		scopes: [listing.scope],
	});
	const needle = (filter ?? '').trim().toLowerCase();
	const results = (page.data ?? [])
		.map((record) => {
			const id = String(record[listing.idKey]);
			return { name: listing.label(record) || id, value: id };
		})
		.filter((r) => needle === '' || r.name.toLowerCase().includes(needle) || r.value.toLowerCase().includes(needle));
	return { results, paginationToken: page.next_cursor ?? undefined };
}

export async function searchContacts(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, LISTINGS.contacts, filter, token);
}

export async function searchProjects(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, LISTINGS.projects, filter, token);
}

export async function searchDocuments(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, LISTINGS.documents, filter, token);
}

export async function searchContracts(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, LISTINGS.contracts, filter, token);
}

export async function searchTemplates(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, LISTINGS.templates, filter, token);
}
