/** Searchable lists for resource locators: contacts. */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { ghlTransport } from '../transport';
import { listOf, lookupLocation } from './shared';

export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const locationId = await lookupLocation(this);
	const qs: IDataObject = { locationId, limit: 50 };
	if (filter) qs.query = filter;
	if (paginationToken) {
		const [startAfterId, startAfter] = paginationToken.split('|');
		qs.startAfterId = startAfterId;
		if (startAfter) qs.startAfter = startAfter;
	}
	const body = await ghlTransport.call(this, { method: 'GET', path: '/contacts/', qs, scopes: ['contacts.readonly'] });
	const contacts = listOf(body, 'contacts');
	const meta = ((body ?? {}) as IDataObject).meta as IDataObject | undefined;
	const results = contacts.map((c) => {
		const name = String(c.contactName ?? ([c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || c.phone || c.id));
		return { name: c.email && name !== c.email ? `${name} (${String(c.email)})` : name, value: String(c.id) };
	});
	const next =
		contacts.length >= 50 && meta?.startAfterId ? `${String(meta.startAfterId)}|${String(meta.startAfter ?? '')}` : undefined;
	return { results, paginationToken: next };
}
