/**
 * The "never go back" rule for every synced record (contacts, documents,
 * contracts, invoices): a 17hats record remembers in `metadata.ghl_updated_at`
 * the update time of the GHL record it was last written from, and a GHL
 * record older than that (a late or replayed event) changes nothing. Events
 * that carry the same time (GHL's invoice examples) are still kept from
 * moving a status back by the status order (statusOrder.ts).
 */
import type { IDataObject } from 'n8n-workflow';

/** Metadata key holding the GHL update time a 17hats record was last written from. */
export const GHL_UPDATED_AT_KEY = 'ghl_updated_at';

function timeOf(value: unknown): number | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}

/** The GHL update time stored on a 17hats record, if any. */
export function syncedGhlUpdatedAt(current: IDataObject): string | undefined {
	const metadata = current.metadata;
	if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return undefined;
	const value = (metadata as IDataObject)[GHL_UPDATED_AT_KEY];
	return timeOf(value) === undefined ? undefined : (value as string);
}

/** True when the GHL record (updated at `ghlUpdatedAt`) is older than the one `current` was last synced from. */
export function isOlderThanSynced(ghlUpdatedAt: string | undefined, current: IDataObject): boolean {
	const incoming = timeOf(ghlUpdatedAt);
	const synced = timeOf(syncedGhlUpdatedAt(current));
	return incoming !== undefined && synced !== undefined && incoming < synced;
}

/** True when `ghlUpdatedAt` should replace the stored time (it is newer, or none is stored). */
export function advancesSyncedTime(ghlUpdatedAt: string | undefined, current: IDataObject): boolean {
	const incoming = timeOf(ghlUpdatedAt);
	if (incoming === undefined) return false;
	const synced = timeOf(syncedGhlUpdatedAt(current));
	return synced === undefined || incoming > synced;
}
