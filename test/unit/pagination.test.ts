import { firstPageQuery, paginate, readPage, type PaginationStyle } from '../../nodes/common/pagination';

function pages<T>(responses: T[]) {
	const queries: Record<string, unknown>[] = [];
	let i = 0;
	return {
		queries,
		fetch: async (q: Record<string, unknown>) => {
			queries.push(q);
			return responses[i++];
		},
	};
}

describe('pagination styles', () => {
	it('ghlCursor sends startAfterId and startAfter back and keeps the filters', async () => {
		const style: PaginationStyle = { type: 'ghlCursor', itemsKey: 'contacts', pageSize: 2 };
		const p = pages([
			{ contacts: [{ id: 1 }, { id: 2 }], meta: { startAfterId: '2', startAfter: 20 } },
			{ contacts: [{ id: 3 }], meta: { startAfterId: '3', startAfter: 30 } },
		]);
		const items = await paginate(style, { locationId: 'L', query: 'x' }, p.fetch);
		expect(items).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
		expect(p.queries).toEqual([
			{ locationId: 'L', query: 'x', limit: 2 },
			{ locationId: 'L', query: 'x', limit: 2, startAfterId: '2', startAfter: 20 },
		]);
	});

	it('offset walks by the items seen until total', async () => {
		const style: PaginationStyle = { type: 'offset', itemsKey: 'invoices', pageSize: 2 };
		const p = pages([
			{ invoices: [{}, {}], total: 5 },
			{ invoices: [{}, {}], total: 5 },
			{ invoices: [{}], total: 5 },
		]);
		const items = await paginate(style, { altId: 'L', status: 'paid' }, p.fetch);
		expect(items).toHaveLength(5);
		expect(p.queries.map((q) => q.offset)).toEqual([0, 2, 4]);
		expect(p.queries.every((q) => q.altId === 'L' && q.status === 'paid' && q.limit === 2)).toBe(true);
	});

	it('skip works like offset under its own name', async () => {
		const style: PaginationStyle = { type: 'skip', itemsKey: 'documents', pageSize: 2 };
		const p = pages([{ documents: [{}, {}], total: 3 }, { documents: [{}], total: 3 }]);
		await paginate(style, { locationId: 'L' }, p.fetch);
		expect(p.queries.map((q) => q.skip)).toEqual([0, 2]);
	});

	it('page counts pages and stops at total', async () => {
		const style: PaginationStyle = { type: 'page', itemsKey: 'contacts', pageSize: 2 };
		const p = pages([{ contacts: [{}, {}], total: 3 }, { contacts: [{}], total: 3 }]);
		const items = await paginate(style, {}, p.fetch);
		expect(items).toHaveLength(3);
		expect(p.queries.map((q) => q.page)).toEqual([1, 2]);
		expect(p.queries.every((q) => q.pageLimit === 2)).toBe(true);
	});

	it('hatsCursor follows next_cursor until null', async () => {
		const style: PaginationStyle = { type: 'hatsCursor', itemsKey: 'data', pageSize: 100 };
		const p = pages([
			{ data: [{ id: 'a' }], next_cursor: 'c2' },
			{ data: [{ id: 'b' }], next_cursor: null },
		]);
		expect(await paginate(style, { email: 'x@y.z' }, p.fetch)).toEqual([{ id: 'a' }, { id: 'b' }]);
		expect(p.queries[1]).toEqual({ email: 'x@y.z', limit: 100, cursor: 'c2' });
	});

	it('stops at the limit and on a repeated cursor', async () => {
		const style: PaginationStyle = { type: 'hatsCursor', itemsKey: 'data', pageSize: 2 };
		const p = pages([{ data: [{}, {}], next_cursor: 'same' }, { data: [{}, {}], next_cursor: 'same' }, { data: [{}], next_cursor: 'same' }]);
		expect(await paginate(style, {}, p.fetch, 3)).toHaveLength(3);
		const loop = pages([{ data: [{}], next_cursor: 'same' }, { data: [{}], next_cursor: 'same' }, { data: [{}], next_cursor: 'same' }]);
		expect(await paginate(style, {}, loop.fetch)).toHaveLength(2);
	});

	it('reads nothing from a malformed page instead of throwing', () => {
		const style: PaginationStyle = { type: 'offset', itemsKey: 'invoices', pageSize: 10 };
		expect(readPage(style, firstPageQuery(style, {}), 'oops')).toEqual({ items: [] });
	});
});
