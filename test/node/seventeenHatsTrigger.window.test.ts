/**
 * The trigger's memory bounds (nodes/common/changeWindow.ts) and what the
 * detection decides once an entry has been dropped: the parts a sandbox run
 * cannot reach without waiting out the overlap.
 */
import { advance, newWindow, remember, type ChangeWindow } from '../../nodes/common/changeWindow';
import { diffRecords, type ReadRecord } from '../../nodes/SeventeenHats/trigger/events';

const T = Date.parse('2026-01-01T00:00:00.000Z');
const MIN = 60_000;

function invoice(id: string, u: number, status: string, c: number, createdAt = T - 60 * MIN): ReadRecord {
	return { id, createdAt, updatedAt: u, status, statusChangedAt: c, raw: { invoice_id: id, status } };
}

describe('change window', () => {
	it('drops what the list can no longer return and keeps at most maxEntries, moving the horizon to them', () => {
		const w: ChangeWindow = newWindow('k', T);
		for (let i = 0; i < 10; i++) remember(w, `r${i}`, { u: T + i * MIN });
		advance(w, T + 9 * MIN, { overlapMs: 5 * MIN });
		expect(w.horizon).toBe(T + 4 * MIN);
		expect(Object.keys(w.seen).sort()).toEqual(['r4', 'r5', 'r6', 'r7', 'r8', 'r9']);
		// Ties at the cut all stay.
		remember(w, 'tie', { u: T + 7 * MIN });
		advance(w, undefined, { overlapMs: 5 * MIN, maxEntries: 3 });
		expect(w.horizon).toBe(T + 7 * MIN);
		expect(Object.keys(w.seen).sort()).toEqual(['r7', 'r8', 'r9', 'tie']);
	});

	it('a status change after the entry was dropped is still reported once; an old stamp is not', () => {
		const w: ChangeWindow = { key: 'k', horizon: T, seen: {} };
		const filters = { events: ['paid', 'voided'], statuses: [] };
		// Paid after the horizon, no memory of it: reported (previous unknown).
		const first = diffRecords('invoice', [invoice('inv_a', T + MIN, 'paid', T + MIN)], w, filters, T + 2 * MIN);
		expect(first.events).toMatchObject([{ event: 'InvoicePaid', id: 'inv_a', previous: null }]);
		// Edited again, same status stamp: nothing.
		expect(diffRecords('invoice', [invoice('inv_a', T + 2 * MIN, 'paid', T + MIN)], w, filters, T + 3 * MIN).events).toEqual([]);
		// Paid long ago (stamp before the horizon), edited now, no memory: not a payment.
		expect(diffRecords('invoice', [invoice('inv_b', T + 3 * MIN, 'paid', T - 30 * MIN)], w, filters, T + 4 * MIN).events).toEqual([]);
	});
});
