/**
 * The 17hats operations that take more than one request, shared by the
 * operation files: an update that merges metadata, create-or-update, and one
 * call per id. Every request goes through the 17hats client (nodes/SeventeenHats/api).
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemParameters, OperationContext } from '../../common/operation';
import { HatsClient } from '../api/client';
import { COLLECTIONS, type CollectionName } from '../api/collections';
import { mergeMetadata } from '../api/metadata';
import { upsertByExternalId } from '../api/upsert';
import type { FieldMap } from '../helpers/body';
import { recordBody } from './bodies';

/** Fails the item when an update has nothing to send. */
export function assertChanges(op: OperationContext, body: IDataObject): void {
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(op.ctx.getNode(), 'Nothing to update: set at least one field or metadata entry', {
			itemIndex: op.itemIndex,
		});
	}
}

const metadataMode = (op: OperationContext) => (op.params.get<string>('metadataMode', 'merge') === 'replace' ? 'replace' : 'merge');

/**
 * PATCH a record. Metadata is merged into the record's current metadata
 * (read first) unless the item's Metadata Mode is Replace.
 */
export async function patchRecord(op: OperationContext, name: CollectionName, id: string, body: IDataObject): Promise<IDataObject> {
	assertChanges(op, body);
	const client = HatsClient.forOperation(op);
	if (body.metadata && metadataMode(op) === 'merge') {
		body = { ...body, metadata: mergeMetadata((await client.get(name, id)).metadata, body.metadata as IDataObject) };
	}
	return await client.update(name, id, body);
}

/**
 * Create or update by external ID (then email), as the sync node does it:
 * only the fields that differ are PATCHed. The output is the record plus
 * `action`, `matched_by`, `changes` and `warnings`.
 */
export async function upsertRecord(op: OperationContext, name: CollectionName, body: IDataObject): Promise<IDataObject> {
	const { external_id: externalId, metadata, ...desired } = body;
	const step = await upsertByExternalId(HatsClient.forOperation(op), {
		record: COLLECTIONS[name].noun,
		collection: name,
		externalId: typeof externalId === 'string' ? externalId : '',
		desired,
		metadata: (metadata ?? {}) as IDataObject,
		metadataMode: metadataMode(op),
		email: typeof desired.email === 'string' ? desired.email : undefined,
	});
	return {
		...step.current,
		action: step.action,
		matched_by: step.matchedBy ?? null,
		changes: step.changes as unknown as IDataObject,
		warnings: step.warnings,
	};
}

/** POST the same sub-resource call once per id; the last answer is the output. */
export async function postEach(
	op: OperationContext,
	name: CollectionName,
	id: string,
	action: string,
	bodies: IDataObject[],
): Promise<IDataObject> {
	const client = HatsClient.forOperation(op);
	let last: IDataObject = {};
	for (const body of bodies) last = await client.postTo(name, id, action, body);
	return last;
}

/** The execute of an Update operation: the item's Update Fields and Metadata, PATCHed with metadata merged. */
export function updateFrom(name: CollectionName, idParam: string, map: FieldMap) {
	return async (op: OperationContext): Promise<IDataObject> =>
		await patchRecord(op, name, op.params.pathId(idParam), recordBody(op.params, map, { collection: 'updateFields' }));
}

/**
 * The record key (see OperationDefinition.recordKey) of an operation on one
 * record whose ID is in `idParam`: the record's path, as the default gives for
 * request operations on it (`/documents/doc_1`), so a Set Metadata and a Send
 * on one document keep their input order too. An ID that cannot be read
 * leaves the item keyless; it fails when it runs.
 */
export function recordKeyOf(name: CollectionName, idParam: string) {
	return (params: ItemParameters): string | undefined => {
		try {
			return `${COLLECTIONS[name].path}/${params.pathId(idParam)}`;
		} catch {
			return undefined;
		}
	};
}

/**
 * The record key of a Create or Update: the external ID it matches first, else
 * the email, so two items that would create the same record run in order (the
 * second finds what the first made). Neither: keyless.
 */
export function upsertKeyOf(name: CollectionName) {
	return (params: ItemParameters): string | undefined => {
		const externalId = params.optional('externalId');
		if (externalId !== undefined) return `${COLLECTIONS[name].path}?external_id=${externalId}`;
		const email = params.optional('email');
		return email === undefined ? undefined : `${COLLECTIONS[name].path}?email=${email.toLowerCase()}`;
	};
}
