/**
 * The 17hats Trigger's change detection, as pure functions over the shared
 * change window (nodes/common/changeWindow.ts).
 *
 * A record read with an update time not seen before is a new version; what it
 * reports:
 * - created: it has no entry and was created at or after the horizon, so no
 *   earlier poll can have read it (the window's invariant);
 * - updated (contacts): any other new version;
 * - a status event (documents, contracts: status changed; invoices: paid,
 *   voided): 17hats stamps `status_changed_at` whenever `status` takes a new
 *   value, so the status changed since the last report when that stamp differs
 *   from the remembered one, or, with no entry, when it is at or after the
 *   horizon (an older stamp was reported or predates the trigger). A new
 *   record's first status counts unless it is `draft`. The previous status is
 *   given when the memory still has it (null otherwise).
 * Two status changes between polls show as one (the latest): polling sees
 * states, not transitions.
 */
import type { IDataObject } from 'n8n-workflow';

import { alreadySeen, remember, seenVersion, toMs, type ChangeWindow, type SeenVersion } from '../../common/changeWindow';
import { COLLECTIONS } from '../api/collections';
import { INITIAL_STATUS, TRIGGER_RESOURCES, type TriggerResource } from './resources';

export interface SeenRecord extends SeenVersion {
	/** status_changed_at (ms). */
	c?: number;
	s?: string;
}

export interface TriggerFilters {
	events: string[];
	/** Statuses a status event is limited to (documents, contracts); empty = any. */
	statuses: string[];
}

export interface TriggerEvent extends IDataObject {
	event: string;
	entity: string;
	id: string;
	status: string | null;
	previous: IDataObject | null;
	/** When the reported change happened in 17hats (the status change for status events). */
	changedAt: string | null;
	detectedAt: string;
	data: IDataObject;
}

export interface ReadRecord {
	id: string;
	createdAt: number;
	updatedAt: number;
	statusChangedAt?: number;
	status?: string;
	raw: IDataObject;
}

/** A listed 17hats record as the detection reads it; undefined when it lacks an id or times. */
export function readRecord(resource: TriggerResource, raw: IDataObject): ReadRecord | undefined {
	const id = raw[COLLECTIONS[TRIGGER_RESOURCES[resource].collection].idKey];
	const updatedAt = toMs(raw.updated_at);
	if (typeof id !== 'string' || id === '' || updatedAt === undefined) return undefined;
	return {
		id,
		createdAt: toMs(raw.created_at) ?? updatedAt,
		updatedAt,
		statusChangedAt: toMs(raw.status_changed_at),
		status: typeof raw.status === 'string' ? raw.status : undefined,
		raw,
	};
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

function statusEventName(resource: TriggerResource, status: string | undefined, filters: TriggerFilters): string | undefined {
	const wanted = (e: string) => filters.events.includes(e);
	if (resource === 'invoice') {
		if (status === 'paid' && wanted('paid')) return 'InvoicePaid';
		if (status === 'void' && wanted('voided')) return 'InvoiceVoided';
		return undefined;
	}
	if (!wanted('statusChanged')) return undefined;
	if (filters.statuses.length > 0 && !filters.statuses.includes(String(status))) return undefined;
	return `${TRIGGER_RESOURCES[resource].entity}StatusChanged`;
}

/** The events one new version of a record stands for ([] when none is wanted). */
export function eventsFor(
	resource: TriggerResource,
	record: ReadRecord,
	previous: SeenRecord | undefined,
	horizon: number,
	filters: TriggerFilters,
	now: number,
): TriggerEvent[] {
	const def = TRIGGER_RESOURCES[resource];
	const isNew = previous === undefined && record.createdAt >= horizon;
	const event = (name: string, changedAt: number | undefined, prev: IDataObject | null): TriggerEvent => ({
		event: name,
		entity: def.entity,
		id: record.id,
		status: record.status ?? null,
		previous: prev,
		changedAt: iso(changedAt),
		detectedAt: new Date(now).toISOString(),
		data: record.raw,
	});
	const out: TriggerEvent[] = [];
	if (isNew && filters.events.includes('created')) out.push(event(`${def.entity}Created`, record.createdAt, null));
	if (!def.hasStatus) {
		if (!isNew && filters.events.includes('updated')) {
			out.push(event(`${def.entity}Updated`, record.updatedAt, previous ? { updatedAt: iso(previous.u) } : null));
		}
		return out;
	}
	const stamp = record.statusChangedAt;
	const statusMoved = previous
		? stamp !== undefined
			? stamp !== previous.c
			: record.status !== previous.s
		: isNew
			? record.status !== INITIAL_STATUS
			: stamp !== undefined && stamp >= horizon;
	if (!statusMoved) return out;
	const name = statusEventName(resource, record.status, filters);
	if (name) {
		const prev = previous ? { status: previous.s ?? null, statusChangedAt: iso(previous.c) } : null;
		out.push(event(name, stamp ?? record.updatedAt, prev));
	}
	return out;
}

function versionOf(record: ReadRecord): SeenRecord {
	const v: SeenRecord = { u: record.updatedAt };
	if (record.statusChangedAt !== undefined) v.c = record.statusChangedAt;
	if (record.status !== undefined) v.s = record.status;
	return v;
}

/**
 * Compares one poll's records with the window, returns the events (oldest
 * change first) and records every new version in the window. Returns the
 * newest update time read, for `advance`.
 */
export function diffRecords(
	resource: TriggerResource,
	records: ReadRecord[],
	state: ChangeWindow,
	filters: TriggerFilters,
	now: number,
): { events: TriggerEvent[]; newest: number | undefined } {
	const horizon = state.horizon;
	const events: TriggerEvent[] = [];
	let newest: number | undefined;
	const ordered = [...records].sort((a, b) => a.updatedAt - b.updatedAt || a.id.localeCompare(b.id));
	for (const record of ordered) {
		newest = newest === undefined ? record.updatedAt : Math.max(newest, record.updatedAt);
		if (alreadySeen(state, record.id, record.updatedAt)) continue;
		events.push(...eventsFor(resource, record, seenVersion<SeenRecord>(state, record.id), horizon, filters, now));
		remember(state, record.id, versionOf(record));
	}
	return { events, newest };
}

/** Records the versions read without reporting anything (first activation). */
export function baseline(records: ReadRecord[], state: ChangeWindow): number | undefined {
	let newest: number | undefined;
	for (const record of records) {
		newest = newest === undefined ? record.updatedAt : Math.max(newest, record.updatedAt);
		remember(state, record.id, versionOf(record));
	}
	return newest;
}
