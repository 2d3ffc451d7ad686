/**
 * Create-or-update of one 17hats record, linked to GHL by `external_id`:
 * find by external id (then by a fallback such as e-mail), compare the mapped
 * fields with the record, PATCH only what changed, create when missing, and
 * turn a 409 duplicate_external_id (a racing worker) into a re-read + update.
 * Nothing is kept in memory between items or executions.
 */
import type { IDataObject } from 'n8n-workflow';
import { randomString } from 'n8n-workflow';

import { isStatusDowngrade, STATUS_RANKS, type StatusRank } from '../mapping/statusMaps';
import { advancesSyncedTime, GHL_UPDATED_AT_KEY, isOlderThanSynced, syncedGhlUpdatedAt } from './freshness';
import { ID_FIELD, type HatsClient, type HatsResource } from './hatsClient';

export type SyncAction = 'created' | 'updated' | 'skipped' | 'deleted' | 'failed';

export interface FieldChange {
	before: unknown;
	after: unknown;
}

export interface StepResult {
	/** Which 17hats record: contact, project, document, contract, invoice, welcome, renewalNotice. */
	record: string;
	action: SyncAction;
	hatsId: string | null;
	externalId: string;
	changes: Record<string, FieldChange>;
	last_synced_at: string | null;
	/** The record after the step (in dry run: the record as it would be). */
	current?: IDataObject;
	warnings: string[];
	/** Why a step was skipped when it is not "already in sync": `stale` (an older GHL record than the one synced last). */
	reason?: 'stale';
}

export interface UpsertSpec {
	record: string;
	resource: HatsResource;
	externalId: string;
	/** Mapped fields plus links (contact_id, project_id …). */
	desired: IDataObject;
	/** Stable metadata keys (source, ghl_id …), merged into the record's metadata. */
	metadata: IDataObject;
	/** Looks for an unlinked record when the external id finds nothing (contacts: e-mail). */
	fallbackFind?: () => Promise<IDataObject | undefined>;
	/** Fields that must be present to create the record; names the GHL field when missing. */
	requiredOnCreate?: Array<{ field: string; ghlField: string }>;
	/** Values used only when creating (never overwrite a record on update). */
	createDefaults?: IDataObject;
	/** Adjusts the desired fields once the current record is known (e.g. no status downgrade). */
	adjust?: (desired: IDataObject, current: IDataObject) => IDataObject;
	/** Checks the body before a create (e.g. a contact needs a name or e-mail). */
	validateCreate?: (body: IDataObject) => void;
	/** The record already looked up by external id (null: none), to save a request. */
	lookedUp?: IDataObject | null;
	/** When GHL last changed the record (ISO): an older one than the record was synced from changes nothing. */
	ghlUpdatedAt?: string;
	now: string;
}

/**
 * Metadata key a create carries with a random value: when the answer to a
 * create is lost and the repeated create meets 409, it tells this run's own
 * record from one another run created at the same time.
 */
export const CREATE_ID_KEY = 'sync_create_id';

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

/** The status order of the records that have one (mapping/statusMaps.ts STATUS_RANKS). */
const RANK_OF: Partial<Record<HatsResource, StatusRank>> = {
	documents: STATUS_RANKS.document,
	contracts: STATUS_RANKS.contract,
	invoices: STATUS_RANKS.invoice,
};

export interface DiffOptions {
	/** The record's status order: a `status` that would go back is left out (with a warning). */
	rank?: StatusRank;
	/** Names the record in warnings. */
	record?: string;
}

/** Fields that move with the status (an older event's values are older too). */
const PROGRESS_FIELDS = new Set(['amount_paid', 'paid_at', 'sent_at']);

/** The fields of `desired` the current record differs in, with before/after. */
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
		if (staleEvent && (field === 'status' || PROGRESS_FIELDS.has(field))) continue;
		if (!sameValue(field, value, current[field])) {
			patch[field] = value;
			changes[field] = { before: current[field] ?? null, after: value };
		}
	}
	if (externalId !== undefined && current.external_id !== externalId) {
		patch.external_id = externalId;
		changes.external_id = { before: current.external_id ?? null, after: externalId };
	}
	const currentMeta = isObject(current.metadata) ? current.metadata : {};
	const metaChanged = Object.entries(metadata).filter(([k, v]) => v !== undefined && currentMeta[k] !== v);
	if (metaChanged.length > 0) {
		patch.metadata = { ...currentMeta, ...metadata };
		for (const [k, v] of metaChanged) changes[`metadata.${k}`] = { before: currentMeta[k] ?? null, after: v };
	}
	return { patch, changes, warnings };
}

function hatsErrorCode(body: unknown): string | undefined {
	const error = isObject(body) && isObject(body.error) ? body.error : undefined;
	return typeof error?.code === 'string' ? error.code : undefined;
}

export class MissingFieldError extends Error {}

async function update(
	client: HatsClient,
	spec: UpsertSpec,
	current: IDataObject,
	warnings: string[],
): Promise<StepResult> {
	const idField = ID_FIELD[spec.resource];
	const hatsId = String(current[idField]);
	const base = { record: spec.record, hatsId, externalId: spec.externalId, warnings };
	if (isOlderThanSynced(spec.ghlUpdatedAt, current)) {
		warnings.push(
			`${spec.record}: GHL's record (updated ${String(spec.ghlUpdatedAt)}) is older than the one last synced (${String(syncedGhlUpdatedAt(current))}); nothing was changed (a late or repeated GHL event)`,
		);
		return { ...base, action: 'skipped', reason: 'stale', changes: {}, last_synced_at: (current.last_synced_at as string) ?? null, current };
	}
	const desired = spec.adjust ? spec.adjust({ ...spec.desired }, current) : spec.desired;
	// The GHL update time is recorded with a real change, never written alone.
	const diff = diffRecord(desired, current, spec.metadata, spec.externalId, { rank: RANK_OF[spec.resource], record: spec.record });
	const { patch, changes } = diff;
	warnings.push(...diff.warnings);
	if (Object.keys(patch).length === 0) {
		return { ...base, action: 'skipped', changes: {}, last_synced_at: (current.last_synced_at as string) ?? null, current };
	}
	if (advancesSyncedTime(spec.ghlUpdatedAt, current)) {
		const currentMeta = (patch.metadata ?? current.metadata ?? {}) as IDataObject;
		patch.metadata = { ...currentMeta, [GHL_UPDATED_AT_KEY]: spec.ghlUpdatedAt as string };
		changes[`metadata.${GHL_UPDATED_AT_KEY}`] = { before: syncedGhlUpdatedAt(current) ?? null, after: spec.ghlUpdatedAt };
	}
	patch.last_synced_at = spec.now;
	if (client.dryRun) {
		return { ...base, action: 'updated', changes, last_synced_at: null, current: { ...current, ...patch } };
	}
	const { body } = await client.write('PATCH', `/${spec.resource}/{id}`, patch, [], { id: hatsId });
	return { ...base, action: 'updated', changes, last_synced_at: spec.now, current: body };
}

export async function upsert(client: HatsClient, spec: UpsertSpec): Promise<StepResult> {
	const warnings: string[] = [];
	let current =
		spec.lookedUp !== undefined
			? (spec.lookedUp ?? undefined)
			: await client.findOne(spec.resource, { external_id: spec.externalId });
	if (!current && spec.fallbackFind) {
		const candidate = await spec.fallbackFind();
		if (candidate && candidate.external_id && candidate.external_id !== spec.externalId) {
			warnings.push(
				`A 17hats ${spec.record} with the same e-mail (${String(candidate[ID_FIELD[spec.resource]])}) is linked to another GHL record (${String(candidate.external_id)}); a new one was created`,
			);
		} else if (candidate) {
			warnings.push(`Linked to the existing 17hats ${spec.record} ${String(candidate[ID_FIELD[spec.resource]])} found by e-mail`);
			current = candidate;
		}
	}
	if (current) return await update(client, spec, current, warnings);

	const body: IDataObject = {};
	for (const [k, v] of Object.entries(spec.createDefaults ?? {})) if (v !== undefined) body[k] = v;
	for (const [k, v] of Object.entries(spec.desired)) if (v !== undefined) body[k] = v;
	for (const req of spec.requiredOnCreate ?? []) {
		if (body[req.field] === undefined || body[req.field] === null || body[req.field] === '') {
			throw new MissingFieldError(
				`Cannot create the 17hats ${spec.record}: its field "${req.field}" has no value (GHL field "${req.ghlField}" is empty)`,
			);
		}
	}
	spec.validateCreate?.(body);
	body.external_id = spec.externalId;
	body.metadata = spec.ghlUpdatedAt ? { ...spec.metadata, [GHL_UPDATED_AT_KEY]: spec.ghlUpdatedAt } : spec.metadata;
	body.last_synced_at = spec.now;
	const changes: Record<string, FieldChange> = {};
	for (const [k, v] of Object.entries(body)) if (k !== 'last_synced_at') changes[k] = { before: null, after: v };
	if (client.dryRun) {
		return { record: spec.record, action: 'created', hatsId: null, externalId: spec.externalId, changes, last_synced_at: null, current: body, warnings };
	}
	const createId = randomString(16);
	body.metadata = { ...(body.metadata as IDataObject), [CREATE_ID_KEY]: createId };
	const created = await client.write('POST', `/${spec.resource}`, body, [409]);
	if (created.status === 409) {
		// Another worker created it between our read and our write: read it and update.
		const code = hatsErrorCode(created.body);
		if (code !== undefined && code !== 'duplicate_external_id') {
			throw new Error(`17hats answered 409 (${code}) creating the ${spec.record}`);
		}
		const existingId = isObject(created.body.error) && isObject(created.body.error.details) ? created.body.error.details.existing_id : undefined;
		const raced =
			(await client.findOne(spec.resource, { external_id: spec.externalId })) ??
			(typeof existingId === 'string' ? await client.get(spec.resource, existingId) : undefined);
		if (!raced) throw new Error(`17hats reported a duplicate external_id "${spec.externalId}" but the ${spec.record} cannot be read`);
		if (isObject(raced.metadata) && raced.metadata[CREATE_ID_KEY] === createId) {
			// This run's own create: 17hats applied it, the answer was lost and the repeat met it.
			return {
				record: spec.record,
				action: 'created',
				hatsId: String(raced[ID_FIELD[spec.resource]]),
				externalId: spec.externalId,
				changes,
				last_synced_at: spec.now,
				current: raced,
				warnings,
			};
		}
		warnings.push(`Another run created this ${spec.record} at the same time (409 duplicate_external_id); updated it instead`);
		return await update(client, spec, raced, warnings);
	}
	return {
		record: spec.record,
		action: 'created',
		hatsId: String(created.body[ID_FIELD[spec.resource]]),
		externalId: spec.externalId,
		changes,
		last_synced_at: spec.now,
		current: created.body,
		warnings,
	};
}
