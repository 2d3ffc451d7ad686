/** The 17hats domain layer both nodes use: collections, client, upsert, errors, metadata, status order. */
export { HatsClient, DryRunWrite, type CreateOutcome, type SendOutcome, type UpdateOutcome } from './client';
export { COLLECTION_NAMES, COLLECTIONS, TEMPLATES, type Collection, type CollectionName, type RecordCollection } from './collections';
export { diffRecord, sameValue, type DiffOptions, type FieldChange } from './diff';
export { conflictOf, hatsErrorOf, readHatsError, type HatsErrorBody } from './errors';
export { GHL_UPDATED_AT_KEY } from './freshness';
export { mergeMetadata, metadataOf, type Metadata } from './metadata';
export { hasContactIdentity } from './rules';
export { isStatusDowngrade, STATUS_RANKS, type RankedRecord, type StatusRank } from './statusOrder';
export {
	CREATE_ID_KEY,
	MAX_WRITE_ATTEMPTS,
	MissingFieldError,
	upsertByExternalId,
	type MatchedBy,
	type StepResult,
	type SyncAction,
	type UpsertSpec,
} from './upsert';
