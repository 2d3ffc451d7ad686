/**
 * Reads an item's fields into a 17hats body: the operation's own top-level
 * fields (required ones fail the item naming the field), its Additional or
 * Update Fields collection, and its Metadata.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemParameters } from '../../common/operation';
import { hasContactIdentity } from '../api/rules';
import { buildBody, type FieldMap } from '../helpers/body';
import { metadataFromCollection } from '../helpers/metadata';

export interface BodyFields {
	/** Top-level fields that must have a value. */
	required?: string[];
	/** Top-level fields that may be empty. */
	optional?: string[];
	/** The collection holding the rest. */
	collection?: 'additionalFields' | 'updateFields';
	/** Fail the item when Metadata has no entry. */
	metadataRequired?: boolean;
}

export function recordBody(p: ItemParameters, map: FieldMap, fields: BodyFields = {}): IDataObject {
	const values: IDataObject = fields.collection ? { ...p.collection(fields.collection) } : {};
	for (const name of fields.optional ?? []) values[name] = p.optional(name);
	for (const name of fields.required ?? []) values[name] = p.required(name);
	const body = buildBody(values, map);
	const metadata = metadataFromCollection(p.get('metadata', {}));
	if (metadata) body.metadata = metadata;
	else if (fields.metadataRequired) {
		throw new NodeOperationError(p.ctx.getNode(), 'The field "Metadata" is required', { itemIndex: p.itemIndex });
	}
	return body;
}

/** A body a contact can be created from: 17hats needs a first name, last name or email, checked before sending. */
export function creatableContactBody(p: ItemParameters, map: FieldMap, fields: BodyFields): IDataObject {
	const body = recordBody(p, map, fields);
	if (!hasContactIdentity(body)) {
		throw new NodeOperationError(p.ctx.getNode(), 'The fields "First Name", "Last Name" and "Email" are all empty: set at least one', {
			itemIndex: p.itemIndex,
		});
	}
	return body;
}
