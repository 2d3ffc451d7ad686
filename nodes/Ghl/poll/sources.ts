/**
 * How the GHL Poll Trigger reads each resource, through the shared GHL
 * transport (rate limits, 429/5xx retries, errors):
 * - documents: GET /proposals/document (skip/limit) and
 * - invoices:  GET /invoices/ (offset/limit): neither can be sorted or
 *              filtered by update time (the spec offers issueDate / a date
 *              range of creation only), so no page can be skipped; a poll reads
 *              at most `maxPages` pages from where the last one stopped and
 *              hands the next offset back (a sweep over several polls);
 * - contacts:  POST /contacts/search sorted by dateUpdated (newest first),
 *              pages until the records are older than the watermark, at most
 *              `maxPages`; a walk stopped by the cap leaves a cursor (backlog)
 *              that the next poll finishes.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { readPage, type PaginationStyle } from '../../common/pagination';
import type { Transport } from '../../common/transport';
import { CONTACT_OVERLAP_MS, toMs, type ContactBacklog, type PollRecord, type PollResource } from './diff';

export const PAGE_SIZE = 100;
/** Default for the node's Max Pages Per Poll (requests per poll, 100 records each). */
export const DEFAULT_MAX_PAGES = 20;

function text(value: unknown): string | undefined {
	if (Array.isArray(value)) return value.length > 0 ? String(value[value.length - 1]) : undefined;
	return value === undefined || value === null || value === '' ? undefined : String(value);
}

export function documentRecord(raw: IDataObject): PollRecord {
	return {
		id: String(raw._id ?? raw.id ?? raw.documentId ?? ''),
		createdAt: toMs(raw.createdAt),
		updatedAt: toMs(raw.updatedAt),
		// The spec types status as an array of one; the API answers a string.
		status: text(raw.status),
		paymentStatus: text(raw.paymentStatus),
		type: text(raw.type),
		locationId: text(raw.locationId),
		raw,
	};
}

export function invoiceRecord(raw: IDataObject): PollRecord {
	return {
		id: String(raw._id ?? raw.id ?? ''),
		createdAt: toMs(raw.createdAt),
		updatedAt: toMs(raw.updatedAt),
		status: text(raw.status),
		locationId: text(raw.altType === 'location' || raw.altType === undefined ? raw.altId : undefined),
		raw,
	};
}

export function contactRecord(raw: IDataObject): PollRecord {
	return {
		id: String(raw.id ?? raw._id ?? ''),
		createdAt: toMs(raw.dateAdded),
		updatedAt: toMs(raw.dateUpdated ?? raw.dateAdded),
		locationId: text(raw.locationId),
		raw,
	};
}

export interface FetchOptions {
	locationId: string;
	/** Contacts: read back to this time (ms); undefined = only the newest page. */
	since?: number;
	/** At most this many records (manual samples). */
	limit?: number;
	/** At most this many requests (pages); default DEFAULT_MAX_PAGES. */
	maxPages?: number;
	/** Documents / invoices: the offset to start reading at (carried over from the last poll). */
	offset?: number;
	/** Contacts: an unfinished walk of an earlier poll. */
	backlog?: ContactBacklog;
}

export interface FetchResult {
	records: PollRecord[];
	/** Documents / invoices: where the next poll goes on (0 = the list was read to its end). */
	nextOffset?: number;
	/** Contacts: what the page cap left unread (undefined = nothing). */
	backlog?: ContactBacklog;
	/** Whether the page cap stopped the reading. */
	capped: boolean;
}

function maxPagesOf(options: FetchOptions): number {
	const n = Math.floor(Number(options.maxPages ?? DEFAULT_MAX_PAGES));
	return Number.isFinite(n) && n >= 1 ? n : DEFAULT_MAX_PAGES;
}

/** Reads up to `maxPages` pages of an offset/skip list from `offset` on. */
async function readListPages(
	ctx: IPollFunctions,
	transport: Transport,
	req: { path: string; qs: IDataObject; scopes?: string[] },
	style: Extract<PaginationStyle, { type: 'offset' | 'skip' }>,
	options: FetchOptions,
): Promise<{ items: IDataObject[]; nextOffset: number; capped: boolean }> {
	const maxPages = maxPagesOf(options);
	const items: IDataObject[] = [];
	let query: IDataObject | undefined = { ...req.qs, [style.type]: Math.max(0, options.offset ?? 0), limit: style.pageSize };
	for (let n = 0; n < maxPages && query; n++) {
		const body = await transport.call(ctx, { method: 'GET', path: req.path, qs: query, scopes: req.scopes });
		const page = readPage(style, query, body);
		items.push(...page.items);
		if (options.limit !== undefined && items.length >= options.limit) {
			return { items: items.slice(0, options.limit), nextOffset: 0, capped: false };
		}
		query = page.next;
	}
	if (!query) return { items, nextOffset: 0, capped: false };
	return { items, nextOffset: Number(query[style.type] ?? 0), capped: true };
}

export async function fetchRecords(
	ctx: IPollFunctions,
	transport: Transport,
	resource: PollResource,
	options: FetchOptions,
): Promise<FetchResult> {
	const pageSize = Math.min(PAGE_SIZE, options.limit ?? PAGE_SIZE);
	if (resource === 'document') {
		const read = await readListPages(
			ctx,
			transport,
			{ path: '/proposals/document', qs: { locationId: options.locationId } },
			{ type: 'skip', itemsKey: 'documents', pageSize, totalKey: 'total' },
			options,
		);
		return { records: read.items.map(documentRecord).filter((r) => r.id !== ''), nextOffset: read.nextOffset, capped: read.capped };
	}
	if (resource === 'invoice') {
		const read = await readListPages(
			ctx,
			transport,
			{
				path: '/invoices/',
				qs: { altId: options.locationId, altType: 'location', sortField: 'issueDate', sortOrder: 'descend' },
				scopes: ['invoices.readonly'],
			},
			{ type: 'offset', itemsKey: 'invoices', pageSize, totalKey: 'total' },
			options,
		);
		return { records: read.items.map(invoiceRecord).filter((r) => r.id !== ''), nextOffset: read.nextOffset, capped: read.capped };
	}
	return await fetchContacts(ctx, transport, options);
}

interface ContactWalk {
	records: PollRecord[];
	pages: number;
	/** Set when the page cap stopped the walk before its floor or the list's end. */
	resume?: Pick<ContactBacklog, 'searchAfter' | 'page'>;
}

/** Walks the search newest change first from `from` (or the top) down to `floor`, at most `pages` pages. */
async function walkContacts(
	ctx: IPollFunctions,
	transport: Transport,
	options: FetchOptions,
	from: Pick<ContactBacklog, 'searchAfter' | 'page'> | undefined,
	floor: number | undefined,
	pages: number,
	out: PollRecord[],
): Promise<ContactWalk> {
	const pageLimit = Math.min(PAGE_SIZE, options.limit ?? PAGE_SIZE);
	const records: PollRecord[] = [];
	let searchAfter = Array.isArray(from?.searchAfter) ? from.searchAfter : undefined;
	let page = searchAfter ? undefined : Number(from?.page ?? 1);
	let n = 0;
	while (n < pages) {
		const body: IDataObject = {
			locationId: options.locationId,
			pageLimit,
			sort: [{ field: 'dateUpdated', direction: 'desc' }],
			...(searchAfter ? { searchAfter } : { page }),
		};
		const response = await transport.call<IDataObject>(ctx, {
			method: 'POST',
			path: '/contacts/search',
			body,
			scopes: ['contacts.readonly'],
			// A search reads only: safe to retry after a timeout or a 5xx.
			idempotent: true,
		});
		n++;
		const contacts = (Array.isArray(response.contacts) ? response.contacts : []) as IDataObject[];
		for (const raw of contacts) {
			const record = contactRecord(raw);
			if (record.id === '') continue;
			if (floor !== undefined && (record.updatedAt ?? 0) < floor) return { records, pages: n };
			records.push(record);
			out.push(record);
			if (options.limit !== undefined && out.length >= options.limit) return { records, pages: n };
		}
		if (floor === undefined || contacts.length < pageLimit) return { records, pages: n };
		const last = contacts[contacts.length - 1];
		if (Array.isArray(last.searchAfter)) {
			searchAfter = last.searchAfter as unknown[];
			page = undefined;
		} else {
			searchAfter = undefined;
			page = (page ?? 1) + 1;
		}
	}
	return { records, pages: n, resume: searchAfter ? { searchAfter } : { page } };
}

/**
 * Contacts changed since the watermark, newest first. An earlier poll's
 * unfinished walk (backlog) goes on first, so every poll makes progress even
 * when more contacts change between polls than the pages allow; with the
 * pages left, the newest changes down to the watermark. A walk stopped by the
 * cap leaves its cursor and floor as the backlog for the next poll.
 */
async function fetchContacts(ctx: IPollFunctions, transport: Transport, options: FetchOptions): Promise<FetchResult> {
	const maxPages = maxPagesOf(options);
	const floor = options.since !== undefined ? options.since - CONTACT_OVERLAP_MS : undefined;
	const out: PollRecord[] = [];
	let pages = maxPages;
	const earlier = floor !== undefined ? options.backlog : undefined;
	if (earlier) {
		const rest = await walkContacts(ctx, transport, options, earlier, earlier.floor, pages, out);
		if (rest.resume) return { records: out, backlog: { ...rest.resume, floor: earlier.floor }, capped: true };
		pages -= rest.pages;
		// The backlog took every page: the newest changes wait for the next poll (nothing is lost,
		// the watermark has not moved).
		if (pages <= 0) return { records: out, capped: false };
	}
	const top = await walkContacts(ctx, transport, options, undefined, floor, pages, out);
	if (top.resume && floor !== undefined) return { records: out, backlog: { ...top.resume, floor }, capped: true };
	return { records: out, capped: false };
}
