/**
 * Replay guard: a delivery's `timestamp` must be within a tolerance of now,
 * and its `webhookId` must not have been seen before. Seen ids live in a
 * bounded store (the trigger keeps it in the workflow's static data).
 *
 * Limits: the store is this workflow's static data, read and written by each
 * delivery without a lock, so two deliveries of the same id at the same moment
 * (or on two queue-mode webhook processors) can both pass. It is a best-effort
 * guard; the idempotency of what the flow does (e.g. the sync node's) is the
 * real one.
 */
import type { IDataObject } from 'n8n-workflow';

export const DEFAULT_TOLERANCE_MS = 5 * 60 * 1000;
/** Upper bound on remembered ids, whatever the traffic. */
export const MAX_REMEMBERED_IDS = 5000;
/** Ids are kept at least this long (deliveries without a timestamp). */
export const MIN_RETENTION_MS = 60 * 60 * 1000;

/** Reads an ISO date, epoch seconds or epoch milliseconds. */
export function parseTimestamp(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value < 1e12 ? value * 1000 : value;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(value.trim())) return parseTimestamp(Number(value));
	const ms = Date.parse(value);
	return Number.isFinite(ms) ? ms : undefined;
}

export type TimestampVerdict = 'ok' | 'missing' | 'invalid' | 'stale' | 'future';

export function checkTimestamp(value: unknown, now: number, toleranceMs: number): TimestampVerdict {
	if (value === undefined || value === null || value === '') return 'missing';
	const ms = parseTimestamp(value);
	if (ms === undefined) return 'invalid';
	if (now - ms > toleranceMs) return 'stale';
	if (ms - now > toleranceMs) return 'future';
	return 'ok';
}

export interface ReplayStore extends IDataObject {
	/** webhookId → when it was accepted (ms). */
	seen: IDataObject;
}

export function replayStore(staticData: IDataObject): ReplayStore {
	const store = (staticData.replay ??= { seen: {} }) as ReplayStore;
	if (!store.seen || typeof store.seen !== 'object') store.seen = {};
	return store;
}

export function clearReplayStore(staticData: IDataObject): void {
	delete staticData.replay;
}

export function alreadySeen(store: ReplayStore, webhookId: string): boolean {
	return Object.prototype.hasOwnProperty.call(store.seen, webhookId);
}

/**
 * Records an id, dropping expired ones and the oldest beyond the bound. With
 * a tolerance, an id outlives the window in which its delivery could pass the
 * timestamp check; with none (0) nothing else stops an old delivery, so ids
 * are kept until the store is full.
 */
export function remember(store: ReplayStore, webhookId: string, now: number, toleranceMs: number): void {
	const retention = toleranceMs > 0 ? Math.max(2 * toleranceMs, MIN_RETENTION_MS) : Number.POSITIVE_INFINITY;
	const seen = store.seen as Record<string, number>;
	for (const [id, at] of Object.entries(seen)) if (now - at > retention) delete seen[id];
	seen[webhookId] = now;
	const ids = Object.keys(seen);
	if (ids.length > MAX_REMEMBERED_IDS) {
		ids.sort((a, b) => seen[a] - seen[b]);
		for (const id of ids.slice(0, ids.length - MAX_REMEMBERED_IDS)) delete seen[id];
	}
}
