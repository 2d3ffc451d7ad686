/**
 * How the GHL Poll Trigger reads each resource, through the shared GHL
 * transport (rate limits, 429/5xx retries, errors):
 * - documents: GET /proposals/document, every page (skip/limit);
 * - invoices:  GET /invoices/, every page (offset/limit);
 * - contacts:  POST /contacts/search sorted by dateUpdated (newest first),
 *              pages until the records are older than the watermark.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { Transport } from '../../common/transport';
import { CONTACT_OVERLAP_MS, toMs, type PollRecord, type PollResource } from './diff';

export const PAGE_SIZE = 100;
/** Safety stop for one poll of contacts (100 pages of 100). */
const MAX_CONTACT_PAGES = 100;

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
}

export async function fetchRecords(
	ctx: IPollFunctions,
	transport: Transport,
	resource: PollResource,
	options: FetchOptions,
): Promise<PollRecord[]> {
	if (resource === 'document') {
		const items = await transport.all(
			ctx,
			{ method: 'GET', path: '/proposals/document', qs: { locationId: options.locationId } },
			{ type: 'skip', itemsKey: 'documents', pageSize: Math.min(PAGE_SIZE, options.limit ?? PAGE_SIZE), totalKey: 'total' },
			options.limit,
		);
		return items.map(documentRecord).filter((r) => r.id !== '');
	}
	if (resource === 'invoice') {
		const items = await transport.all(
			ctx,
			{
				method: 'GET',
				path: '/invoices/',
				qs: { altId: options.locationId, altType: 'location', sortField: 'issueDate', sortOrder: 'descend' },
				scopes: ['invoices.readonly'],
			},
			{ type: 'offset', itemsKey: 'invoices', pageSize: Math.min(PAGE_SIZE, options.limit ?? PAGE_SIZE), totalKey: 'total' },
			options.limit,
		);
		return items.map(invoiceRecord).filter((r) => r.id !== '');
	}
	return await fetchContacts(ctx, transport, options);
}

async function fetchContacts(ctx: IPollFunctions, transport: Transport, options: FetchOptions): Promise<PollRecord[]> {
	const pageLimit = Math.min(PAGE_SIZE, options.limit ?? PAGE_SIZE);
	const threshold = options.since !== undefined ? options.since - CONTACT_OVERLAP_MS : undefined;
	const out: PollRecord[] = [];
	let page = 1;
	let searchAfter: unknown[] | undefined;
	for (let n = 0; n < MAX_CONTACT_PAGES; n++) {
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
		});
		const contacts = (Array.isArray(response.contacts) ? response.contacts : []) as IDataObject[];
		let reachedOld = false;
		for (const raw of contacts) {
			const record = contactRecord(raw);
			if (record.id === '') continue;
			if (threshold !== undefined && (record.updatedAt ?? 0) < threshold) {
				reachedOld = true;
				break;
			}
			out.push(record);
			if (options.limit !== undefined && out.length >= options.limit) return out;
		}
		if (reachedOld || threshold === undefined || contacts.length < pageLimit) break;
		const last = contacts[contacts.length - 1];
		searchAfter = Array.isArray(last.searchAfter) ? (last.searchAfter as unknown[]) : undefined;
		page += 1;
	}
	return out;
}
