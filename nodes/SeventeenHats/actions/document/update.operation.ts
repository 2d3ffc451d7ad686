import type { OperationDefinition } from '../../../common/operation';
import { DOCUMENT_MAP } from '../../helpers/maps';
import { DOCUMENT, locator, metadataField, metadataModeField } from '../common.descriptions';
import { recordKeyOf, updateFrom } from '../records';
import { documentUpdateFields } from './document.fields';

export const updateDocument: OperationDefinition = {
	resource: 'document',
	operation: 'update',
	name: 'Update',
	action: 'Update a document',
	description: 'Update a 17hats document; metadata is merged unless Metadata Mode is Replace',
	method: 'PATCH',
	path: '/documents/{id}',
	scopes: ['documents:write'],
	properties: [locator(DOCUMENT), documentUpdateFields, metadataField, metadataModeField],
	recordKey: recordKeyOf('documents', 'documentId'),
	execute: updateFrom('documents', 'documentId', DOCUMENT_MAP),
};
