/**
 * The pagination styles the two APIs use. Each style says how to read one
 * page and which query the next page needs; `paginate` walks them all the
 * same way and keeps every other query parameter on every page (the built-in
 * HighLevel node loses `locationId` and filters after page 1).
 */
import type { IDataObject } from 'n8n-workflow';

export type PaginationStyle =
	/** GHL contacts list: `meta.startAfterId` + `meta.startAfter`, both sent back. */
	| { type: 'ghlCursor'; itemsKey: string; pageSize: number }
	/** GHL invoices & friends: `offset` / `limit`, `total` in the body. */
	| { type: 'offset'; itemsKey: string; pageSize: number; totalKey?: string }
	/** GHL documents: `skip` / `limit`, `total` in the body. */
	| { type: 'skip'; itemsKey: string; pageSize: number; totalKey?: string }
	/** GHL search: `page` / `pageLimit`, `total` in the body. */
	| { type: 'page'; itemsKey: string; pageSize: number; pageKey?: string; limitKey?: string; totalKey?: string }
	/**
	 * GHL contact search (POST body): `page` / `pageLimit` in the body; when the
	 * items carry `searchAfter`, the next page is asked for with the last one
	 * (works past HighLevel's 10,000-result page limit).
	 */
	| { type: 'ghlSearch'; itemsKey: string; pageSize: number; totalKey?: string; in: 'body' }
	/** 17hats: `cursor` / `next_cursor`, `data` holds the items. */
	| { type: 'hatsCursor'; itemsKey: string; pageSize: number };

export interface Page {
	items: IDataObject[];
	/** The query for the next page, or undefined when this was the last one. */
	next?: IDataObject;
}

function getPath(body: unknown, path: string): unknown {
	let current: unknown = body;
	for (const key of path.split('.')) {
		if (!current || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

/** The query for the first page of a style. */
export function firstPageQuery(style: PaginationStyle, query: IDataObject): IDataObject {
	switch (style.type) {
		case 'ghlCursor':
			return { ...query, limit: style.pageSize };
		case 'offset':
			return { ...query, offset: 0, limit: style.pageSize };
		case 'skip':
			return { ...query, skip: 0, limit: style.pageSize };
		case 'page':
			return { ...query, [style.pageKey ?? 'page']: 1, [style.limitKey ?? 'pageLimit']: style.pageSize };
		case 'ghlSearch': {
			// A caller-given searchAfter starts there; otherwise page 1.
			if (Array.isArray(query.searchAfter)) return { ...query, pageLimit: style.pageSize };
			return { ...query, page: query.page ?? 1, pageLimit: style.pageSize };
		}
		case 'hatsCursor':
			return { ...query, limit: style.pageSize };
	}
}

/** Where a style's paging parameters go: the query string (default) or the request body. */
export function pagingIn(style: PaginationStyle): 'query' | 'body' {
	return 'in' in style && style.in === 'body' ? 'body' : 'query';
}

/** Reads one page's items and works out the next query from the response. */
export function readPage(style: PaginationStyle, query: IDataObject, body: unknown): Page {
	const raw = getPath(body, style.itemsKey);
	const items = Array.isArray(raw) ? (raw as IDataObject[]) : [];
	const full = items.length >= style.pageSize;
	switch (style.type) {
		case 'ghlCursor': {
			const meta = (getPath(body, 'meta') ?? {}) as IDataObject;
			const startAfterId = meta.startAfterId;
			const startAfter = meta.startAfter;
			if (!full || startAfterId === undefined || startAfterId === null || startAfterId === '') return { items };
			return { items, next: { ...query, startAfterId, startAfter } };
		}
		case 'offset':
		case 'skip': {
			const key = style.type;
			const position = Number(query[key] ?? 0) + items.length;
			const total = Number(getPath(body, style.totalKey ?? 'total'));
			const more = Number.isFinite(total) ? position < total && items.length > 0 : full;
			return more ? { items, next: { ...query, [key]: position } } : { items };
		}
		case 'page': {
			const pageKey = style.pageKey ?? 'page';
			const page = Number(query[pageKey] ?? 1);
			const total = Number(getPath(body, style.totalKey ?? 'total'));
			const seen = (page - 1) * style.pageSize + items.length;
			const more = Number.isFinite(total) ? seen < total && items.length > 0 : full;
			return more ? { items, next: { ...query, [pageKey]: page + 1 } } : { items };
		}
		case 'ghlSearch': {
			if (!full) return { items };
			const total = Number(getPath(body, style.totalKey ?? 'total'));
			const last = items[items.length - 1];
			if (Array.isArray(last?.searchAfter) && last.searchAfter.length > 0) {
				const rest = { ...query };
				delete rest.page;
				return { items, next: { ...rest, searchAfter: last.searchAfter } };
			}
			if (Array.isArray(query.searchAfter)) return { items };
			const page = Number(query.page ?? 1);
			const seen = (page - 1) * style.pageSize + items.length;
			if (Number.isFinite(total) && seen >= total) return { items };
			return { items, next: { ...query, page: page + 1 } };
		}
		case 'hatsCursor': {
			const cursor = getPath(body, 'next_cursor');
			return typeof cursor === 'string' && cursor !== '' ? { items, next: { ...query, cursor } } : { items };
		}
	}
}

/**
 * Walks pages until the API says there are no more or `limit` items are in
 * hand. `fetchPage` does the HTTP (and so the retries and rate limiting).
 */
export async function paginate(
	style: PaginationStyle,
	query: IDataObject,
	fetchPage: (query: IDataObject) => Promise<unknown>,
	limit?: number,
): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	let next: IDataObject | undefined = firstPageQuery(style, query);
	// A guard against an API that keeps answering with the same cursor.
	const seenCursors = new Set<string>();
	while (next) {
		const key = JSON.stringify(next);
		if (seenCursors.has(key)) break;
		seenCursors.add(key);
		const page = readPage(style, next, await fetchPage(next));
		out.push(...page.items);
		if (limit !== undefined && out.length >= limit) return out.slice(0, limit);
		next = page.next;
	}
	return out;
}
