/**
 * How far along a 17hats record's status is (rendered in docs/mapping.md). A sync never moves a status
 * back (a late or repeated GHL event, e.g. InvoiceSent after InvoicePaid):
 * the current status is kept and the item gets a warning. Statuses on the
 * same step may replace each other. A terminal status may follow any status,
 * and once a record has one, only another terminal status replaces it.
 */
export interface StatusRank {
	/** Heading in docs/mapping.md. */
	title: string;
	/** Steps from least to most advanced; each step lists statuses of equal rank. */
	steps: string[][];
	/** Statuses that can legitimately follow any other (void, cancelled, refunded). */
	terminal: string[];
}

export type RankedRecord = 'document' | 'contract' | 'invoice';

export const STATUS_RANKS: Record<RankedRecord, StatusRank> = {
	document: {
		title: '17hats document',
		steps: [['draft'], ['sent'], ['viewed'], ['accepted', 'declined'], ['completed']],
		terminal: ['void'],
	},
	contract: {
		title: '17hats contract',
		steps: [['draft'], ['sent'], ['signed'], ['active'], ['completed']],
		terminal: ['cancelled', 'void'],
	},
	invoice: {
		title: '17hats invoice',
		steps: [['draft'], ['sent'], ['past_due'], ['partially_paid'], ['paid']],
		terminal: ['void', 'refunded'],
	},
};

function stepOf(rank: StatusRank, status: string): number | undefined {
	const index = rank.steps.findIndex((step) => step.includes(status));
	return index === -1 ? undefined : index;
}

/**
 * True when moving a record from `from` to `to` would take its status back.
 * Unknown statuses are never a downgrade (17hats may know more than the map).
 */
export function isStatusDowngrade(rank: StatusRank, from: unknown, to: unknown): boolean {
	if (typeof from !== 'string' || typeof to !== 'string' || from === to) return false;
	if (rank.terminal.includes(to)) return false;
	if (rank.terminal.includes(from)) return stepOf(rank, to) !== undefined;
	const a = stepOf(rank, from);
	const b = stepOf(rank, to);
	return a !== undefined && b !== undefined && b < a;
}
