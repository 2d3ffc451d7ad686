import type { OperationDefinition } from '../../../common/operation';
import { DOCUMENT_MAP } from '../../helpers/maps';
import { recordBody } from '../bodies';
import { CONTACT, locator, metadataField, nameField } from '../common.descriptions';
import { documentAdditionalFields, documentTypeField } from './document.fields';

export const createDocument: OperationDefinition = {
	resource: 'document',
	operation: 'create',
	name: 'Create',
	action: 'Create a document',
	description: 'Create a 17hats document (quote, contract, invoice, questionnaire) for a contact',
	method: 'POST',
	path: '/documents',
	scopes: ['documents:write'],
	properties: [locator(CONTACT), nameField, documentTypeField, documentAdditionalFields, metadataField],
	request: (p) => ({
		body: recordBody(p, DOCUMENT_MAP, { required: ['contactId', 'name', 'documentType'], collection: 'additionalFields' }),
	}),
};
