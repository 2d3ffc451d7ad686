import type { OperationDefinition } from '../../../common/operation';
import { DOCUMENT_MAP } from '../../helpers/maps';
import { recordBody } from '../bodies';
import { DOCUMENT, lastSyncedAtField, locator, metadataField, metadataModeField } from '../common.descriptions';
import { patchRecord, recordKeyOf } from '../records';

export const setDocumentMetadata: OperationDefinition = {
	resource: 'document',
	operation: 'setMetadata',
	name: 'Attach Metadata',
	action: 'Attach metadata to a document',
	description: "Merge key/value pairs into a document's metadata (or replace it)",
	method: 'PATCH',
	path: '/documents/{id}',
	scopes: ['documents:write'],
	properties: [locator(DOCUMENT), { ...metadataField, required: true }, metadataModeField, lastSyncedAtField],
	recordKey: recordKeyOf('documents', 'documentId'),
	execute: async (op) =>
		await patchRecord(op, 'documents', op.params.pathId('documentId'), recordBody(op.params, DOCUMENT_MAP, { optional: ['lastSyncedAt'], metadataRequired: true })),
};
