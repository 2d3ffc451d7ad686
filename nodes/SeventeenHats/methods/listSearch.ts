/**
 * Searchable lists for the resource locators (Contact, Project, Document,
 * Contract, Template). 17hats lists have no text search, so a page is read and
 * filtered here; the list's cursor is the pagination token.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { COLLECTIONS, TEMPLATES, type Collection } from '../api/collections';
import { hatsTransport } from '../transport';

async function search(
	ctx: ILoadOptionsFunctions,
	collection: Collection,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await hatsTransport.call<{ data?: IDataObject[]; next_cursor?: string | null }>(ctx, {
		method: 'GET',
		path: collection.path,
		qs: { limit: 100, ...(paginationToken ? { cursor: paginationToken } : {}) },
		scopes: [collection.readScope],
	});
	const needle = (filter ?? '').trim().toLowerCase();
	const results = (page.data ?? [])
		.map((record) => {
			const id = String(record[collection.idKey]);
			return { name: collection.label(record) || id, value: id };
		})
		.filter((r) => needle === '' || r.name.toLowerCase().includes(needle) || r.value.toLowerCase().includes(needle));
	return { results, paginationToken: page.next_cursor ?? undefined };
}

export async function searchContacts(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, COLLECTIONS.contacts, filter, token);
}

export async function searchProjects(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, COLLECTIONS.projects, filter, token);
}

export async function searchDocuments(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, COLLECTIONS.documents, filter, token);
}

export async function searchContracts(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, COLLECTIONS.contracts, filter, token);
}

export async function searchTemplates(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search(this, TEMPLATES, filter, token);
}
