/**
 * The two-way conflict rule: a field that differs between the two sides is
 * taken from the side whose record changed last, each by its own update time
 * (17hats `updated_at`, GHL `dateUpdated`/`updatedAt`); a tie goes to GHL.
 * The forward sync needs no rule of its own: the reverse sync stamps GHL's
 * update time after each write (metadata.ghl_updated_at), so a GHL event older
 * than a 17hats edit that reached GHL is skipped as stale (freshness.ts).
 */
export type Winner = 'hats' | 'ghl';

function ms(value: unknown): number | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const t = typeof value === 'number' ? value : Date.parse(value);
	return Number.isNaN(t) ? undefined : t;
}

/** Which side's values win the fields that differ. Unknown times: 17hats (the event being synced). */
export function newerSide(hatsUpdatedAt: unknown, ghlUpdatedAt: unknown): Winner {
	const h = ms(hatsUpdatedAt);
	const g = ms(ghlUpdatedAt);
	if (h === undefined || g === undefined) return 'hats';
	return g >= h ? 'ghl' : 'hats';
}
