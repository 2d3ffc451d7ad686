/**
 * The GHL Poll Trigger's memory and change detection, as pure functions.
 *
 * Per resource the node keeps, in the workflow's static data:
 * - `since`: when polling started (records created before it are never "new");
 * - `watermark`: the newest change time seen (contacts are fetched back to it);
 * - `known`: id → fingerprint of the last version seen (status, payment
 *   status, update time), bounded in size;
 * - `offset` (documents, invoices): where the next poll goes on reading the
 *   list (a sweep over several polls, bounded by Max Pages Per Poll);
 * - `backlog` (contacts): an unfinished walk stopped by the page cap.
 * A record produces an event only when its fingerprint differs from the
 * remembered one, and the fingerprint is remembered as the event is produced:
 * the same version never produces an event twice.
 */
import type { IDataObject } from 'n8n-workflow';

export type PollResource = 'document' | 'contact' | 'invoice';

export interface PollRecord {
	id: string;
	createdAt?: number;
	updatedAt?: number;
	status?: string;
	paymentStatus?: string;
	type?: string;
	locationId?: string;
	raw: IDataObject;
}

export interface Fingerprint extends IDataObject {
	s?: string;
	p?: string;
	u?: number;
}

/** Where an unfinished contact walk goes on, and how far down it must go. */
export interface ContactBacklog extends IDataObject {
	/** The search cursor after the last contact read (or a page number when the API gives none). */
	searchAfter?: unknown[];
	page?: number;
	/** Read down to this change time (ms). */
	floor: number;
}

export interface ResourceState extends IDataObject {
	/** Settings the state was built for; a change starts over without a flood. */
	key: string;
	since: number;
	watermark: number;
	known: IDataObject;
	offset?: number;
	backlog?: ContactBacklog;
}

export interface PollFilters {
	events: string[];
	statuses: string[];
	paymentStatuses: string[];
	types: string[];
}

export interface PollEvent extends IDataObject {
	event: string;
	entity: string;
	id: string;
	locationId: string | null;
	changedAt: string | null;
	detectedAt: string;
	previous: IDataObject | null;
	data: IDataObject;
}

export const MAX_KNOWN = 20_000;
/** Contacts are re-read this far behind the watermark (late index updates). */
export const CONTACT_OVERLAP_MS = 5 * 60 * 1000;

const ENTITY: Record<PollResource, string> = { document: 'Document', contact: 'Contact', invoice: 'Invoice' };
const EVENT_NAMES: Record<string, string> = {
	new: 'Created',
	updated: 'Updated',
	statusChanged: 'StatusChanged',
	paymentStatusChanged: 'PaymentStatusChanged',
};

export function toMs(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value !== 'string' || value === '') return undefined;
	const ms = Date.parse(value);
	return Number.isFinite(ms) ? ms : undefined;
}

export function fingerprintOf(resource: PollResource, record: PollRecord): Fingerprint {
	if (resource === 'contact') return { u: record.updatedAt };
	if (resource === 'invoice') return { s: record.status, u: record.updatedAt };
	return { s: record.status, p: record.paymentStatus, u: record.updatedAt };
}

export function stateFor(staticData: IDataObject, resource: PollResource, key: string): ResourceState | undefined {
	const all = (staticData.resources ?? {}) as IDataObject;
	const state = all[resource] as ResourceState | undefined;
	return state && state.key === key ? state : undefined;
}

export function saveState(staticData: IDataObject, resource: PollResource, state: ResourceState): void {
	const all = (staticData.resources ??= {}) as IDataObject;
	all[resource] = state;
}

function passesFilters(record: PollRecord, filters: PollFilters): boolean {
	if (filters.types.length > 0 && !filters.types.includes(String(record.type ?? ''))) return false;
	if (filters.statuses.length > 0 && !filters.statuses.includes(String(record.status ?? ''))) return false;
	if (filters.paymentStatuses.length > 0 && !filters.paymentStatuses.includes(String(record.paymentStatus ?? ''))) {
		return false;
	}
	return true;
}

function makeEvent(
	resource: PollResource,
	kind: string,
	record: PollRecord,
	previous: Fingerprint | undefined,
	now: number,
): PollEvent {
	const prev: IDataObject | null = previous
		? resource === 'contact'
			? { dateUpdated: previous.u !== undefined ? new Date(previous.u).toISOString() : null }
			: {
					status: previous.s ?? null,
					...(resource === 'document' ? { paymentStatus: previous.p ?? null } : {}),
					updatedAt: previous.u !== undefined ? new Date(previous.u).toISOString() : null,
				}
		: null;
	return {
		event: `${ENTITY[resource]}${EVENT_NAMES[kind]}`,
		entity: ENTITY[resource],
		id: record.id,
		locationId: record.locationId ?? null,
		changedAt: record.updatedAt !== undefined ? new Date(record.updatedAt).toISOString() : null,
		detectedAt: new Date(now).toISOString(),
		previous: prev,
		data: record.raw,
	};
}

/** What changed for one record, given its remembered fingerprint; [] when nothing to report. */
export function eventsFor(
	resource: PollResource,
	record: PollRecord,
	previous: Fingerprint | undefined,
	state: ResourceState,
	filters: PollFilters,
	now: number,
): PollEvent[] {
	const current = fingerprintOf(resource, record);
	const wanted = (kind: string) => filters.events.includes(kind);
	if (!previous) {
		const isNew = record.createdAt !== undefined ? record.createdAt >= state.since : false;
		if (isNew) return wanted('new') && passesFilters(record, filters) ? [makeEvent(resource, 'new', record, undefined, now)] : [];
		// Not new and never seen: contacts re-read since the watermark have changed;
		// for listed resources an old record seen for the first time is only remembered.
		if (resource === 'contact' && record.updatedAt !== undefined && record.updatedAt >= state.since) {
			return wanted('updated') ? [makeEvent(resource, 'updated', record, undefined, now)] : [];
		}
		return [];
	}
	const events: PollEvent[] = [];
	if (resource === 'contact') {
		if (current.u !== previous.u && wanted('updated')) events.push(makeEvent(resource, 'updated', record, previous, now));
		return events;
	}
	if (current.s !== previous.s && wanted('statusChanged')) {
		if (filters.statuses.length === 0 || filters.statuses.includes(String(current.s ?? ''))) {
			if (filters.types.length === 0 || filters.types.includes(String(record.type ?? ''))) {
				events.push(makeEvent(resource, 'statusChanged', record, previous, now));
			}
		}
	}
	if (resource === 'document' && current.p !== previous.p && wanted('paymentStatusChanged')) {
		if (filters.paymentStatuses.length === 0 || filters.paymentStatuses.includes(String(current.p ?? ''))) {
			if (filters.types.length === 0 || filters.types.includes(String(record.type ?? ''))) {
				events.push(makeEvent(resource, 'paymentStatusChanged', record, previous, now));
			}
		}
	}
	return events;
}

/**
 * Compares fetched records with the state, returns the events and updates
 * the state in place (fingerprints, watermark, bounded size).
 */
export function diffRecords(
	resource: PollResource,
	records: PollRecord[],
	state: ResourceState,
	filters: PollFilters,
	now: number,
): PollEvent[] {
	const known = state.known as Record<string, Fingerprint>;
	const events: PollEvent[] = [];
	const seenThisPoll = new Set<string>();
	// Oldest change first, so a flow processes changes in the order they happened.
	const ordered = [...records].sort((a, b) => (a.updatedAt ?? 0) - (b.updatedAt ?? 0));
	for (const record of ordered) {
		if (seenThisPoll.has(record.id)) continue;
		seenThisPoll.add(record.id);
		events.push(...eventsFor(resource, record, known[record.id], state, filters, now));
		known[record.id] = fingerprintOf(resource, record);
		if (record.updatedAt !== undefined && record.updatedAt > state.watermark) state.watermark = record.updatedAt;
	}
	prune(resource, state);
	return events;
}

/** Records the current versions without reporting anything (first activation). */
export function baseline(resource: PollResource, records: PollRecord[], state: ResourceState): void {
	const known = state.known as Record<string, Fingerprint>;
	for (const record of records) {
		known[record.id] = fingerprintOf(resource, record);
		if (record.updatedAt !== undefined && record.updatedAt > state.watermark) state.watermark = record.updatedAt;
	}
	prune(resource, state);
}

function prune(resource: PollResource, state: ResourceState): void {
	const known = state.known as Record<string, Fingerprint>;
	if (resource === 'contact') {
		// Contacts are only re-read back to watermark − overlap (or an unfinished
		// walk's floor); older memories are never consulted.
		const lowest = state.backlog ? Math.min(state.watermark, state.backlog.floor) : state.watermark;
		const horizon = lowest - 2 * CONTACT_OVERLAP_MS;
		for (const [id, fp] of Object.entries(known)) if ((fp.u ?? 0) < horizon) delete known[id];
	}
	const ids = Object.keys(known);
	if (ids.length > MAX_KNOWN) {
		ids.sort((a, b) => (known[a].u ?? 0) - (known[b].u ?? 0));
		for (const id of ids.slice(0, ids.length - MAX_KNOWN)) delete known[id];
	}
}
