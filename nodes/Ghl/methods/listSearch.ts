/**
 * Searchable lists for the resource locators ("From List"). Each list is a
 * declaration — which endpoint, where the location goes, how it pages, how a
 * record is labelled — and `searchRecords` runs them all the same way: the
 * editor's pagination token carries only the paging parameters of the next
 * page (the shared styles of common/pagination.ts), and lists whose endpoint
 * cannot search are filtered here by label or ID.
 */
import type { IDataObject, IHttpRequestMethods, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { firstPageQuery, pagingIn, readPage, type PaginationStyle } from '../../common/pagination';
import type { PathParams } from '../../common/requestPath';
import { ghlTransport } from '../transport';
import { recordsAt, lookupLocation } from './shared';

interface RecordList {
	method?: IHttpRequestMethods;
	path: string;
	scopes: string[];
	/** The path parameters, query and body of the first page, for a location; undefined when there is nothing to list yet. */
	request(locationId: string, ctx: ILoadOptionsFunctions): { pathParams?: PathParams; qs?: IDataObject; body?: IDataObject } | undefined;
	itemsKey: string;
	/** Set when the endpoint pages; the paging parameters go where the style says. */
	pagination?: PaginationStyle;
	/** The parameter the endpoint matches text with; without one, the page is filtered here. */
	searchKey?: string;
	label(record: IDataObject): string;
	id?(record: IDataObject): string;
}

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));
const firstOf = (...values: unknown[]): string => values.map(text).find((v) => v.trim() !== '') ?? '';
const recordId = (record: IDataObject): string => firstOf(record.id, record._id);

/** The paging part of the next page's parameters: what differs from the first page's own. */
function pagingToken(next: IDataObject, start: IDataObject): string {
	const paging: IDataObject = {};
	for (const [key, value] of Object.entries(next)) {
		if (JSON.stringify(value) !== JSON.stringify(start[key])) paging[key] = value;
	}
	return JSON.stringify(paging);
}

function parseToken(token: string): IDataObject {
	try {
		const parsed = JSON.parse(token) as unknown;
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as IDataObject) : {};
	} catch {
		return {};
	}
}

async function searchRecords(
	ctx: ILoadOptionsFunctions,
	list: RecordList,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const locationId = await lookupLocation(ctx);
	const first = list.request(locationId, ctx);
	if (!first) return { results: [] };
	const where = list.pagination ? pagingIn(list.pagination) : 'query';
	const search = filter?.trim() ?? '';
	const start: IDataObject = { ...((where === 'body' ? first.body : first.qs) ?? {}) };
	if (search !== '' && list.searchKey) start[list.searchKey] = search;
	let query = start;
	if (paginationToken) query = { ...start, ...parseToken(paginationToken) };
	else if (list.pagination) query = firstPageQuery(list.pagination, start);

	const body = await ghlTransport.call(ctx, {
		method: list.method ?? 'GET',
		path: list.path,
		pathParams: first.pathParams,
		qs: where === 'query' ? query : first.qs,
		body: where === 'body' ? query : first.body,
		scopes: list.scopes,
		// Every list is a read, also the POST searches.
		idempotent: true,
	});
	const page = list.pagination ? readPage(list.pagination, query, body) : { items: recordsAt(body, list.itemsKey), next: undefined };
	const idOf = list.id ?? recordId;
	let results = page.items.map((record) => {
		const value = idOf(record);
		return { name: list.label(record) || value, value };
	});
	if (search !== '' && !list.searchKey) {
		const wanted = search.toLowerCase();
		results = results.filter((r) => r.name.toLowerCase().includes(wanted) || r.value.toLowerCase().includes(wanted));
	}
	return { results, paginationToken: page.next ? pagingToken(page.next, start) : undefined };
}

const altLocation = (locationId: string) => ({ qs: { altId: locationId, altType: 'location' } });

/** "Name (detail, detail)", leaving out what is empty. */
function labelled(name: string, ...details: unknown[]): string {
	const shown = details.map(text).filter((d) => d.trim() !== '');
	return shown.length > 0 && name !== '' ? `${name} (${shown.join(', ')})` : name;
}

/** The lists below a contact: nothing to list until a Contact ID is chosen (an expression cannot be resolved here). */
function belowChosenContact(ctx: ILoadOptionsFunctions): { pathParams: PathParams } | undefined {
	const contactId = text(ctx.getCurrentNodeParameter('contactId', { extractValue: true })).trim();
	return contactId === '' || contactId.startsWith('=') ? undefined : { pathParams: { contactId } };
}

const contactName = (c: IDataObject): string => {
	const name = firstOf(c.contactName, c.name, [c.firstName, c.lastName].filter(Boolean).join(' '));
	const email = text(c.email);
	if (name === '') return firstOf(email, c.phone);
	return email !== '' && email !== name ? `${name} (${email})` : name;
};

const LISTS = {
	// GET /contacts/ is deprecated in HighLevel's spec ("use Search Contacts").
	contacts: {
		method: 'POST',
		path: '/contacts/search',
		scopes: ['contacts.readonly'],
		request: (locationId) => ({ body: { locationId } }),
		itemsKey: 'contacts',
		pagination: { type: 'ghlSearch', itemsKey: 'contacts', pageSize: 50, in: 'body' },
		searchKey: 'query',
		label: contactName,
	},
	users: {
		path: '/users/',
		scopes: ['users.readonly'],
		request: (locationId) => ({ qs: { locationId } }),
		itemsKey: 'users',
		label: (u) => labelled(firstOf(u.name, [u.firstName, u.lastName].filter(Boolean).join(' '), u.email), u.email !== u.name ? u.email : ''),
	},
	opportunities: {
		path: '/opportunities/search',
		scopes: ['opportunities.readonly'],
		request: (locationId) => ({ qs: { location_id: locationId } }),
		itemsKey: 'opportunities',
		pagination: { type: 'ghlCursor', itemsKey: 'opportunities', pageSize: 100 },
		searchKey: 'q',
		label: (o) => labelled(text(o.name), (o.contact as IDataObject | undefined)?.name, o.status),
	},
	invoices: {
		path: '/invoices/',
		scopes: ['invoices.readonly'],
		request: altLocation,
		itemsKey: 'invoices',
		pagination: { type: 'offset', itemsKey: 'invoices', pageSize: 100, totalKey: 'total' },
		searchKey: 'search',
		label: (i) => (text(i.name) !== '' ? labelled(text(i.name), i.invoiceNumber, i.status) : labelled(text(i.invoiceNumber), i.status)),
	},
	invoiceSchedules: {
		path: '/invoices/schedule',
		scopes: ['invoices/schedule.readonly'],
		request: altLocation,
		itemsKey: 'schedules',
		pagination: { type: 'offset', itemsKey: 'schedules', pageSize: 100, totalKey: 'total' },
		searchKey: 'search',
		label: (s) => labelled(text(s.name), s.status),
	},
	invoiceTemplates: {
		path: '/invoices/template',
		scopes: ['invoices/template.readonly'],
		request: altLocation,
		itemsKey: 'data',
		pagination: { type: 'offset', itemsKey: 'data', pageSize: 100, totalKey: 'totalCount' },
		searchKey: 'search',
		label: (t) => text(t.name),
	},
	estimates: {
		path: '/invoices/estimate/list',
		scopes: [],
		request: altLocation,
		itemsKey: 'estimates',
		pagination: { type: 'offset', itemsKey: 'estimates', pageSize: 100, totalKey: 'total' },
		searchKey: 'search',
		label: (e) =>
			text(e.name) !== '' ? labelled(text(e.name), e.estimateNumber, e.estimateStatus ?? e.status) : labelled(text(e.estimateNumber), e.estimateStatus ?? e.status),
	},
	estimateTemplates: {
		path: '/invoices/estimate/template',
		scopes: [],
		request: altLocation,
		itemsKey: 'data',
		pagination: { type: 'offset', itemsKey: 'data', pageSize: 100, totalKey: 'totalCount' },
		searchKey: 'search',
		label: (t) => text(t.name),
	},
	documents: {
		path: '/proposals/document',
		scopes: [],
		request: (locationId) => ({ qs: { locationId } }),
		itemsKey: 'documents',
		pagination: { type: 'skip', itemsKey: 'documents', pageSize: 100, totalKey: 'total' },
		searchKey: 'query',
		label: (d) => labelled(text(d.name), d.status),
	},
	customFields: {
		path: '/locations/{locationId}/customFields',
		scopes: ['locations/customFields.readonly'],
		request: (locationId) => ({ pathParams: { locationId }, qs: { model: 'all' } }),
		itemsKey: 'customFields',
		label: (f) => labelled(text(f.name), f.model, f.fieldKey),
	},
	customValues: {
		path: '/locations/{locationId}/customValues',
		scopes: ['locations/customValues.readonly'],
		request: (locationId) => ({ pathParams: { locationId } }),
		itemsKey: 'customValues',
		label: (v) => labelled(text(v.name), v.fieldKey),
	},
	tags: {
		path: '/locations/{locationId}/tags',
		scopes: ['locations/tags.readonly'],
		request: (locationId) => ({ pathParams: { locationId } }),
		itemsKey: 'tags',
		label: (t) => text(t.name),
	},
	notes: {
		path: '/contacts/{contactId}/notes',
		scopes: ['contacts.readonly'],
		request: (_locationId, ctx) => belowChosenContact(ctx),
		itemsKey: 'notes',
		label: (n) => {
			const body = text(n.body).replace(/\s+/g, ' ').trim();
			return body.length > 60 ? `${body.slice(0, 60)}…` : body;
		},
	},
	tasks: {
		path: '/contacts/{contactId}/tasks',
		scopes: ['contacts.readonly'],
		request: (_locationId, ctx) => belowChosenContact(ctx),
		itemsKey: 'tasks',
		label: (t) => labelled(text(t.title), t.completed === true ? 'completed' : ''),
	},
} satisfies Record<string, RecordList>;

type ListName = keyof typeof LISTS;

function searchMethod(name: ListName) {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		return await searchRecords(this, LISTS[name], filter, paginationToken);
	};
}

export const searchContacts = searchMethod('contacts');
export const searchUsers = searchMethod('users');
export const searchOpportunities = searchMethod('opportunities');
export const searchInvoices = searchMethod('invoices');
export const searchInvoiceSchedules = searchMethod('invoiceSchedules');
export const searchInvoiceTemplates = searchMethod('invoiceTemplates');
export const searchEstimates = searchMethod('estimates');
export const searchEstimateTemplates = searchMethod('estimateTemplates');
export const searchDocuments = searchMethod('documents');
export const searchCustomFields = searchMethod('customFields');
export const searchCustomValues = searchMethod('customValues');
export const searchTags = searchMethod('tags');
export const searchNotes = searchMethod('notes');
export const searchTasks = searchMethod('tasks');
