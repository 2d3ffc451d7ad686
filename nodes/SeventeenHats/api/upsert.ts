/**
 * Create-or-update of one 17hats record linked by `external_id`, for both
 * nodes: find it by external id (then, for contacts, by email), PATCH only
 * what differs, or create it; a 409 duplicate_external_id on the create (a
 * racing run, or this run's own create whose answer was lost) is resolved
 * here. Nothing is kept in memory between items or executions.
 *
 * A record found by email that is already linked to another external id
 * belongs to another record of the source (a studio may have two GHL contacts
 * sharing an email): it is never taken over. A new record is created for this
 * external id, with a warning naming the other one.
 */
import type { IDataObject } from 'n8n-workflow';
import { randomString } from 'n8n-workflow';

import type { HatsClient } from './client';
import { COLLECTIONS, type CollectionName } from './collections';
import { diffRecord, type FieldChange } from './diff';
import { advancesSyncedTime, GHL_UPDATED_AT_KEY, isOlderThanSynced, syncedGhlUpdatedAt } from './freshness';
import { mergeMetadata, metadataOf } from './metadata';
import type { StatusRank } from './statusOrder';

export type SyncAction = 'created' | 'updated' | 'skipped' | 'deleted' | 'failed';

/** How the record was found: by its external id, by email, or not at all (created). */
export type MatchedBy = 'external_id' | 'email' | null;

export interface StepResult {
	/** Which 17hats record: contact, project, document, contract, invoice, welcome, renewalNotice. */
	record: string;
	action: SyncAction;
	hatsId: string | null;
	externalId: string;
	/** The diff: every field written (or, in dry run, that would be), before → after. */
	changes: Record<string, FieldChange>;
	last_synced_at: string | null;
	/** The record after the step (in dry run: the record as it would be). */
	current?: IDataObject;
	warnings: string[];
	/** Why a step was skipped when it is not "already in sync": `stale` (an older GHL record than the one synced last). */
	reason?: 'stale';
	matchedBy?: MatchedBy;
}

export interface UpsertSpec {
	/** Names the record in results and messages: contact, project, welcome … */
	record: string;
	collection: CollectionName;
	/** The link (e.g. the GHL id); empty: matched by email only and created unlinked. */
	externalId: string;
	/** The fields the record should have (mapped fields plus links: contact_id, project_id …). */
	desired: IDataObject;
	/** Metadata keys the record should have; empty leaves its metadata alone. */
	metadata: IDataObject;
	/** Merge (default): laid over the record's metadata. Replace: the whole metadata. */
	metadataMode?: 'merge' | 'replace';
	/** Looked for when the external id finds nothing (contacts). */
	email?: string;
	/** Fields that must be present to create the record; names the GHL field when missing. */
	requiredOnCreate?: Array<{ field: string; ghlField: string }>;
	/** Values used only when creating (never overwrite a record on update). */
	createDefaults?: IDataObject;
	/** Adjusts the desired fields once the current record is known (e.g. a recurring contract stays active). */
	adjust?: (desired: IDataObject, current: IDataObject) => IDataObject;
	/** Checks the body before a create (e.g. a contact needs a name or email). */
	validateCreate?: (body: IDataObject) => void;
	/** The record already looked up by external id (null: none), to save a request. */
	lookedUp?: IDataObject | null;
	/** The status order: a status that would go back is kept (with a warning). */
	statusOrder?: StatusRank;
	/** When the source last changed the record (ISO): an older one than the record was synced from changes nothing. */
	ghlUpdatedAt?: string;
	/** Stamped as `last_synced_at` on every write; unset: only the given fields are written. */
	now?: string;
}

/**
 * Metadata key a create carries with a random value: when the answer to a
 * create is lost and the repeated create meets 409, it tells this run's own
 * record from one another run created at the same time.
 */
export const CREATE_ID_KEY = 'sync_create_id';

/** A field a create needs has no value. */
export class MissingFieldError extends Error {}

const lastSyncedOf = (record: IDataObject): string | null => (typeof record.last_synced_at === 'string' ? record.last_synced_at : null);

export async function upsertByExternalId(client: HatsClient, spec: UpsertSpec): Promise<StepResult> {
	const { idKey } = COLLECTIONS[spec.collection];
	const warnings: string[] = [];
	let current =
		spec.lookedUp !== undefined
			? (spec.lookedUp ?? undefined)
			: spec.externalId
				? await client.findOne(spec.collection, { external_id: spec.externalId })
				: undefined;
	let matchedBy: MatchedBy = current ? 'external_id' : null;
	if (!current && spec.email) {
		const candidate = await client.findOne(spec.collection, { email: spec.email });
		const linkedTo = typeof candidate?.external_id === 'string' ? candidate.external_id : '';
		if (candidate && spec.externalId && linkedTo !== '' && linkedTo !== spec.externalId) {
			warnings.push(
				`A 17hats ${spec.record} with the same email (${String(candidate[idKey])}) is linked to another external ID (${linkedTo}); it was left as it is and a new one was created`,
			);
		} else if (candidate) {
			if (spec.externalId) warnings.push(`Linked to the existing 17hats ${spec.record} ${String(candidate[idKey])} found by email`);
			current = candidate;
			matchedBy = 'email';
		}
	}
	if (current) return await update(client, spec, current, warnings, matchedBy);
	return await create(client, spec, warnings);
}

/**
 * How often a write is decided anew after 17hats answered `modified` (another
 * run wrote the record between this run's read and write); each time from a
 * fresh read, so only as many retries as runs writing the record at once.
 */
export const MAX_WRITE_ATTEMPTS = 25;

async function update(
	client: HatsClient,
	spec: UpsertSpec,
	current: IDataObject,
	warnings: string[],
	matchedBy: MatchedBy,
	attempt = 1,
): Promise<StepResult> {
	// This attempt's own warnings (stale, status kept) are left out if it has to decide again.
	const warningsBefore = [...warnings];
	const hatsId = String(current[COLLECTIONS[spec.collection].idKey]);
	const base = { record: spec.record, hatsId, externalId: spec.externalId, warnings, matchedBy };
	if (isOlderThanSynced(spec.ghlUpdatedAt, current)) {
		warnings.push(
			`${spec.record}: GHL's record (updated ${String(spec.ghlUpdatedAt)}) is older than the one last synced (${String(syncedGhlUpdatedAt(current))}); nothing was changed (a late or repeated GHL event)`,
		);
		return { ...base, action: 'skipped', reason: 'stale', changes: {}, last_synced_at: lastSyncedOf(current), current };
	}
	const desired = spec.adjust ? spec.adjust({ ...spec.desired }, current) : spec.desired;
	const diff = diffRecord(desired, current, spec.metadata, spec.externalId || undefined, {
		rank: spec.statusOrder,
		record: spec.record,
		metadataMode: spec.metadataMode,
	});
	const { patch, changes } = diff;
	warnings.push(...diff.warnings);
	if (Object.keys(patch).length === 0) {
		return { ...base, action: 'skipped', changes: {}, last_synced_at: lastSyncedOf(current), current };
	}
	// The GHL update time is recorded with a real change, never written alone.
	if (advancesSyncedTime(spec.ghlUpdatedAt, current)) {
		patch.metadata = mergeMetadata(patch.metadata ?? current.metadata, { [GHL_UPDATED_AT_KEY]: spec.ghlUpdatedAt });
		changes[`metadata.${GHL_UPDATED_AT_KEY}`] = { before: syncedGhlUpdatedAt(current) ?? null, after: spec.ghlUpdatedAt };
	}
	if (spec.now) patch.last_synced_at = spec.now;
	if (client.dryRun) {
		return { ...base, action: 'updated', changes, last_synced_at: null, current: { ...current, ...patch } };
	}
	const readAt = typeof current.updated_at === 'string' ? current.updated_at : undefined;
	if (readAt === undefined) {
		const updated = await client.update(spec.collection, hatsId, patch);
		return { ...base, action: 'updated', changes, last_synced_at: spec.now ?? lastSyncedOf(updated), current: updated };
	}
	// Written only over the record this decision was made on: a run writing it meanwhile
	// (older or newer data, another status) makes this run read it again and decide anew.
	const outcome = await client.updateIfUnchanged(spec.collection, hatsId, patch, readAt);
	if ('updated' in outcome) {
		return { ...base, action: 'updated', changes, last_synced_at: spec.now ?? lastSyncedOf(outcome.updated), current: outcome.updated };
	}
	if (attempt >= MAX_WRITE_ATTEMPTS) {
		throw client.failure(
			`The 17hats ${spec.record} ${hatsId} kept changing while it was being updated (${attempt} attempts)`,
			'Other runs wrote the record between every read and write of this one. Nothing was changed by this run; run it again.',
		);
	}
	const fresh = await client.getIfExists(spec.collection, hatsId);
	if (!fresh) {
		throw client.failure(`The 17hats ${spec.record} ${hatsId} was deleted while it was being updated`, 'Nothing was changed.');
	}
	return await update(client, spec, fresh, warningsBefore, matchedBy, attempt + 1);
}

async function create(client: HatsClient, spec: UpsertSpec, warnings: string[]): Promise<StepResult> {
	const { idKey } = COLLECTIONS[spec.collection];
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
	if (spec.externalId) body.external_id = spec.externalId;
	const metadata = mergeMetadata(spec.metadata, { [GHL_UPDATED_AT_KEY]: spec.ghlUpdatedAt });
	if (Object.keys(metadata).length > 0) body.metadata = metadata;
	if (spec.now) body.last_synced_at = spec.now;
	const changes: Record<string, FieldChange> = {};
	for (const [k, v] of Object.entries(body)) if (k !== 'last_synced_at') changes[k] = { before: null, after: v };
	const created = (record: IDataObject): StepResult => ({
		record: spec.record,
		action: 'created',
		hatsId: String(record[idKey]),
		externalId: spec.externalId,
		changes,
		last_synced_at: spec.now ?? lastSyncedOf(record),
		current: record,
		warnings,
		matchedBy: null,
	});
	if (client.dryRun) {
		return { ...created(body), hatsId: null, last_synced_at: null };
	}
	// Only a create with an external id can meet 409, so only it needs to know its own record again.
	const createId = spec.externalId ? randomString(16) : undefined;
	if (createId) body.metadata = mergeMetadata(metadata, { [CREATE_ID_KEY]: createId });
	const outcome = await client.create(spec.collection, body);
	if ('created' in outcome) return created(outcome.created);

	// 409 duplicate_external_id: another run created it between our read and our write, or this run did and lost the answer.
	const existing =
		(outcome.duplicateOf ? await client.getIfExists(spec.collection, outcome.duplicateOf) : undefined) ??
		(await client.findOne(spec.collection, { external_id: spec.externalId }));
	if (!existing) {
		throw client.failure(
			`17hats reported a duplicate external ID "${spec.externalId}" but the ${spec.record} cannot be found`,
			`17hats answered 409 duplicate_external_id to the create, yet neither the record it named nor a ${spec.record} with this external ID can be read. Nothing was changed.`,
		);
	}
	if (metadataOf(existing.metadata)[CREATE_ID_KEY] === createId) return created(existing);
	warnings.push(`Another run created this ${spec.record} at the same time (409 duplicate_external_id); updated it instead`);
	return await update(client, spec, existing, warnings, 'external_id');
}
