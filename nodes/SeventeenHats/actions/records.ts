/**
 * The few 17hats flows that take more than one request, shared by the
 * operation files: an update that merges metadata, create-or-update, and
 * repeating one call for several ids. Every request goes through the
 * operation's transport (scopes, rate limit, retries, errors).
 */
import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { OperationContext } from '../../common/operation';
import type { PathParams } from '../../common/requestPath';
import type { FieldMap } from '../helpers/body';
import { mergeMetadata, type Metadata } from '../helpers/metadata';
import { recordBody } from './bodies';

/** One 17hats collection: its path, id field and scopes. */
export interface Collection {
	path: string;
	idKey: string;
	read: string;
	write: string;
}

const collection = (name: string, idKey: string): Collection => ({
	path: `/${name}`,
	idKey,
	read: `${name}:read`,
	write: `${name}:write`,
});

export const CONTACTS = collection('contacts', 'contact_id');
export const PROJECTS = collection('projects', 'project_id');
export const DOCUMENTS = collection('documents', 'document_id');
export const CONTRACTS = collection('contracts', 'contract_id');
export const INVOICES = collection('invoices', 'invoice_id');

interface Call {
	method: IHttpRequestMethods;
	/** Path template; ids go in `pathParams`, never into the path itself. */
	path: string;
	pathParams?: PathParams;
	scope: string;
	qs?: IDataObject;
	body?: IDataObject;
}

/** One request on behalf of the operation's item. */
export async function hatsCall<T = IDataObject>(op: OperationContext, call: Call): Promise<T> {
	return await op.transport.call<T>(op.ctx, {
		method: call.method,
		path: call.path,
		pathParams: call.pathParams,
		qs: call.qs,
		body: call.body,
		scopes: [call.scope],
		itemIndex: op.itemIndex,
		retry: op.retry,
	});
}

/** One record (or a sub-resource of it): the path template and its id, e.g. `/contacts/{id}`. */
export function recordPath(c: Collection, id: string, suffix = ''): { path: string; pathParams: PathParams } {
	return { path: `${c.path}/{id}${suffix}`, pathParams: { id } };
}

/** Fails the item when an update has nothing to send. */
export function assertChanges(op: OperationContext, body: IDataObject): void {
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(op.ctx.getNode(), 'Nothing to update: set at least one field or metadata entry', {
			itemIndex: op.itemIndex,
		});
	}
}

/**
 * PATCH a record. Metadata is merged into the record's current metadata
 * (read first, or taken from `current` when the caller has it) unless the
 * item's Metadata Mode is Replace.
 */
export async function patchRecord(
	op: OperationContext,
	c: Collection,
	id: string,
	body: IDataObject,
	current?: IDataObject,
): Promise<IDataObject> {
	assertChanges(op, body);
	const replace = op.params.get<string>('metadataMode', 'merge') === 'replace';
	if (body.metadata && !replace) {
		const existing = current ?? (await hatsCall<IDataObject>(op, { method: 'GET', ...recordPath(c, id), scope: c.read }));
		body = { ...body, metadata: mergeMetadata(existing.metadata, body.metadata as Metadata) };
	}
	return await hatsCall(op, { method: 'PATCH', ...recordPath(c, id), scope: c.write, body });
}

/** The first record of a filtered list, if any. */
async function findOne(op: OperationContext, c: Collection, qs: IDataObject): Promise<IDataObject | undefined> {
	const page = await hatsCall<{ data?: IDataObject[] }>(op, { method: 'GET', path: c.path, scope: c.read, qs: { ...qs, limit: 1 } });
	return page.data?.[0];
}

export type UpsertAction = 'created' | 'updated';

/** The 17hats error code and details of a failed request's body, if it has them. */
function hatsErrorOf(error: NodeApiError): { code?: string; details: IDataObject } {
	const response = error.errorResponse as IDataObject | undefined;
	const body = response?.body as IDataObject | undefined;
	const inner = (body && typeof body === 'object' ? body.error : undefined) as IDataObject | undefined;
	return {
		code: typeof inner?.code === 'string' ? inner.code : undefined,
		details: (inner?.details && typeof inner.details === 'object' ? inner.details : {}) as IDataObject,
	};
}

/**
 * Create or update, matched by external ID, then by email. A record found by
 * email that is already linked to a different external ID is not taken over:
 * the item fails naming both IDs. A 409 duplicate_external_id on create
 * (another worker won the race) turns into re-reading that record and
 * updating it; any other error (other 409s included) is 17hats' own, as the
 * transport reports it.
 */
export async function upsertRecord(
	op: OperationContext,
	c: Collection,
	body: IDataObject,
	matchBy: Array<'external_id' | 'email'>,
): Promise<IDataObject> {
	const externalId = typeof body.external_id === 'string' ? body.external_id : '';
	for (const key of matchBy) {
		const value = body[key];
		if (typeof value !== 'string' || value === '') continue;
		const found = await findOne(op, c, { [key]: value });
		if (!found) continue;
		const linkedTo = typeof found.external_id === 'string' ? found.external_id : '';
		if (key !== 'external_id' && externalId !== '' && linkedTo !== '' && linkedTo !== externalId) {
			throw new NodeOperationError(
				op.ctx.getNode(),
				`A 17hats ${c.path.slice(1, -1)} with this ${key} (${String(found[c.idKey])}) is already linked to external ID ${linkedTo}`,
				{
					itemIndex: op.itemIndex,
					description: `This item has external ID ${externalId}. Nothing was changed: updating that record would re-link it from ${linkedTo} to ${externalId}. Merge or unlink the records in 17hats, or give this item a different ${key}.`,
				},
			);
		}
		return { ...(await patchRecord(op, c, String(found[c.idKey]), body, found)), action: 'updated', matched_by: key };
	}
	let failure: unknown;
	try {
		const created = await hatsCall(op, { method: 'POST', path: c.path, scope: c.write, body });
		return { ...created, action: 'created', matched_by: null };
	} catch (error) {
		failure = error;
	}
	// Only a 409 duplicate_external_id is ours to resolve; anything else is rethrown as the transport built it.
	const duplicate = failure instanceof NodeApiError && failure.httpCode === '409' ? hatsErrorOf(failure) : undefined;
	if (duplicate?.code !== 'duplicate_external_id') throw failure;
	const existingId = String(duplicate.details.existing_id ?? '');
	if (existingId === '') {
		throw new NodeOperationError(op.ctx.getNode(), '17hats reported a duplicate external ID without naming the record', {
			itemIndex: op.itemIndex,
		});
	}
	const current = await hatsCall(op, { method: 'GET', ...recordPath(c, existingId), scope: c.read });
	return { ...(await patchRecord(op, c, existingId, body, current)), action: 'updated', matched_by: 'external_id' };
}

/** POST the same sub-resource call once per id; the last answer is the output. */
export async function postEach(
	op: OperationContext,
	c: Collection,
	id: string,
	suffix: string,
	bodies: IDataObject[],
): Promise<IDataObject> {
	let last: IDataObject = {};
	for (const body of bodies) last = await hatsCall(op, { method: 'POST', ...recordPath(c, id, suffix), scope: c.write, body });
	return last;
}

/** The execute of an Update operation: the item's Update Fields and Metadata, PATCHed with metadata merged. */
export function updateFrom(c: Collection, idParam: string, map: FieldMap) {
	return async (op: OperationContext): Promise<IDataObject> =>
		await patchRecord(op, c, op.params.pathId(idParam), recordBody(op.params, map, { collection: 'updateFields' }));
}
