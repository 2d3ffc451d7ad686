/**
 * What an update would change on a 17hats record: the fields that differ
 * (before → after), and the PATCH body that changes only those.
 */
import type { IDataObject } from 'n8n-workflow';

import { mergeMetadata, metadataOf } from './metadata';
import { isStatusDowngrade, type StatusRank } from './statusOrder';

export interface FieldChange {
	before: unknown;
	after: unknown;
}

const isObject = (v: unknown): v is IDataObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function sameArray(a: unknown[], b: unknown[]): boolean {
	if (a.length !== b.length) return false;
	const sa = a.map(String).sort();
	const sb = b.map(String).sort();
	return sa.every((v, i) => v === sb[i]);
}

/** True when the record already holds the desired value. */
export function sameValue(field: string, desired: unknown, current: unknown): boolean {
	if (desired === current) return true;
	if (desired === null || desired === undefined) return current === null || current === undefined;
	if (Array.isArray(desired)) return Array.isArray(current) && sameArray(desired, current);
	if (isObject(desired)) {
		const c = isObject(current) ? current : {};
		return Object.entries(desired).every(([k, v]) => sameValue(`${field}.${k}`, v, c[k]));
	}
	if (typeof desired === 'number') return current !== null && current !== undefined && Number(current) === desired;
	if (field === 'email' && typeof current === 'string') return current.toLowerCase() === String(desired).toLowerCase();
	return false;
}

export interface DiffOptions {
	/** The record's status order: a `status` that would go back is left out (with a warning). */
	rank?: StatusRank;
	/** Names the record in warnings. */
	record?: string;
	/** Merge (default): the given metadata keys are laid over the record's. Replace: they become its whole metadata. */
	metadataMode?: 'merge' | 'replace';
}

/** Fields that move with the status (an older event's values are older too). */
const PROGRESS_FIELDS = new Set(['amount_paid', 'paid_at', 'sent_at']);

/**
 * Whether a late event's value of a progress field adds progress the record
 * lacks (a payment retried after the void): it never undoes progress, so the
 * record ends the same whichever of the events came first.
 */
function addsProgress(field: string, value: unknown, current: unknown): boolean {
	if (current === undefined || current === null || current === '') return value !== undefined && value !== null && value !== '';
	return field === 'amount_paid' && typeof value === 'number' && Number(current) < value;
}

/** The fields of `desired` the current record differs in, with before/after; empty `metadata` leaves it alone. */
export function diffRecord(
	desired: IDataObject,
	current: IDataObject,
	metadata: IDataObject = {},
	externalId?: string,
	options: DiffOptions = {},
): { patch: IDataObject; changes: Record<string, FieldChange>; warnings: string[] } {
	const patch: IDataObject = {};
	const changes: Record<string, FieldChange> = {};
	const warnings: string[] = [];
	const staleEvent =
		options.rank !== undefined && desired.status !== undefined && isStatusDowngrade(options.rank, current.status, desired.status);
	if (staleEvent) {
		warnings.push(
			`${options.record ?? 'record'}.status: kept "${String(current.status)}"; GHL's "${String(desired.status)}" would move it back (a late or repeated GHL event)`,
		);
	}
	for (const [field, value] of Object.entries(desired)) {
		if (value === undefined) continue;
		// A stale event must not undo the progress its status stands for either.
		if (staleEvent && (field === 'status' || (PROGRESS_FIELDS.has(field) && !addsProgress(field, value, current[field])))) continue;
		if (!sameValue(field, value, current[field])) {
			patch[field] = value;
			changes[field] = { before: current[field] ?? null, after: value };
		}
	}
	if (externalId !== undefined && current.external_id !== externalId) {
		patch.external_id = externalId;
		changes.external_id = { before: current.external_id ?? null, after: externalId };
	}
	const currentMeta = metadataOf(current.metadata);
	const next = options.metadataMode === 'replace' ? mergeMetadata(undefined, metadata) : mergeMetadata(current.metadata, metadata);
	const keys = Object.keys(metadata).length === 0 ? [] : [...new Set([...Object.keys(currentMeta), ...Object.keys(next)])];
	const changedKeys = keys.filter((k) => currentMeta[k] !== next[k]);
	if (changedKeys.length > 0) {
		patch.metadata = next;
		for (const k of changedKeys) changes[`metadata.${k}`] = { before: currentMeta[k] ?? null, after: next[k] ?? null };
	}
	return { patch, changes, warnings };
}
