/**
 * A poll trigger's memory for an API that lists records changed since a time
 * (an inclusive `updated_since`), kept in the workflow's static data.
 *
 * - `horizon`: the next poll reads every record with an update time at or
 *   after it. It trails the newest update time seen by an overlap, so a record
 *   written while a poll was reading (or stamped a little out of order) is
 *   still read by the next one; it is never set from the n8n clock, except on
 *   the first poll.
 * - `seen`: id → what the last read version looked like (update time `u`,
 *   plus whatever the caller keeps), for every record seen with `u` at or
 *   after the horizon. A record read again with the same `u` is the same
 *   version: it is skipped, so records changed in the same millisecond (or
 *   second) as the horizon are neither lost nor reported twice.
 * Invariant: a record seen with `u >= horizon` is in `seen`. So a record read
 * with no entry was never seen with that update time, and when it was created
 * at or after the horizon it was never seen at all (it is new).
 * Bounded: entries below the horizon are dropped (the list no longer returns
 * them); past `maxEntries` the oldest go and the horizon moves up to them.
 */
import type { IDataObject } from 'n8n-workflow';

export interface SeenVersion extends IDataObject {
	/** Update time (ms). */
	u: number;
}

export interface ChangeWindow extends IDataObject {
	/** Settings the memory was built for; other settings start over without a flood. */
	key: string;
	/** Read from here (ms, inclusive). */
	horizon: number;
	seen: IDataObject;
}

/** How far the horizon trails the newest change seen. */
export const DEFAULT_OVERLAP_MS = 5 * 60 * 1000;
export const DEFAULT_MAX_SEEN = 10_000;

/** Milliseconds since the epoch of an ISO time (or a number), undefined when there is none. */
export function toMs(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value !== 'string' || value === '') return undefined;
	const ms = Date.parse(value);
	return Number.isFinite(ms) ? ms : undefined;
}

/** The window kept under `slot`, if it was built for `key`. */
export function loadWindow(staticData: IDataObject, slot: string, key: string): ChangeWindow | undefined {
	const state = staticData[slot] as ChangeWindow | undefined;
	return state && state.key === key && typeof state.horizon === 'number' ? state : undefined;
}

export function saveWindow(staticData: IDataObject, slot: string, state: ChangeWindow): void {
	// Assigning (not mutating) marks n8n's observable static data as changed, so it is saved.
	staticData[slot] = state;
}

/** A first window: reads from `now - overlap` (the only time the n8n clock is used). */
export function newWindow(key: string, now: number, overlapMs = DEFAULT_OVERLAP_MS): ChangeWindow {
	return { key, horizon: now - overlapMs, seen: {} };
}

export function seenVersion<T extends SeenVersion>(state: ChangeWindow, id: string): T | undefined {
	return state.seen[id] as T | undefined;
}

/** Whether this version (id + update time) was read before, or an older read than one seen. */
export function alreadySeen(state: ChangeWindow, id: string, updatedAt: number): boolean {
	const previous = state.seen[id] as SeenVersion | undefined;
	return previous !== undefined && previous.u >= updatedAt;
}

export function remember(state: ChangeWindow, id: string, version: SeenVersion): void {
	state.seen[id] = version;
}

/**
 * After a poll: moves the horizon up to (newest change seen − overlap), drops
 * what the list can no longer return, and keeps at most `maxEntries`.
 */
export function advance(state: ChangeWindow, newestChange: number | undefined, options: { overlapMs?: number; maxEntries?: number } = {}): void {
	const overlap = options.overlapMs ?? DEFAULT_OVERLAP_MS;
	const max = options.maxEntries ?? DEFAULT_MAX_SEEN;
	if (newestChange !== undefined) state.horizon = Math.max(state.horizon, newestChange - overlap);
	const seen = state.seen as Record<string, SeenVersion>;
	let ids = Object.keys(seen);
	for (const id of ids) if (seen[id].u < state.horizon) delete seen[id];
	ids = Object.keys(seen);
	if (ids.length <= max) return;
	// Too many: keep the newest; the horizon moves to the oldest time kept (ties at it all stay).
	ids.sort((a, b) => seen[b].u - seen[a].u);
	const cut = seen[ids[max - 1]].u;
	state.horizon = Math.max(state.horizon, cut);
	for (const id of ids) if (seen[id].u < cut) delete seen[id];
}
